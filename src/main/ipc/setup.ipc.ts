import type { SetupService } from '../services/setup/setup-service';
import type { Handlers } from './handle';

export function setupHandlers(setup: SetupService): Pick<Handlers, 'setup:get' | 'setup:runStep' | 'setup:searchGroups' | 'setup:listGroupRules' | 'sandbox:playStep'> {
  return {
    'setup:get': ({ profileId }) => setup.get(profileId),
    'setup:runStep': ({ profileId, stepId, input }) => setup.runStep(profileId, stepId, input),
    'setup:searchGroups': async ({ profileId, query }) => ({ groups: await setup.searchGroups(profileId, query) }),
    'setup:listGroupRules': async ({ profileId }) => ({ rules: await setup.listGroupRules(profileId) }),
    'sandbox:playStep': ({ profileId, stepId }) => setup.playStep(profileId, stepId),
  };
}
