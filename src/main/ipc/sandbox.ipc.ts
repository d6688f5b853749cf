import type { SandboxService } from '../services/sandbox/sandbox-service';
import type { Handlers } from './handle';

export function sandboxHandlers(sandbox: SandboxService): Pick<Handlers, 'sandbox:start' | 'sandbox:info'> {
  return {
    'sandbox:start': () => sandbox.start(),
    'sandbox:info': () => sandbox.info(),
  };
}
