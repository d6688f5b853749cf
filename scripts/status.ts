/**
 * Provisioning status from the command line (MSPs run it from a scheduler): the same fetch and the
 * same join as the console's Status screen.
 *
 *   OKTA_TOKEN=... SCIM_TOKEN=... npm run status -- --okta-url URL --app-id ID --scim-url URL [--json] [--csv FILE]
 *
 * Exit codes: 0 nothing needs attention, 1 something does, 2 bad arguments or a source could not be read.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../src/shared/errors';
import { attentionClasses, statusClasses, statusClassLabels, statusSourceLabels } from '../src/shared/provisioning-status';
import { Redactor } from '../src/main/services/log/redactor';
import { isLoopbackHost } from '../src/main/services/net/host-policy';
import { readStatusOnce } from '../src/main/services/status/status-standalone';
import { toCsv } from '../src/main/services/status/status-view';

const usage = `Usage: OKTA_TOKEN=<token> SCIM_TOKEN=<token> npm run status -- --okta-url <url> --app-id <id> --scim-url <url> [--json] [--csv FILE]

Reads the Okta app's users, push groups and System Log, and ThreatLocker's SCIM Users and Groups,
then prints how many people are in each class and, for every class that needs attention, who,
why and what to do.

Options:
  --okta-url <url>   the Okta org, e.g. https://acme.okta.com (http only for 127.0.0.1 / localhost)
  --app-id <id>      the ThreatLocker app's id in Okta
  --scim-url <url>   ThreatLocker's SCIM API Url (http only for loopback)
  --json             print counts, people and groups as JSON
  --csv FILE         also write every person to FILE (cells escaped against formula injection)
  --help             show this help

Environment: OKTA_TOKEN (Okta API token), SCIM_TOKEN (ThreatLocker SCIM token); never printed.

Exit codes: 0 nothing needs attention, 1 something does, 2 bad arguments or a source could not be read.`;

function fail(message: string, hint?: string): never {
  process.stderr.write(`status: ${message}\n${hint ? `  ${hint}\n` : ''}`);
  process.exit(2);
}

function checkUrl(raw: string, flag: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail(`${flag} is not a valid URL.`);
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) fail(`${flag} must use https (plain http is accepted only for 127.0.0.1, ::1 and localhost).`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`${flag} must be an https URL.`);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      options: { 'okta-url': { type: 'string' }, 'app-id': { type: 'string' }, 'scim-url': { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }).values;
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err), 'Run with --help for usage.');
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const oktaUrl = values['okta-url'] as string | undefined;
  const appId = values['app-id'] as string | undefined;
  const scimUrl = values['scim-url'] as string | undefined;
  if (!oktaUrl || !appId || !scimUrl) fail('--okta-url, --app-id and --scim-url are required.', 'Run with --help for usage.');
  if (!/^[A-Za-z0-9]{1,64}$/.test(appId)) fail('--app-id must be an Okta app id (letters and digits).');
  const oktaToken = process.env.OKTA_TOKEN?.trim();
  const scimToken = process.env.SCIM_TOKEN?.trim();
  if (!oktaToken || !scimToken) fail('OKTA_TOKEN and SCIM_TOKEN must both be set in the environment.', 'They are read from there so they stay out of shell history and `ps`.');
  checkUrl(oktaUrl, '--okta-url');
  checkUrl(scimUrl, '--scim-url');

  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  let result: Awaited<ReturnType<typeof readStatusOnce>>;
  try {
    result = await readStatusOnce({ oktaUrl, oktaToken, appId, scimUrl, scimToken, allowLoopback: true, signal: controller.signal });
  } catch (err) {
    if (err instanceof AppError) fail(err.message, err.hint);
    throw err;
  }
  const { fetched, join } = result;
  if (typeof values.csv === 'string') await writeFile(values.csv, toCsv(join.people.map((p) => p.row)), { mode: 0o600 });

  if (values.json) {
    process.stdout.write(`${JSON.stringify({ partial: fetched.failed.length > 0, failedSources: fetched.failed, counts: join.counts, needsAttention: join.needsAttention, people: join.people.map((p) => p.row), groups: join.groups }, null, 2)}\n`);
  } else {
    const out: string[] = [];
    for (const s of fetched.states) out.push(`${s.state === 'done' ? 'read' : s.state.toUpperCase()}  ${statusSourceLabels[s.source]}: ${s.count}${s.error ? ` - ${s.error}` : ''}`);
    out.push('');
    for (const c of statusClasses) out.push(`${String(join.counts[c]).padStart(7)}  ${statusClassLabels[c]}${attentionClasses.has(c) && join.counts[c] ? '  <- needs attention' : ''}`);
    for (const c of statusClasses) {
      if (!attentionClasses.has(c) || !join.counts[c]) continue;
      out.push('', `${statusClassLabels[c]}:`);
      for (const p of join.people.filter((x) => x.row.cls === c).slice(0, 200)) out.push(`  ${p.row.userName || p.row.name}: ${p.row.reason}`, `    from: ${p.row.source}`, `    fix:  ${p.row.fix}`);
      if (join.counts[c] > 200) out.push(`  ... and ${join.counts[c] - 200} more (use --csv)`);
    }
    const badGroups = join.groups.filter((g) => !g.ok);
    if (badGroups.length) {
      out.push('', 'Pushed groups:');
      for (const g of badGroups) out.push(`  ${g.name}: ${g.status}${g.errorSummary ? ` - ${g.errorSummary}` : ''}; Okta ${g.oktaMembers}, ThreatLocker ${g.tlMembers ?? 'absent'}. ${g.fix}`);
    }
    if (fetched.failed.length) out.push('', `PARTIAL: could not read ${fetched.failed.map((s) => statusSourceLabels[s]).join(', ')}.`);
    process.stdout.write(`${out.join('\n')}\n`);
  }
  process.exitCode = fetched.failed.length ? 2 : join.needsAttention > 0 || join.groups.some((g) => !g.ok) ? 1 : 0;
}

main().catch((err: unknown) => {
  const redactor = new Redactor([process.env.OKTA_TOKEN?.trim() ?? '', process.env.SCIM_TOKEN?.trim() ?? '']);
  process.stderr.write(`status: unexpected error: ${redactor.redact(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(2);
});
