import type { SandboxService } from '../services/sandbox/sandbox-service';
import type { SandboxInfo } from '../../shared/ipc-contract';
import type { EventBus } from './event-bus';
import type { Handlers } from './handle';

/** The sandbox service's state callback, forwarded to the renderer as `sandbox:state`. */
export const sandboxStateTo = (events: EventBus) => (sandbox: SandboxInfo) => events.emit('sandbox:state', sandbox);

export function sandboxHandlers(sandbox: SandboxService): Pick<Handlers, 'sandbox:start' | 'sandbox:info' | 'sandbox:faults' | 'sandbox:setFaults' | 'sandbox:roles' | 'sandbox:setRoleDeleted'> {
  return {
    'sandbox:start': () => sandbox.start(),
    'sandbox:info': () => sandbox.info(),
    'sandbox:faults': () => sandbox.faults(),
    'sandbox:setFaults': ({ target, settings }) => sandbox.setFaults(target, settings),
    'sandbox:roles': ({ organizationId }) => sandbox.roles(organizationId),
    'sandbox:setRoleDeleted': ({ organizationId, roleId, deleted }) => sandbox.setRoleDeleted(organizationId, roleId, deleted),
  };
}
