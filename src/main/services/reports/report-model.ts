import { REPORT_SCHEMA_VERSION, type ReportModel } from '../../../shared/review';
import { readableRun, resultNumbers } from '../../../shared/scim-check';
import { stepStatusLabels } from '../../../shared/setup';
import { lintConfig } from '../config/config-lint';
import { configSettings } from '../config/config-settings';
import type { SetupReportInput } from './setup-report';

export const GENERATOR = 'ThreatLocker Okta Console';

/**
 * The report as data, built from saved state only. Every string in it passes through `redact`
 * (a token smuggled into a saved hint is masked before any renderer sees it), and nothing in it
 * depends on the clock except `generatedAt`, so the same profile gives the same report.
 */
export function buildReportModel(input: SetupReportInput): ReportModel {
  const { profile, view } = input;
  const lint = input.lint ?? lintConfig(profile, { now: input.generatedAt });
  const run = readableRun(profile.scimChecks);
  const numbers = run ? resultNumbers(run.results) : [];

  const reasons = [
    ...view.steps.filter((s) => s.status !== 'verified' && s.status !== 'unverifiable').map((s) => `Step ${s.number}. ${s.title}: ${stepStatusLabels[s.status]}`),
    ...lint.filter((f) => f.severity === 'error' && f.rule !== 'step-failed').map((f) => `${f.setting}: ${f.problem}`),
  ];
  const model: ReportModel = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: input.generatedAt.toISOString(),
    generator: { name: GENERATOR, version: input.version },
    profile: {
      id: profile.id,
      name: profile.name,
      sandbox: profile.sandbox,
      oktaOrg: profile.okta.orgUrl,
      instance: profile.threatlocker.instance,
      childOrganization: profile.threatlocker.managedOrganizationName ?? profile.threatlocker.managedOrganizationId ?? null,
      scimUrl: profile.threatlocker.scimUrl ?? null,
    },
    summary: { verdict: reasons.length === 0 && view.steps.length > 0 ? 'ready' : 'needs-attention', reasons },
    steps: view.steps.map((s) => ({ id: s.id, number: s.number, title: s.title, status: s.status, detail: s.detail ?? null, hint: s.hint ?? null, updatedAt: s.updatedAt ?? null, staleReason: s.staleReason ?? null })),
    settings: view.summary,
    scimCheck: run
      ? {
          baseUrl: run.baseUrl,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          write: run.write,
          summary: run.summary,
          results: run.results.map((r, i) => ({ number: numbers[i]!, title: r.title, outcome: r.outcome, status: r.status ?? null, hint: r.hint ?? null })),
          leftovers: run.leftovers,
        }
      : profile.scimChecks
        ? { unreadable: true }
        : null,
    mappings: profile.mappings.map((m) => ({ oktaGroupId: m.oktaGroupId, oktaGroupName: m.oktaGroupName, roleId: m.roleId, roleName: m.roleName })),
    status: input.status ?? null,
    lint,
    appendix: configSettings(profile),
  };
  return redactStrings(model, input.redact);
}

/** A copy of `value` with every string passed through `redact` (keys included: they are data too). */
function redactStrings<T>(value: T, redact: (text: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
