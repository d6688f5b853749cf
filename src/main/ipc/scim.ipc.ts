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

export function scimHandlers(deps: Deps): Pick<Handlers, 'scim:runChecks' | 'scim:cancel'> {
  const running = new Map<string, AbortController>();
  return {
    'scim:runChecks': async ({ profileId, write }) => {
      if (running.has(profileId)) {
        throw new AppError('CONFLICT', 'A connection check is already running for this profile.', { hint: 'Wait for it to finish, or cancel it.' });
      }
      const profile = await deps.clients.profile(profileId);
      const baseUrl = profile.threatlocker.scimUrl;
      if (!baseUrl) {
        throw new AppError('VALIDATION', 'This profile has no SCIM API Url yet.', {
          hint: 'Copy the API Url from ThreatLocker: Integrations -> SCIM Integration, and add it to the profile.',
        });
      }
      const token = await deps.secrets.require(profileId, 'scimBearerToken', 'ThreatLocker SCIM bearer token');
      const controller = new AbortController();
      running.set(profileId, controller);
      let run;
      try {
        run = await runScimChecks({
          baseUrl,
          token,
          write,
          // Plain http is only ever the sandbox's (or a tester's with --allow-loopback) loopback server.
          allowHttpLoopback: profile.sandbox || deps.allowLoopback,
          signal: controller.signal,
          onResult: (result, index, total) => deps.events.emit('scim:progress', { profileId, index, total, result }),
        });
      } finally {
        running.delete(profileId);
      }
      // Saved with the profile so offline review and reports can use it.
      await deps.store.update(profileId, (p) => ({ ...p, scimChecks: run }));
      return run;
    },
    'scim:cancel': ({ profileId }) => {
      const controller = running.get(profileId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}
