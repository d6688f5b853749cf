/**
 * Runs the sandbox from a terminal (or from a test / e2e harness that reads its stdout):
 *
 *   tsx sandbox/cli.ts [--users N] [--groups N] [--seed N] [--org-type enterprise|developer] [--provisioned] [--faults SPEC]
 *
 * --org-type picks the published Okta rate limits of that kind of org (default enterprise);
 * --provisioned seeds a finished setup the way the wizard makes it and also prints OKTA_APP_ID.
 *
 * Prints one KEY=value line per endpoint and credential, then SANDBOX_READY, and serves until
 * SIGINT/SIGTERM. Exit codes: 0 after a signal, 1 if the servers failed to start, 2 on bad
 * arguments (the message on stderr says what to fix).
 */
import { describeFaultPlan, FAULT_SPEC_HELP, parseFaultSpec } from './fault-spec';
import type { Sandbox, SandboxOptions } from './index';

const usage = `Usage: tsx sandbox/cli.ts [--users N (0-100000)] [--groups N (0-10000)] [--seed N] [--org-type enterprise|developer] [--provisioned] [--faults SPEC]\n${FAULT_SPEC_HELP}`;
const ORG_TYPES = ['enterprise', 'developer'] as const;

const limits = {
  users: { min: 0, max: 100_000 },
  groups: { min: 0, max: 10_000 },
  seed: { min: 0, max: 2 ** 32 - 1 },
} as const;

type Flag = keyof typeof limits;

/** Returns the options, or an error message naming the argument to fix. */
function parseCliArgs(argv: readonly string[]): SandboxOptions | { error: string } | { help: true } {
  const options: SandboxOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--provisioned') {
      options.provisioned = true;
      continue;
    }
    const orgType = arg.match(/^--org-type(?:=(.*))?$/);
    if (orgType) {
      const raw = orgType[1] ?? argv[++i];
      if (!ORG_TYPES.includes(raw as (typeof ORG_TYPES)[number])) return { error: `--org-type must be enterprise or developer; got "${raw ?? ''}".` };
      options.orgType = raw as (typeof ORG_TYPES)[number];
      continue;
    }
    const faults = arg.match(/^--faults(?:=(.*))?$/);
    if (faults) {
      const spec = faults[1] ?? argv[++i];
      if (!spec) return { error: `--faults needs a SPEC. ${FAULT_SPEC_HELP}` };
      const plan = parseFaultSpec(spec);
      if ('error' in plan) return plan;
      options.faults = plan;
      continue;
    }
    const match = arg.match(/^--(users|groups|seed)(?:=(.*))?$/);
    if (!match) return { error: `Unknown argument "${arg}".` };
    const flag = match[1] as Flag;
    let raw = match[2];
    if (raw === undefined) {
      raw = argv[i + 1];
      i++;
    }
    if (raw === undefined || raw === '') return { error: `--${flag} needs a number.` };
    const { min, max } = limits[flag];
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      return { error: `--${flag} must be a whole number from ${min} to ${max}; got "${raw}".` };
    }
    options[flag] = Number(raw);
  }
  return options;
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if ('help' in parsed) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if ('error' in parsed) {
    process.stderr.write(`${parsed.error}\n${usage}\n`);
    process.exitCode = 2;
    return;
  }

  let sandbox: Sandbox;
  try {
    // Loaded only after the arguments are known good: bad arguments answer at once.
    const { startSandbox } = await import('./index');
    sandbox = await startSandbox(parsed);
  } catch (error) {
    process.stderr.write(`The sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  const { okta, threatlocker } = sandbox;
  const lines = [
    `OKTA_URL=${okta.url}`,
    `OKTA_TOKEN=${okta.apiToken}`,
    `THREATLOCKER_URL=${threatlocker.url}`,
    `THREATLOCKER_PORTAL_TOKEN=${threatlocker.portalToken}`,
    `SCIM_URL=${threatlocker.scimUrl}`,
    `SCIM_TOKEN=${threatlocker.scimToken}`,
    ...(sandbox.provisioned ? [`OKTA_APP_ID=${sandbox.provisioned.appId}`] : []),
    ...(parsed.orgType ? [`OKTA_ORG_TYPE=${okta.orgType}`] : []),
    ...(parsed.faults ? describeFaultPlan({ okta: {}, threatlocker: {}, ...parsed.faults }) : []),
    'SANDBOX_READY',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Stopping the sandbox failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
