import type { ProfileClients } from '../services/profile-clients';
import type { ScimCheckService } from '../services/scim/scim-check-service';
import type { EventBus } from './event-bus';
import type { Handlers } from './handle';

interface Deps {
  clients: ProfileClients;
  checks: ScimCheckService;
  events: EventBus;
}

export function scimHandlers(deps: Deps): Pick<Handlers, 'scim:runChecks' | 'scim:cancel'> {
  return {
    'scim:runChecks': async ({ profileId, write }) =>
      deps.checks.run(await deps.clients.profile(profileId), {
        write,
        onResult: (result, index, total) => deps.events.emit('scim:progress', { profileId, index, total, result }),
      }),
    'scim:cancel': ({ profileId }) => ({ cancelled: deps.checks.cancel(profileId) }),
  };
}
