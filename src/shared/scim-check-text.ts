/**
 * The one run-to-text formatter: what the CLI prints (result by result as they arrive) and what
 * "Copy as text" in the console copies. A run holds no secret: requests are redacted by main.
 */
import { resultNumbers, type ScimCheckResult, type ScimCheckRun } from './scim-check';

const label: Record<ScimCheckResult['outcome'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };

/** One result as text: a headline, then expected/actual/hint when they help (not for passes). */
export function formatScimResult(r: ScimCheckResult, number = String(r.number)): string {
  const parts = [`${label[r.outcome]}  ${number.padStart(2)}  ${r.title}`];
  const meta: string[] = [];
  if (r.request) meta.push(`${r.request.method} ${r.request.url}`);
  if (r.status !== undefined) meta.push(String(r.status));
  if (r.latencyMs !== undefined) meta.push(`${r.latencyMs} ms`);
  if (r.retried) meta.push(r.retried);
  if (meta.length > 0) parts[0] += `  (${meta.join(', ')})`;
  const indent = '          ';
  if (r.outcome !== 'pass') {
    parts.push(`${indent}expected: ${r.expected}`);
    if (r.actual) parts.push(`${indent}actual:   ${r.actual}`);
    if (r.hint) parts.push(`${indent}hint:     ${r.hint}`);
  } else if (r.actual) {
    parts.push(`${indent}${r.actual}`);
  }
  return parts.join('\n');
}

export function formatScimSummary(run: ScimCheckRun): string {
  const s = run.summary;
  const verdict = s.fail > 0 ? 'FAILED' : s.warn > 0 ? 'PASSED with warnings' : 'PASSED';
  return `${verdict}: ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.skip} skip`;
}

export function formatLeftovers(run: ScimCheckRun): string {
  if (!run.write) return '';
  if (run.leftovers.length === 0) return 'Leftovers: none';
  return ['Leftovers (remove these by hand in the ThreatLocker portal):', ...run.leftovers.map((l) => `  - ${l}`)].join('\n');
}

export function formatScimHeader(run: Pick<ScimCheckRun, 'baseUrl' | 'write' | 'startedAt'>, profileName?: string): string {
  const who = profileName ? ` (profile ${profileName})` : '';
  return `SCIM connection check${who}: ${run.baseUrl} (${run.write ? 'read + write' : 'read-only'}, ${run.startedAt})`;
}

/** The whole run as plain text: what "Copy as text" in the UI and the CLI print. Holds no token. */
export function formatScimRunText(run: ScimCheckRun, profileName?: string): string {
  const numbers = resultNumbers(run.results);
  const lines = [formatScimHeader(run, profileName), '', ...run.results.map((r, i) => formatScimResult(r, numbers[i])), ''];
  const leftovers = formatLeftovers(run);
  if (leftovers) lines.push(leftovers);
  lines.push(formatScimSummary(run));
  return lines.join('\n');
}
