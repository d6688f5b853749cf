import type { Profile } from '../../../shared/profile';
import { datedFileName } from '../../../shared/file-names';
import type { LintFinding } from '../../../shared/review';
import { readableRun, resultNumbers, type CheckOutcome, type ScimCheckRun } from '../../../shared/scim-check';
import { stepStatusLabels, type SettingRow, type SetupView, type StepView } from '../../../shared/setup';
import { scimRunStaleReason } from '../../../shared/stale';
import { buildReportModel } from './report-model';
import { modelSections } from './report-sections';
import { STYLES } from './report-styles';

export interface SetupReportInput {
  profile: Profile;
  view: SetupView;
  /** The console's version, printed in the header and footer. */
  version: string;
  generatedAt: Date;
  /**
   * Masks secrets (Redactor.redact): every text taken from the profile or the view passes through
   * it before it is escaped, so a token that slipped into a saved hint never reaches the file.
   */
  redact: (text: string) => string;
  /** Findings of the config lint; computed from the profile when absent. */
  lint?: LintFinding[];
  /** The last provisioning status snapshot's counts; absent when there is no status data yet. */
  status?: { at: string; counts: Record<string, number> };
}

export interface SetupReport {
  fileName: string;
  content: string;
}

type Verification = SettingRow['verification'];
type Tone = 'ok' | 'info' | 'neutral' | 'warn' | 'bad';

const stepStatus: Record<StepView['status'], { label: string; tone: Tone }> = {
  verified: { label: stepStatusLabels.verified, tone: 'ok' },
  unverifiable: { label: stepStatusLabels.unverifiable, tone: 'info' },
  failed: { label: stepStatusLabels.failed, tone: 'bad' },
  'not-started': { label: stepStatusLabels['not-started'], tone: 'neutral' },
  'needs-recheck': { label: stepStatusLabels['needs-recheck'], tone: 'warn' },
};

const verification: Record<Verification, { label: string; tone: Tone; help: string }> = {
  'read-back': { label: 'Read back', tone: 'ok', help: 'The console read the value back from Okta or ThreatLocker and it matches.' },
  probed: { label: 'Probed', tone: 'ok', help: 'Tested end to end (e.g. a SCIM request with the token); the setting itself cannot be read.' },
  confirmed: { label: 'Confirmed by admin', tone: 'info', help: 'No API can read it back; the administrator confirmed it in the wizard.' },
  sandbox: { label: 'Set by the sandbox', tone: 'info', help: 'No API can read it back; the sandbox played the administrator’s clicks (no one confirmed it by hand).' },
  'not-verifiable': { label: 'Not verifiable', tone: 'neutral', help: 'No API can read it back.' },
  pending: { label: 'Pending', tone: 'warn', help: 'Its step has not run yet.' },
  failed: { label: 'Failed', tone: 'bad', help: 'Its step failed.' },
  stale: { label: 'Needs re-check', tone: 'warn', help: 'Verified earlier, but the org behind the profile may have changed since (see Setup steps); its step must run again.' },
};

const outcome: Record<CheckOutcome, { label: string; tone: Tone }> = {
  pass: { label: 'Pass', tone: 'ok' },
  warn: { label: 'Warning', tone: 'warn' },
  fail: { label: 'Fail', tone: 'bad' },
  skip: { label: 'Skipped', tone: 'neutral' },
};

/** Checked by the console; a confirmation (someone ticked a box) is counted on its own. */
const VERIFIED: readonly Verification[] = ['read-back', 'probed'];

/**
 * The setup report an MSP hands to its client: what was configured, how each setting was set and
 * verified, and the last SCIM connection check. One self-contained HTML file: inline CSS only, no
 * scripts, no external resources (its CSP says so too), printable. Holds no secret: the SCIM
 * token appears only as the view's ••••last4, and every value is redacted, then escaped.
 */
