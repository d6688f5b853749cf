import type { SandboxService } from '../services/sandbox/sandbox-service';
import type { Handlers } from './handle';

export function sandboxHandlers(sandbox: SandboxService): Pick<Handlers, 'sandbox:start' | 'sandbox:info' | 'sandbox:faults' | 'sandbox:setFaults'> {
  return {
    'sandbox:start': () => sandbox.start(),
    'sandbox:info': () => sandbox.info(),
    'sandbox:faults': () => sandbox.faults(),
    'sandbox:setFaults': ({ target, settings }) => sandbox.setFaults(target, settings),
  };
}
