import type { ProfilesService } from '../services/profiles/profiles-service';
import type { Handlers } from './handle';

export function profilesHandlers(
  profiles: ProfilesService,
): Pick<Handlers, 'profiles:list' | 'profiles:get' | 'profiles:create' | 'profiles:rename' | 'profiles:update' | 'profiles:delete' | 'profiles:export' | 'profiles:import'> {
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
  };
}
