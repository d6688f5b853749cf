import { resultNumbers, type CheckOutcome, type ScimCheckRun } from '../../../shared/scim-check';

export const outcomeLabels: Record<CheckOutcome, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', skip: 'Skipped' };

/** The run as plain text for a ticket or a chat. A run holds no secret: requests are redacted by main. */
export function formatRunAsText(run: ScimCheckRun, profileName?: string): string {
  const lines: string[] = [];
  lines.push(`SCIM connection check${profileName ? ` — ${profileName}` : ''}`);
  lines.push(`Endpoint: ${run.baseUrl}`);
  lines.push(`Run: ${run.startedAt} → ${run.finishedAt} (${run.write ? 'read-only + write checks' : 'read-only checks'})`);
  const { pass, warn, fail, skip } = run.summary;
  lines.push(`Summary: ${pass} passed, ${warn} warnings, ${fail} failed, ${skip} skipped`);
  lines.push('');
  const numbers = resultNumbers(run.results);
  for (const [i, result] of run.results.entries()) {
    const meta = [
      result.status !== undefined ? `HTTP ${result.status}` : undefined,
      result.latencyMs !== undefined ? `${Math.round(result.latencyMs)} ms` : undefined,
      result.retried,
    ].filter(Boolean);
    lines.push(`[${outcomeLabels[result.outcome].toUpperCase()}] ${numbers[i]}. ${result.title}${meta.length ? ` (${meta.join(', ')})` : ''}`);
    if (result.request) lines.push(`    ${result.request.method} ${result.request.url}`);
    if (result.outcome === 'warn' || result.outcome === 'fail') {
      lines.push(`    Expected: ${result.expected}`);
      if (result.actual) lines.push(`    Actual:   ${result.actual}`);
      if (result.hint) lines.push(`    Hint:     ${result.hint}`);
    }
  }
  if (run.leftovers.length) {
    lines.push('');
    lines.push(`Test identities left behind (remove them by hand): ${run.leftovers.join(', ')}`);
  }
  return lines.join('\n');
}
