export interface HostArgs {
  sandbox: boolean;
  dataDir: string | undefined;
  port: number | undefined;
  allowLoopback: boolean;
}

export class UsageError extends Error {}

export const HOST_USAGE = 'Usage: npm run browser -- [--sandbox] [--data-dir DIR] [--port N] [--allow-loopback]';

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
    else if (arg === '--port') {
      const raw = value();
      const port = Number(raw);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${raw}".`);
      args.port = port;
    } else throw new UsageError(`Unknown option "${arg}".\n${HOST_USAGE}`);
  }
  return args;
}
