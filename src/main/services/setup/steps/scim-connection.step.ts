import { AppError } from '../../../../shared/errors';
import type { Finding } from '../../../../shared/setup';
import { validateProfileInputs } from '../input-validation';
import { createdAppDeepLink, type SetupContext, type StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';
import { readProvisioning } from './provisioning-state';
import { plural } from '../../../../shared/plural';

/** "All supported provisioning actions were selected" in the article. */
export const PROVISIONING_ACTIONS = ['Import New Users and Profile Updates', 'Push New Users', 'Push Profile Updates', 'Push Groups'];
const SANDBOX_ACTIONS = { importNewUsers: true, importProfileUpdates: true, pushNewUsers: true, pushProfileUpdates: true, pushGroups: true };
const TARGET = 'Okta -> app -> Provisioning -> Integration -> SCIM Connection';

async function verify(ctx: SetupContext): Promise<StepOutcome<'scim-connection'>> {
  await validateProfileInputs(ctx.deps, ctx.profile, { requireScim: true });
  const { appId } = ctx.requireApp();
  const findings: Finding[] = [];

  ctx.progress('Testing the SCIM connection (read-only checks)');
  const run = await ctx.deps.scimChecks.run(ctx.profile, {
    write: false,
    onResult: (r, i, n) => ctx.progress(`SCIM check ${i}/${n}: ${r.title} - ${r.outcome}`),
  });
  const failedChecks = run.results.filter((r) => r.outcome === 'fail');
  findings.push({
    label: 'SCIM connection test',
    outcome: failedChecks.length ? 'fail' : 'pass',
    expected: 'every required check passes',
    actual: `${run.summary.pass} pass, ${run.summary.warn} warn, ${run.summary.fail} fail`,
    ...(failedChecks[0]?.hint ? { hint: `${failedChecks[0].title}: ${failedChecks[0].hint}` } : {}),
  });

  ctx.progress('Reading back what Okta exposes about the connection');
  const read = await readProvisioning(ctx, appId);
  findings.push({ label: 'app.features', outcome: 'info', actual: read.features.join(', ') || '(none)' });
  try {
    const conn = await ctx.okta().getDefaultConnection(appId);
    const scheme = conn.authScheme ?? conn.profile?.authScheme ?? 'UNKNOWN';
    findings.push({ label: 'Okta provisioning connection API', outcome: 'info', actual: `status ${conn.status}, authScheme ${scheme} (Okta does not expose a custom app's SCIM connection here)` });
  } catch (err) {
    findings.push({ label: 'Okta provisioning connection API', outcome: 'info', actual: err instanceof AppError ? err.message : 'not readable' });
  }
  if (failedChecks.length) {
    return {
      status: 'failed',
      detail: `The SCIM endpoint failed ${plural(failedChecks.length, 'check')}: ${failedChecks.map((r) => r.title).join('; ')}.`,
      hint: failedChecks[0]?.hint ?? 'Check the API Url, the token and ThreatLocker\'s Enabled toggle.',
      findings,
    };
  }
  if (read.kind === 'disabled') {
    return { status: 'failed', detail: 'SCIM provisioning is not enabled on the app, so it has no SCIM connection yet.', hint: 'Do step 5 first.', findings };
  }

  const sandbox = ctx.sandbox();
  if (sandbox) {
    const conn = sandbox.okta.controls.getScimConnection(appId);
    if (!conn) return { status: 'not-started', detail: 'The sandbox Okta app has no SCIM connection saved yet.', hint: 'Enter the values below in the SCIM Connection panel and save (or play the step).', findings };
    const baseUrl = ctx.profile.threatlocker.scimUrl!;
    const token = await ctx.deps.secrets.require(ctx.profileId, 'scimBearerToken');
    const sameToken = conn.headerToken.replace(/^Bearer\s+/i, '') === token;
    const actionsOn = Object.values(SANDBOX_ACTIONS).length === Object.keys(SANDBOX_ACTIONS).filter((k) => conn.actions[k]).length;
    findings.push(
      { label: 'SCIM connector base URL', outcome: conn.baseUrl === baseUrl ? 'pass' : 'fail', expected: baseUrl, actual: conn.baseUrl },
      { label: 'Unique identifier field for users', outcome: conn.uniqueIdentifier === 'email' ? 'pass' : 'fail', expected: 'email', actual: conn.uniqueIdentifier },
      { label: 'Supported provisioning actions', outcome: actionsOn ? 'pass' : 'fail', expected: 'all', actual: Object.keys(conn.actions).filter((k) => conn.actions[k]).join(', ') },
      { label: 'Authentication Mode / Authorization', outcome: sameToken ? 'pass' : 'fail', expected: 'HTTP Header with the saved token', actual: sameToken ? 'the saved token' : 'another token', ...(sameToken ? {} : { hint: 'A new token was generated in ThreatLocker, or another was pasted: copy the token again into Okta.' }) },
    );
    const test = await sandbox.okta.controls.testScimConnection(appId);
    findings.push({ label: 'Okta "Test Connector Configuration"', outcome: test.ok ? 'pass' : 'fail', actual: test.message });
    const bad = findings.filter((f) => f.outcome === 'fail');
    if (bad.length) return { status: 'failed', detail: `The SCIM connection saved in Okta differs: ${bad.map((f) => f.label).join(', ')}.`, hint: bad[0]!.hint ?? 'Enter the values below again and save.', findings };
    return { status: 'verified', detail: 'Verified in the sandbox Okta: the saved connection matches and its connection test passes; the SCIM endpoint passed every check.', findings, data: { confirmedBy: 'sandbox' } };
  }
  return {
    status: 'unverifiable',
    detail: 'The SCIM endpoint accepts the token and passed every required check (probed). Okta does not expose a custom app\'s saved SCIM connection, so the values in Okta cannot be read back.',
    hint: 'Make sure "Test Connector Configuration" succeeded in Okta and you clicked Save.',
    findings,
  };
}

export const scimConnectionStep: StepDefinition<'scim-connection'> = {
  id: 'scim-connection',
  title: 'SCIM connection',
  why: 'Okta needs ThreatLocker\'s SCIM API Url and token to create administrators; Okta offers no API to set them on a custom app, so they are entered in the Admin Console.',
  mode: 'manual',
  sandboxCanPlay: true,
  describe: ({ profile, all }) => {
    return {
      instructions: [
        'In ThreatLocker, open Integrations -> SCIM Integration and turn the Enabled toggle on (Okta\'s connection test fails while it is off).',
        'Open the app in Okta and go to the Provisioning tab. In the SCIM Connection section click Edit.',
        'Enter the values below. Under Supported provisioning actions select all of them.',
        'Click "Test Connector Configuration": it must report success. Close the pop-up and click Save.',
      ],
      values: [
        { label: 'SCIM connector base URL', value: profile.threatlocker.scimUrl ?? '', target: `${TARGET} -> SCIM connector base URL` },
        { label: 'Unique identifier field for users', value: 'email', target: `${TARGET} -> Unique identifier field for users` },
        { label: 'Supported provisioning actions (select all)', value: PROVISIONING_ACTIONS.join(', '), target: `${TARGET} -> Supported provisioning actions`, pick: true },
        { label: 'Authentication Mode', value: 'HTTP Header', target: `${TARGET} -> Authentication Mode`, pick: true },
        { label: 'Authorization (SCIM token)', secretKind: 'scimBearerToken', target: `${TARGET} -> HTTP Header -> Authorization` },
      ],
      checklist: [],
      ...createdAppDeepLink(profile, all('create-app'), 'Open the app in Okta (then the Provisioning tab)'),
    };
  },
  run: (ctx) => verify(ctx),
  verify,
  async play(ctx, admin) {
    // ThreatLocker: Integrations -> SCIM Integration -> Enabled on (Okta's connection test needs it).
    admin.threatlocker.controls.setScimEnabled(true);
    // What the admin would copy from ThreatLocker's sidebar right now.
    admin.okta.controls.setScimConnection(ctx.requireApp().appId, {
      baseUrl: admin.threatlocker.scimUrl,
      headerToken: admin.threatlocker.scimToken,
      uniqueIdentifier: 'email',
      actions: SANDBOX_ACTIONS,
    });
  },
};
