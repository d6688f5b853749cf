import { AppError } from '../../shared/errors';
import type { ProfileClients } from '../services/profile-clients';
import type { ProfileStore } from '../services/profiles/profile-store';
import { runScimChecks } from '../services/scim/scim-checker';
import type { SecretStore } from '../services/secrets/secret-store';
import type { EventBus } from './event-bus';
import type { Handlers } from './handle';

interface Deps {
  clients: ProfileClients;
  store: ProfileStore;
  secrets: SecretStore;
  events: EventBus;
  allowLoopback: boolean;
}

export function scimHandlers(deps: Deps): Pick<Handlers, 'scim:runChecks'> {
  return {
    'scim:runChecks': async ({ profileId, write }) => {
      const profile = await deps.clients.profile(profileId);
      const baseUrl = profile.threatlocker.scimUrl;
      if (!baseUrl) {
        throw new AppError('VALIDATION', 'This profile has no SCIM API Url yet.', {
          hint: 'Copy the API Url from ThreatLocker: Integrations -> SCIM Integration, and add it to the profile.',
        });
      }
      const token = await deps.secrets.require(profileId, 'scimBearerToken', 'ThreatLocker SCIM bearer token');
      const run = await runScimChecks({
        baseUrl,
        token,
        write,
        // Plain http is only ever the sandbox's (or a tester's with --allow-loopback) loopback server.
        allowHttpLoopback: profile.sandbox || deps.allowLoopback,
        onResult: (result, index, total) => deps.events.emit('scim:progress', { profileId, index, total, result }),
      });
      // Saved with the profile so offline review and reports can use it.
      await deps.store.update(profileId, (p) => ({ ...p, scimChecks: run }));
      return run;
    },
  };
}
