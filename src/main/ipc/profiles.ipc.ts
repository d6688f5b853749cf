import type { DamagedProfiles } from '../services/profiles/damaged-profiles';
import type { ProfilesService } from '../services/profiles/profiles-service';
import type { Handlers } from './handle';

type ProfileChannels =
  | 'profiles:list'
  | 'profiles:get'
  | 'profiles:create'
  | 'profiles:rename'
  | 'profiles:update'
  | 'profiles:delete'
  | 'profiles:export'
  | 'profiles:import'
  | 'profiles:damagedInfo'
  | 'profiles:restoreBackup'
  | 'profiles:recoverDamaged'
  | 'profiles:deleteDamagedSecrets';

export function profilesHandlers(profiles: ProfilesService, damaged: DamagedProfiles): Pick<Handlers, ProfileChannels> {
  return {
    'profiles:list': () => profiles.list(),
    'profiles:get': ({ profileId }) => profiles.get(profileId),
    'profiles:create': (input) => profiles.create(input),
    'profiles:rename': ({ profileId, name }) => profiles.rename(profileId, name),
    'profiles:update': ({ profileId, ...patch }) => profiles.updateDetails(profileId, patch),
    'profiles:delete': async ({ profileId }) => {
      await profiles.delete(profileId);
      return { deleted: true as const };
    },
    'profiles:export': ({ profileId }) => profiles.export(profileId),
    'profiles:import': ({ fileName, content }) => profiles.import(fileName, content),
    'profiles:damagedInfo': ({ file }) => damaged.info(file),
    'profiles:restoreBackup': ({ file }) => damaged.restore(file),
    'profiles:recoverDamaged': ({ file, profile }) => damaged.recoverInto(file, profile),
    'profiles:deleteDamagedSecrets': ({ file }) => damaged.deleteSecrets(file),
  };
}
