import type { Profile } from '../../../shared/profile';
import type { LintFinding, OverviewRow } from '../../../shared/review';
import { readableRun } from '../../../shared/scim-check';
import type { SetupView } from '../../../shared/setup';
import { toCsv } from '../reports/csv';

/** One profile's line in the MSP overview, from its saved state, lint and status snapshot. */
export function overviewRow(profile: Profile, view: SetupView, lint: LintFinding[], status: OverviewRow['status'] | undefined): OverviewRow {
  const done = view.steps.filter((s) => s.status === 'verified' || s.status === 'unverifiable').length;
  const failed = view.steps.filter((s) => s.status === 'failed').length;
  const count = (severity: LintFinding['severity']) => lint.filter((f) => f.severity === severity).length;
  const run = readableRun(profile.scimChecks);
  const scimCheck: OverviewRow['scimCheck'] = run
    ? { at: run.finishedAt, verdict: run.summary.fail > 0 ? 'fail' : run.summary.warn > 0 ? 'warn' : 'pass' }
    : profile.scimChecks
      ? { at: profile.updatedAt, verdict: 'unreadable' }
      : null;
  const lintCounts = { error: count('error'), warning: count('warning'), info: count('info') };
  return {
    profileId: profile.id,
    name: profile.name,
    oktaOrg: profile.okta.orgUrl,
    instance: profile.threatlocker.instance,
    childOrganization: profile.threatlocker.managedOrganizationName ?? profile.threatlocker.managedOrganizationId ?? null,
    sandbox: profile.sandbox,
    stepsDone: done,
    stepsTotal: view.steps.length,
    setupState: failed > 0 ? 'failed' : done === view.steps.length ? 'complete' : done === 0 ? 'not-started' : 'in-progress',
    lint: lintCounts,
    scimCheck,
    status: status ?? null,
    updatedAt: profile.updatedAt,
    attention: lintCounts.error * 1000 + failed * 100 + (scimCheck?.verdict === 'fail' ? 100 : 0) + lintCounts.warning * 10 + lintCounts.info,
  };
}

/** The overview as CSV: one line a profile, every text cell formula-escaped. */
export function overviewCsv(rows: OverviewRow[]): string {
  return toCsv(
    ['Profile', 'Okta org', 'Instance', 'Child organization', 'Setup', 'Steps done', 'Errors', 'Warnings', 'Info', 'Last SCIM check', 'SCIM check at', 'Status counts', 'Status at', 'Saved at'],
    rows.map((r) => [
      r.name, r.oktaOrg, r.instance, r.childOrganization, r.setupState, `${r.stepsDone}/${r.stepsTotal}`, r.lint.error, r.lint.warning, r.lint.info,
      r.scimCheck?.verdict ?? 'not run', r.scimCheck?.at, r.status ? Object.entries(r.status.counts).map(([k, n]) => `${k} ${n}`).join('; ') : 'no status data yet', r.status?.at, r.updatedAt,
    ]),
  );
}
