import type { SetupService } from '../services/setup/setup-service';
import type { EventPayload } from '../../shared/ipc-contract';
import type { EventBus } from './event-bus';
import type { Handlers } from './handle';

/** The setup steps' progress callback, forwarded to the renderer as `setup:progress`. */
export const setupProgressTo = (events: EventBus) => (progress: EventPayload<'setup:progress'>) => events.emit('setup:progress', progress);

export function setupHandlers(setup: SetupService): Pick<Handlers, 'setup:get' | 'setup:runStep' | 'setup:searchGroups' | 'setup:listGroupRules' | 'sandbox:playStep'> {
  return {
    'setup:get': ({ profileId }) => setup.get(profileId),
    'setup:runStep': ({ profileId, stepId, input }) => setup.runStep(profileId, stepId, input),
    'setup:searchGroups': async ({ profileId, query }) => ({ groups: await setup.searchGroups(profileId, query) }),
    'setup:listGroupRules': async ({ profileId }) => ({ rules: await setup.listGroupRules(profileId) }),
    'sandbox:playStep': ({ profileId, stepId }) => setup.playStep(profileId, stepId),
  };
}
