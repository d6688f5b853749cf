/**
 * SCIM connection checker from the command line: the same checks as the console's SCIM screen.
 *
 *   SCIM_TOKEN=<token> npm run scim-check -- --url <SCIM base URL> [--write [--yes]] [--json]
 *
 * The token comes only from the environment so it never lands in shell history or `ps` output.
 * Exit codes: 0 no check failed (warnings allowed), 1 at least one check failed, 2 bad arguments.
 * --write asks for confirmation on a terminal; without a terminal (CI) it needs --yes.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../src/shared/errors';
import type { ScimCheckRun } from '../src/shared/scim-check';
import { formatLeftovers, formatScimHeader, formatScimResult, formatScimSummary } from '../src/shared/scim-check-text';
import { Redactor } from '../src/main/services/log/redactor';
import { runScimChecks } from '../src/main/services/scim/scim-checker';
import { normalizeScimBaseUrl } from '../src/main/services/scim/scim-url';

const usage = `Usage: SCIM_TOKEN=<token> npm run scim-check -- --url <SCIM base URL> [options]

Runs Okta's SCIM connector checks (numbered as in scim-checks.md) against a SCIM endpoint,
for example ThreatLocker's "API Url" from Integrations -> SCIM Integration.

Options:
  --url <url>        SCIM base URL (https; http only for 127.0.0.1, ::1, localhost)
  --write            also run the write checks 11-18: creates a test administrator
                     (tl-console-check-<time>@scim-check.invalid) and a test group, then removes
                     them. Asks for confirmation on a terminal; otherwise needs --yes.
  --yes              confirm --write without asking (for scripts and CI)
  --json             print the run as JSON instead of text
  --timeout <sec>    per-request timeout in seconds (default 10)
  --help             show this help

Environment:
  SCIM_TOKEN         the SCIM bearer token (required; never printed)

Exit codes: 0 no check failed, 1 a check failed (or the checker itself did), 2 bad arguments.`;

class UsageError extends Error {}

function fail(message: string, hint?: string): never {
  process.stderr.write(`scim-check: ${message}\n${hint ? `  ${hint}\n` : ''}`);
  process.exit(2);
}

async function confirmWrite(url: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(
      `--write creates a test administrator account and a test group on ${url}, then deletes them.\n` +
        'On ThreatLocker these are real admin accounts. Type "yes" to continue: ',
    );
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err), 'Run with --help for usage.');
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (!args.url) fail('--url is required.', 'Run with --help for usage.');
  const token = process.env.SCIM_TOKEN?.trim();
  if (!token) fail('SCIM_TOKEN is not set.', 'Set the SCIM_TOKEN environment variable to the SCIM bearer token (it is read from there so it stays out of shell history).');

  let insecureLoopback = false;
  try {
    insecureLoopback = normalizeScimBaseUrl(args.url, { allowHttpLoopback: true }).insecureLoopback;
  } catch (err) {
    if (err instanceof AppError) fail(err.message, err.hint);
    throw err;
  }
  if (insecureLoopback) {
    process.stderr.write('scim-check: warning: plain http to a loopback address; accepted only for the local sandbox.\n');
  }

  let totalMs: number | undefined;
  if (args.timeout !== undefined) {
    const seconds = Number(args.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) fail('--timeout must be a positive number of seconds.');
    totalMs = Math.round(seconds * 1000);
  }

  if (args.write && !args.yes) {
    if (!process.stdin.isTTY) fail('--write needs --yes when not run from a terminal.', 'The write checks create a real administrator account; confirm with --yes.');
    if (!(await confirmWrite(args.url))) fail('write checks not confirmed; nothing was run.');
  }

  // First Ctrl-C cancels the remaining checks (clean-up of test identities still runs); a second exits.
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nscim-check: cancelling; cleaning up test identities (Ctrl-C again to quit now)\n');
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  });

  const json = args.json === true;
  let run: ScimCheckRun;
  try {
    if (!json) process.stdout.write(`${formatScimHeader({ baseUrl: args.url, write: args.write === true, startedAt: new Date().toISOString() })}\n\n`);
    run = await runScimChecks({
      baseUrl: args.url,
      token,
      write: args.write === true,
      allowHttpLoopback: true,
      signal: controller.signal,
      ...(totalMs !== undefined ? { timeouts: { totalMs } } : {}),
      ...(json ? {} : { onResult: (r) => process.stdout.write(`${formatScimResult(r)}\n`) }),
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') fail(err.message, err.hint);
    throw err;
  }

  if (json) {
    process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
  } else {
    const leftovers = formatLeftovers(run);
    process.stdout.write(`\n${leftovers ? `${leftovers}\n` : ''}${formatScimSummary(run)}\n`);
  }
  process.exitCode = run.summary.fail > 0 ? 1 : 0;
}

function parse() {
  const { values, positionals } = parseArgs({
    options: {
      url: { type: 'string' },
      write: { type: 'boolean' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return values;
}

main().catch((err: unknown) => {
  // Unexpected (a bug, not the server): no stack, token masked, and "not a pass" as the exit code.
  const redactor = new Redactor([process.env.SCIM_TOKEN?.trim() ?? '']);
  process.stderr.write(`scim-check: unexpected error: ${redactor.redact(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});
