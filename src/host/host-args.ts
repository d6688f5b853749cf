import { parseFaultSpec, type FaultPlan } from '../../sandbox/fault-spec';

export interface HostArgs {
  sandbox: boolean;
  /** Faults the built-in sandbox starts with (`--faults SPEC`, see sandbox/fault-spec.ts). */
  faults?: FaultPlan;
  dataDir: string | undefined;
  port: number | undefined;
  allowLoopback: boolean;
}

export class UsageError extends Error {}

export const HOST_USAGE = 'Usage: npm run browser -- [--sandbox] [--data-dir DIR] [--port N] [--allow-loopback] [--faults SPEC (with --sandbox)]';

export function parseHostArgs(argv: string[]): HostArgs {
  const args: HostArgs = { sandbox: false, dataDir: undefined, port: undefined, allowLoopback: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value.\n${HOST_USAGE}`);
      return next;
    };
    if (arg === '--sandbox') args.sandbox = true;
    else if (arg === '--allow-loopback') args.allowLoopback = true;
    else if (arg === '--data-dir') args.dataDir = value();
    else if (arg === '--faults') {
      const plan = parseFaultSpec(value());
      if ('error' in plan) throw new UsageError(plan.error);
      args.faults = plan;
    }
    else if (arg === '--port') {
      const raw = value();
      const port = Number(raw);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${raw}".`);
      args.port = port;
    } else throw new UsageError(`Unknown option "${arg}".\n${HOST_USAGE}`);
  }
  if (args.faults && !args.sandbox) throw new UsageError(`--faults applies to the built-in sandbox: add --sandbox.\n${HOST_USAGE}`);
  return args;
}