export function buildSetupReport(input: SetupReportInput): SetupReport {
  const { profile, view, version, generatedAt } = input;
  const t = (value: string | undefined | null): string => escapeHtml(input.redact(value ?? ''));
  const when = (iso: string | undefined): string => timeTag(iso, t);

  const steps = view.steps;
  const stepsDone = steps.filter((s) => s.status === 'verified' || s.status === 'unverifiable').length;
  const stepsFailed = steps.filter((s) => s.status === 'failed').length;
  const stale = steps.filter((s) => s.status === 'needs-recheck');
  const rows = view.summary;
  const rowsVerified = rows.filter((r) => VERIFIED.includes(r.verification)).length;
  const rowsConfirmed = rows.filter((r) => r.verification === 'confirmed').length;
  const run = readableRun(profile.scimChecks);
  // A check from before the org may have changed proves as little as the stale steps do.
  const runStale = run !== undefined && (scimRunStaleReason(profile, run) !== undefined || stale.some((st) => !profile.setup.steps[st.id]?.stale));
  const runVerdict = run ? (runStale ? { label: 'Needs re-check', tone: 'warn' as const } : scimVerdict(run)) : undefined;

  const overall: { label: string; tone: Tone } =
    stepsFailed > 0
      ? { label: 'Needs attention', tone: 'bad' }
      : stale.length > 0
        ? { label: 'Needs re-check', tone: 'warn' }
        : steps.length > 0 && stepsDone === steps.length
        ? { label: 'Setup complete', tone: 'ok' }
        : { label: 'In progress', tone: 'warn' };

  const generated = generatedAt.toISOString();
  const sections = modelSections(buildReportModel(input), escapeHtml);
  const title = `Setup report — ${profile.name}`;

  const environment = [
    row('Profile', `${t(profile.name)}${profile.sandbox ? ` ${badge('Sandbox (simulated Okta and ThreatLocker)', 'neutral')}` : ''}`),
    row('Okta org', `<span class="mono">${t(profile.okta.orgUrl)}</span>${profile.okta.customDomain ? ' <span class="muted">(custom domain)</span>' : ''}`),
    row('ThreatLocker instance', `${t(profile.threatlocker.instance.toUpperCase())} <span class="muted">(Help → “ThreatLocker Access (${t(profile.threatlocker.instance.toUpperCase())})”)</span>`),
    row(
      'Child organization',
      profile.threatlocker.managedOrganizationId || profile.threatlocker.managedOrganizationName
        ? [
            profile.threatlocker.managedOrganizationName ? t(profile.threatlocker.managedOrganizationName) : '',
            profile.threatlocker.managedOrganizationId ? `<span class="mono muted">${t(profile.threatlocker.managedOrganizationId)}</span>` : '',
          ]
            .filter(Boolean)
            .join('<br>')
        : '<span class="muted">None: the token’s own organization</span>',
    ),
    row('SCIM API Url', profile.threatlocker.scimUrl ? `<span class="mono">${t(profile.threatlocker.scimUrl)}</span>` : '<span class="muted">Not set</span>'),
  ].join('');

  const stepRows = steps
    .map((s) => {
      const status = stepStatus[s.status];
      const detail = s.detail ? `<div>${t(arrows(s.detail))}</div>` : '';
      const hint = s.hint ? `<div class="hint"><span class="hint-label">Next:</span> ${t(arrows(s.hint))}</div>` : '';
      return `<tr id="step-${t(s.id)}" data-step-id="${t(s.id)}" data-status="${t(s.status)}">
<td class="num">${s.number}</td>
<td class="strong">${t(s.title)}</td>
<td>${badge(status.label, status.tone)}</td>
<td>${detail || hint ? detail + hint : '<span class="muted">—</span>'}</td>
<td class="when">${when(s.updatedAt)}</td>
</tr>`;
    })
    .join('\n');

  const settingRows = rows
    .map((r) => {
      const v = verification[r.verification];
      return `<tr data-verification="${t(r.verification)}" data-how="${t(r.how)}">
<td><div class="strong">${t(r.setting)}</div><div class="value mono">${t(arrows(r.value))}</div></td>
<td>${badge(r.how === 'api' ? 'API' : 'Manual', r.how === 'api' ? 'accent' : 'neutral')}</td>
<td>${badge(v.label, v.tone)}</td>
<td class="when">${when(r.at)}</td>
</tr>`;
    })
    .join('\n');

  const legend = (Object.keys(verification) as Verification[])
    .filter((k) => rows.some((r) => r.verification === k))
    .map((k) => `<li>${badge(verification[k].label, verification[k].tone)} ${escapeHtml(verification[k].help)}</li>`)
    .join('');

  const content = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="generator" content="ThreatLocker Okta Console ${t(version)}">
<title>${t(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<main class="page">
<header class="head">
<div class="head-top">
<p class="eyebrow">Okta → ThreatLocker · SAML single sign-on and SCIM provisioning</p>
${badge(overall.label, overall.tone)}
</div>
<h1>Setup report</h1>
<p class="subject">${t(profile.name)}</p>
<p class="meta">Generated ${timeTag(generated, t)} by ThreatLocker Okta Console ${t(version)}</p>
</header>

<section class="cards" aria-label="At a glance">
<div class="card"><p class="card-label">Setup steps</p><p class="card-value">${stepsDone}<span> of ${steps.length} done</span></p><p class="card-note">${stepsFailed > 0 ? `${stepsFailed} failed` : steps.length - stepsDone > 0 ? `${steps.length - stepsDone} still to do` : 'Every step is done'}</p></div>
<div class="card"><p class="card-label">Settings</p><p class="card-value">${rowsVerified}<span> of ${rows.length} verified</span></p><p class="card-note">Read back or probed${rowsConfirmed > 0 ? `; ${rowsConfirmed} more confirmed by the admin (not read back)` : ''}</p></div>
<div class="card"><p class="card-label">SCIM connection check</p>${run && runVerdict ? `<p class="card-value">${badge(runVerdict.label, runVerdict.tone)}</p><p class="card-note">${when(run.finishedAt)}</p>` : '<p class="card-value"><span>Not run</span></p><p class="card-note">No check saved with this profile</p>'}</div>
</section>

${sections.summary}
${staleCallout(stale, t)}
<section>
<h2>Environment</h2>
<dl class="facts">${environment}</dl>
</section>

<section>
<h2>Setup steps</h2>
<p class="lead">ThreatLocker’s “Okta SCIM” procedure, in its order, with each step’s last outcome.</p>
<table class="steps">
<thead><tr><th class="num">#</th><th>Step</th><th>Status</th><th>Outcome</th><th class="when">Updated</th></tr></thead>
<tbody>
${stepRows || '<tr><td colspan="5" class="muted">No steps.</td></tr>'}
</tbody>
</table>
</section>

<section>
<h2>Settings</h2>
<p class="lead">Every setting the procedure asks for: its value, whether the console set it through the API or the administrator set it by hand, and how it was verified.</p>
${
  rows.length > 0
    ? `<table class="settings">
<thead><tr><th>Setting and value</th><th>Set by</th><th>Verification</th><th class="when">When</th></tr></thead>
<tbody>
${settingRows}
</tbody>
</table>
<ul class="legend">${legend}</ul>`
    : '<p class="muted">Nothing to summarise yet.</p>'
}
</section>

<section>
<h2>SCIM connection check</h2>
${runStale ? '<div class="callout" data-stale-check><p class="strong">This check ran before the org may have changed (see Setup steps): run the Connection check again.</p></div>' : ''}
${run ? scimSection(run, t, when) : `<p class="muted">${profile.scimChecks && !run ? 'The saved check could not be read (it was saved by a different version of the console). Run the check again.' : 'No SCIM connection check has been run for this profile yet.'}</p>`}
</section>

${sections.rest}

<footer class="foot">
<p>This report holds no credentials: tokens stay in the administrator’s OS keychain, and the SCIM token is identified only by its last four characters.</p>
<p>ThreatLocker Okta Console ${t(version)} · ${timeTag(generated, t)}</p>
</footer>
</main>
</body>
</html>
`;
  return { fileName: reportFileName(profile.name, generatedAt), content };
}

/** `<profile-slug>-setup-report-<YYYY-MM-DD>.html`, dated on the admin's calendar. */
export function reportFileName(profileName: string, at: Date): string {
  return datedFileName(profileName, 'setup-report', 'html', at);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function scimSection(run: ScimCheckRun, t: (s: string | undefined) => string, when: (iso: string | undefined) => string): string {
  const verdict = scimVerdict(run);
  const s = run.summary;
  const counts = (['pass', 'warn', 'fail', 'skip'] as const)
    .map((k) => `<li>${badge(`${s[k]} ${k === 'warn' ? 'warn' : k}`, s[k] > 0 ? outcome[k].tone : 'neutral')}</li>`)
    .join('');
  const numbers = resultNumbers(run.results);
  const results = run.results
    .map((r, i) => {
      const o = outcome[r.outcome];
      return `<tr data-check="${t(r.id)}" data-outcome="${t(r.outcome)}">
<td class="num">${numbers[i]}</td>
<td>${t(r.title)}</td>
<td>${badge(o.label, o.tone)}</td>
<td class="num">${r.status ?? '<span class="muted">—</span>'}</td>
<td class="num">${r.latencyMs !== undefined ? `${Math.round(r.latencyMs)}&nbsp;ms` : '<span class="muted">—</span>'}${r.retried ? `<div class="muted">${t(r.retried)}</div>` : ''}</td>
<td>${r.hint ? t(arrows(r.hint)) : '<span class="muted">—</span>'}</td>
</tr>`;
    })
    .join('\n');
  const leftovers = run.write
    ? run.leftovers.length === 0
      ? `<p class="muted">${cleanupSentence(run)}</p>`
      : `<div class="callout"><p class="strong">Test identities left behind (remove them by hand in the ThreatLocker portal):</p><ul>${run.leftovers.map((l) => `<li class="mono">${t(l)}</li>`).join('')}</ul></div>`
    : '';
  return `<dl class="facts">
${row('Result', `${badge(verdict.label, verdict.tone)} <ul class="counts">${counts}</ul>`)}
${row('Endpoint', `<span class="mono">${t(run.baseUrl)}</span>`)}
${row('Mode', run.write ? 'Read and write (test identities created, then removed)' : 'Read-only')}
${row('Ran', `${when(run.startedAt)} – ${when(run.finishedAt)}`)}
</dl>
<table class="checks">
<thead><tr><th class="num">#</th><th>Check</th><th>Outcome</th><th class="num">HTTP</th><th class="num">Latency</th><th>Hint</th></tr></thead>
<tbody>
${results || '<tr><td colspan="6" class="muted">No results.</td></tr>'}
</tbody>
</table>
${leftovers}`;
}

/** Says which results are stale and why, so nobody reads an old "verified" as today's. */
/**
 * No leftovers listed means "removed" only when the clean-up passed and the leftover search
 * passed too; a failed or missing search found nothing because it could not look.
 */
function cleanupSentence(run: ScimCheckRun): string {
  const outcomeOf = (id: string) => run.results.find((r) => r.id === id)?.outcome;
  if (outcomeOf('cleanup') === 'pass' && outcomeOf('leftover-search') === 'pass') {
    return 'Test identities created by the write checks were all removed (the clean-up and the leftover search both passed).';
  }
  return 'Whether the test identities created by the write checks were all removed could not be confirmed: the clean-up or the leftover search did not pass. Search the ThreatLocker portal for them by hand.';
}

function staleCallout(stale: StepView[], t: (s: string | undefined) => string): string {
  if (stale.length === 0) return '';
  const reasons = [...new Set(stale.map((s) => s.staleReason).filter((r): r is string => !!r))];
  return `<div class="callout" data-stale-steps="${stale.length}"><p class="strong">${stale.length} step${stale.length === 1 ? '' : 's'} need${stale.length === 1 ? 's' : ''} re-checking — ${reasons.length ? t(reasons.join('; ')) : 'the org may have changed since they were checked'}.</p>
<p>Their saved results prove nothing about the org as it is now. Run these steps again in the console, then export a new report: ${stale.map((s) => `${s.number}. ${t(s.title)}`).join(', ')}.</p></div>`;
}

function scimVerdict(run: ScimCheckRun): { label: string; tone: Tone } {
  if (run.summary.fail > 0) return { label: 'Failed', tone: 'bad' };
  if (run.summary.warn > 0) return { label: 'Passed with warnings', tone: 'warn' };
  return { label: 'Passed', tone: 'ok' };
}

/** `label` is trusted markup-free text from this module; callers escape anything else first. */
function badge(label: string, tone: Tone | 'accent'): string {
  return `<span class="badge badge-${tone}">${label}</span>`;
}

function row(term: string, html: string): string {
  return `<div><dt>${escapeHtml(term)}</dt><dd>${html}</dd></div>`;
}

/** A timestamp as `2025-03-04 14:05 UTC`: the client may read the report in another time zone. */
function timeTag(iso: string | undefined, t: (s: string | undefined) => string): string {
  if (!iso) return '<span class="muted">—</span>';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return t(iso);
  const d = new Date(ms);
  const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  return `<time datetime="${t(d.toISOString())}">${text}</time>`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Main writes paths as "Okta -> app -> Provisioning"; people read arrows. */
function arrows(text: string): string {
  return text.replace(/\s*->\s*/g, ' → ');
}
