import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../shared/profile';
import { savedScimCheckSchema, type ScimCheckRun } from '../../../shared/scim-check';
import { stepViewDataSchema } from '../../../shared/setup-data';
import type { SettingRow, SetupView, StepView } from '../../../shared/setup';
import { Redactor } from '../log/redactor';
import { buildSetupReport, escapeHtml, reportFileName } from './setup-report';

const HOSTILE = '<img src=x onerror=alert(1)>';
/** A token value the report must never carry, wherever it was smuggled into saved state. */
const CANARY = 'canary-scim-token-7f3c9a1e5b2d4c6e8a0f';

function step(number: number, id: StepView['id'], title: string, extra: Partial<StepView> = {}): StepView {
  return { id, number, title, why: '', mode: 'automated', status: 'verified', instructions: [], values: [], checklist: [], findings: [], data: stepViewDataSchema.parse({ stepId: id }), sandboxCanPlay: false, ...extra };
}

const summary: SettingRow[] = [
  { setting: 'App name', value: `ThreatLocker ${HOSTILE}`, how: 'api', verification: 'read-back', at: '2025-03-04T10:00:00.000Z' },
  { setting: 'Audience URI (SP Entity ID)', value: 'https://threatlocker.com', how: 'api', verification: 'read-back', at: '2025-03-04T10:00:00.000Z' },
  { setting: 'SCIM connector base URL', value: 'https://portalapi.d.threatlocker.com/scim/v2', how: 'manual', verification: 'probed' },
  { setting: 'Authorization (SCIM token)', value: '••••0f9z', how: 'manual', verification: 'probed' },
  { setting: 'Pushed groups', value: `${HOSTILE} (active)`, how: 'api', verification: 'read-back' },
  { setting: 'Group mappings (ThreatLocker)', value: `"Admins" & 'Co' -> Administrator`, how: 'manual', verification: 'confirmed' },
  { setting: 'Attribute mappings unchanged', value: 'not changed by the console', how: 'manual', verification: 'not-verifiable' },
  { setting: 'Allow SSO (Login Settings)', value: 'on', how: 'manual', verification: 'pending' },
  { setting: 'primaryPhone present for all provisioned users', value: '2 of 9 missing', how: 'api', verification: 'failed' },
];

const view: SetupView = {
  profileId: '0b0c8f5e-8a43-4c1e-9a57-3c1f2f8e7a11',
  steps: [
    step(1, 'prerequisites', 'Check prerequisites', { detail: 'All prerequisites met', updatedAt: '2025-03-04T09:58:00.000Z' }),
    step(2, 'create-app', 'Create the SAML app', { detail: `Created app ${HOSTILE}`, updatedAt: '2025-03-04T10:00:00.000Z' }),
    step(3, 'scim-connection', 'Connect SCIM', {
      status: 'failed',
      detail: `ThreatLocker refused Bearer ${CANARY}`,
      hint: `Paste the token again (it was ${CANARY}) -> Okta -> Provisioning`,
      updatedAt: '2025-03-04T10:05:00.000Z',
    }),
    step(4, 'allow-sso', 'Allow SSO', { status: 'not-started' }),
  ],
  resumeAt: 'scim-connection',
  summary,
};

const run: ScimCheckRun = {
  baseUrl: 'https://portalapi.d.threatlocker.com/scim/v2',
  startedAt: '2025-03-04T10:06:00.000Z',
  finishedAt: '2025-03-04T10:06:04.000Z',
  write: true,
  results: [
    { id: 'service-provider-config', number: 1, title: 'ServiceProviderConfig answers', outcome: 'pass', status: 200, latencyMs: 84.6, expected: '200' },
    { id: 'list-users', number: 2, title: `List users ${HOSTILE}`, outcome: 'warn', status: 200, latencyMs: 1210, expected: 'paged', hint: 'Paging ignores count' },
    { id: 'auth', number: 3, title: 'Rejects a wrong token', outcome: 'fail', status: 200, latencyMs: 40, expected: '401', hint: `Token ${CANARY} was accepted as authorization: ${CANARY}` },
    { id: 'create-user', number: 4, title: 'Create a test user', outcome: 'skip', expected: '201' },
  ],
  leftovers: [`tloc-test-1@example.com ${HOSTILE}`],
  summary: { pass: 1, warn: 1, fail: 1, skip: 1 },
};

