import type { ProfileClients } from '../services/profile-clients';
import type { Handlers } from './handle';

export function oktaHandlers(clients: ProfileClients): Pick<Handlers, 'okta:verifyToken'> {
  return {
    'okta:verifyToken': async ({ profileId }) => {
      const profile = await clients.profile(profileId);
      const result = await clients.okta(profile).probePermissions();
      return { orgUrl: profile.okta.orgUrl, ...result };
    },
  };
}
