import { SetupService } from '../services/setup/setup-service';
import type { SetupDeps } from '../services/setup/setup-context';
import type { Handlers } from './handle';

export type SetupHandlerDeps = SetupDeps;

export function setupHandlers(deps: SetupHandlerDeps): Pick<Handlers, 'setup:get' | 'setup:runStep' | 'setup:searchGroups' | 'setup:listGroupRules' | 'sandbox:playStep'> {
  const setup = new SetupService(deps);
  return {
    'setup:get': ({ profileId }) => setup.get(profileId),
    'setup:runStep': ({ profileId, stepId, input }) => setup.runStep(profileId, stepId, input),
    'setup:searchGroups': async ({ profileId, query }) => ({ groups: await setup.searchGroups(profileId, query) }),
    'setup:listGroupRules': async ({ profileId }) => ({ rules: await setup.listGroupRules(profileId) }),
    'sandbox:playStep': ({ profileId, stepId }) => setup.playStep(profileId, stepId),
  };
}