const profile: Profile = {
  schemaVersion: 1,
  id: view.profileId,
  name: `Acme ${HOSTILE}`,
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-04T10:06:04.000Z',
  sandbox: false,
  okta: { orgUrl: 'https://acme.okta.com', customDomain: false },
  threatlocker: {
    instance: 'd',
    managedOrganizationId: '1c2d3e4f-0000-4000-8000-00000000abcd',
    managedOrganizationName: `Acme Child ${HOSTILE}`,
    scimUrl: 'https://portalapi.d.threatlocker.com/scim/v2',
  },
  secretsMeta: { scimBearerToken: { savedAt: '2025-03-04T10:04:00.000Z' } },
  setup: { steps: {} },
  mappings: [],
  scimChecks: run,
};

function build(overrides: Partial<Parameters<typeof buildSetupReport>[0]> = {}) {
  const redactor = new Redactor();
  redactor.register(CANARY);
  return buildSetupReport({
    profile,
    view,
    version: '9.8.7',
    generatedAt: new Date('2025-03-04T12:30:00.000Z'),
    redact: (text) => redactor.redact(text),
    ...overrides,
  });
}

/** The document's text as a reader sees it, without tags and with entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('buildSetupReport', () => {
  it('counts settings the admin confirmed apart from those the console verified', () => {
    const text = textOf(build().content);
    // 5 read back or probed; the confirmed group mappings are not among them.
    expect(text).toContain('5 of 9 verified');
    expect(text).toContain('1 more confirmed by the admin (not read back)');
  });

  it('says the test identities were removed only when the clean-up and the leftover search both passed', () => {
    const withChecks = (cleanup: 'pass' | 'fail', search: 'pass' | 'fail' | null) => {
      const results = [
        ...run.results,
        { id: 'cleanup', number: 5, title: 'Clean up', outcome: cleanup },
        ...(search ? [{ id: 'leftover-search', number: 6, title: 'Leftover search', outcome: search }] : []),
      ] as ScimCheckRun['results'];
      return textOf(build({ profile: { ...profile, scimChecks: { ...run, leftovers: [], results } } }).content);
    };
    expect(withChecks('pass', 'pass')).toContain('were all removed (the clean-up and the leftover search both passed)');
    for (const text of [withChecks('pass', 'fail'), withChecks('fail', 'pass'), withChecks('pass', null)]) {
      expect(text).toContain('could not be confirmed');
      expect(text).not.toContain('were all removed (');
    }
  });

  it('escapes every value: a hostile group name, app label or profile name stays text', () => {
    const { content } = build();
    expect(content).not.toContain(HOSTILE);
    expect(content).not.toMatch(/<img/i);
    expect(content).not.toMatch(/<[^>]*onerror/i);
    expect(content).toContain(escapeHtml(HOSTILE));
    // Seen as text in the profile name, child org, app label, pushed groups, step detail, check title and leftovers.
    expect(textOf(content).split(HOSTILE).length - 1).toBeGreaterThanOrEqual(7);
    expect(content).toContain('&quot;Admins&quot; &amp; &#39;Co&#39; → Administrator');
  });

  it('is self-contained: no scripts, no external resources, a CSP that forbids both', () => {
    const { content } = build();
    expect(content.startsWith('<!doctype html>')).toBe(true);
    // An in-page anchor (href="#step-…") loads nothing; any other href or src would.
    expect(content).not.toMatch(/<script|<link|<iframe|<object|<embed|<img|<[^>]*\s(src|href(?!="#[a-z-]+")|on\w+)\s*=/i);
    expect(/<style>([\s\S]*?)<\/style>/.exec(content)?.[1]).not.toMatch(/url\(|@import/i);
    expect(content).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(content).toContain('<style>');
  });

  it('includes every summary row with its value, how and verification', () => {
    const { content } = build();
    const text = textOf(content);
    for (const row of summary) {
      expect(text).toContain(row.setting);
      expect(text).toContain(row.value.replace(/\s*->\s*/g, ' → '));
      expect(content).toContain(`data-verification="${row.verification}" data-how="${row.how}"`);
    }
    expect(content.match(/data-verification="/g)).toHaveLength(summary.length);
    for (const label of ['Read back', 'Probed', 'Confirmed by admin', 'Not verifiable', 'Pending', 'Failed', 'API', 'Manual']) expect(text).toContain(label);
    expect(text).toContain('••••0f9z');
  });

  it('includes each step with status, detail, hint and time', () => {
    const { content } = build();
    const text = textOf(content);
    for (const s of view.steps) {
      expect(text).toContain(s.title);
      expect(content).toContain(`data-step-id="${s.id}" data-status="${s.status}"`);
    }
    expect(text).toContain('All prerequisites met');
    expect(text).toContain('Next: Paste the token again');
    expect(text).toContain('2025-03-04 10:05 UTC');
    expect(text).toContain('Not done yet');
  });

  it('includes the saved SCIM check: counts and every result with outcome, status, latency and hint', () => {
    const { content } = build();
    const text = textOf(content);
    expect(text).toContain('Failed');
    for (const count of ['1 pass', '1 warn', '1 fail', '1 skip']) expect(text).toContain(count);
    for (const r of run.results) {
      expect(content).toContain(`data-check="${r.id}" data-outcome="${r.outcome}"`);
      expect(text).toContain(r.title);
    }
    expect(text).toMatch(/1 ServiceProviderConfig answers Pass 200 85 ms/);
    expect(text).toMatch(/2 List users .* Warning 200 1210 ms Paging ignores count/);
    expect(text).toMatch(/4 Create a test user Skipped — — —/);
    expect(text).toContain('Read and write');
    expect(text).toContain('tloc-test-1@example.com');
  });

  it('never carries the canary token placed in the saved SCIM run and in a step detail and hint', () => {
    const { content, fileName } = build();
    expect(content).not.toContain(CANARY);
    expect(fileName).not.toContain(CANARY);
    expect(content).toContain('[REDACTED]');
  });

  it('masks a token by its shape even when the redactor never saw its value', () => {
    const unknown = 'zzUnregisteredToken0123456789';
    const hinted: ScimCheckRun = { ...run, results: [{ ...run.results[2]!, hint: `Sent Bearer ${unknown}` }] };
    const { content } = build({ profile: { ...profile, scimChecks: hinted }, redact: (t) => new Redactor().redact(t) });
    expect(content).not.toContain(unknown);
  });

  it('names the profile, Okta org, instance and child org, with the generation time and console version', () => {
    const { content, fileName } = build();
    const text = textOf(content);
    expect(text).toContain(`Acme ${HOSTILE}`);
    expect(text).toContain('https://acme.okta.com');
    expect(text).toMatch(/ThreatLocker instance D /);
    expect(text).toContain(`Acme Child ${HOSTILE}`);
    expect(text).toContain('1c2d3e4f-0000-4000-8000-00000000abcd');
    expect(text).toContain('Generated 2025-03-04 12:30 UTC by ThreatLocker Okta Console 9.8.7');
    expect(fileName).toMatch(/^acme-img-src-x-onerror-alert-1-setup-report-\d{4}-\d{2}-\d{2}\.html$/);
  });

  it('says so when no SCIM check was saved, or when the saved one cannot be read', () => {
    expect(textOf(build({ profile: { ...profile, scimChecks: undefined } }).content)).toContain('No SCIM connection check has been run');
    expect(textOf(build({ profile: { ...profile, scimChecks: savedScimCheckSchema.parse({ nonsense: true }) } }).content)).toContain('could not be read');
  });
});

describe('reportFileName', () => {
  it('is <profile-slug>-setup-report-<YYYY-MM-DD>.html on the local calendar', () => {
    expect(reportFileName('Acme Corp (EU)', new Date(2025, 2, 4, 23, 59))).toBe('acme-corp-eu-setup-report-2025-03-04.html');
    expect(reportFileName('***', new Date(2025, 0, 9))).toBe('profile-setup-report-2025-01-09.html');
  });

});

describe('buildSetupReport with stale results', () => {
  it('never says complete from stale results: names the stale steps and why, and withdraws the old SCIM verdict', () => {
    const reason = 'the Okta org URL changed since this was checked';
    const staleView: SetupView = {
      ...view,
      steps: view.steps.map((st) => (st.status === 'not-started' ? st : { ...st, status: 'needs-recheck', staleReason: reason })),
      summary: summary.map((r) => ({ ...r, verification: 'stale' })),
    };
    const staleProfile: Profile = {
      ...profile,
      setup: {
        steps: Object.fromEntries(
          (['prerequisites', 'create-app', 'scim-connection'] as const).map((id) => [id, { status: 'verified', updatedAt: '2025-03-04T10:00:00.000Z', stale: { reason, at: '2025-03-04T11:00:00.000Z' } }]),
        ),
      },
    };
    const text = textOf(build({ view: staleView, profile: staleProfile }).content);
    expect(text).not.toContain('Setup complete');
    expect(text).toContain('3 steps need re-checking — the Okta org URL changed since this was checked.');
    expect(text).toContain('1. Check prerequisites, 2. Create the SAML app, 3. Connect SCIM');
    expect(text).toContain('This check ran before the org may have changed');
    expect(text).not.toMatch(/\bRead back\b.*\bRead back\b/);

    // A check run after the change stands.
    const fresh = textOf(build({ view: staleView, profile: { ...staleProfile, scimChecks: { ...run, finishedAt: '2025-03-04T11:30:00.000Z' } } }).content);
    expect(fresh).not.toContain('This check ran before the org may have changed');
  });
});
