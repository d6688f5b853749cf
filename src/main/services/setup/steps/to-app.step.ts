import type { Finding } from '../../../../shared/setup';
import { HttpError } from '../../net/http-errors';
import type { OktaFeature } from '../../okta/okta-schemas';
import { createdAppDeepLink, type SetupContext, type StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';
import { readProvisioning } from './provisioning-state';

const CAPABILITIES = [
  ['Create Users', 'create.lifecycleCreate.status'],
  ['Update User Attributes', 'update.profile.status'],
  ['Deactivate Users', 'update.lifecycleDeactivate.status'],
] as const;

const at = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

function compare(feature: OktaFeature): Finding[] {
  return CAPABILITIES.map(([label, path]) => {
    const actual = at(feature.capabilities, path);
    const f: Finding = { label: `To App: ${label}`, outcome: actual === 'ENABLED' ? 'pass' : 'fail', expected: 'ENABLED', actual: String(actual ?? '(not set)') };
    if (actual !== 'ENABLED') f.hint = `Provisioning tab -> To App -> Edit -> tick "${label}" -> Save.`;
    return f;
  });
}

async function verify(ctx: SetupContext, how: 'api' | 'manual'): Promise<StepOutcome<'to-app'>> {
  const { appId } = ctx.requireApp();
  ctx.progress('Reading the To App settings back (USER_PROVISIONING feature)');
  const read = await readProvisioning(ctx, appId);
  if (read.kind === 'disabled') {
    return { status: 'failed', detail: 'Provisioning is not enabled on the app, so there is no To App page yet.', hint: 'Do steps 5 and 6 first.', findings: [] };
  }
  if (read.kind === 'unknown' || !read.feature) {
    return { status: 'unverifiable', detail: `Could not verify the To App settings: ${read.kind === 'unknown' ? read.reason : 'Okta returned no feature'}`, hint: 'Check the three boxes under Provisioning -> To App in Okta.', findings: [] };
  }
  const findings = compare(read.feature);
  findings.push({ label: 'Attribute mappings', outcome: 'info', actual: 'not checked (no change needed)', hint: 'Do not change the ThreatLocker attribute mappings (the article says so).' });
  const bad = findings.filter((f) => f.outcome === 'fail');
  if (bad.length) {
    return { status: 'not-started', detail: `Not enabled yet: ${bad.map((f) => f.label.replace('To App: ', '')).join(', ')}.`, hint: bad[0]!.hint!, findings, data: { how } };
  }
  return { status: 'verified', detail: 'Create Users, Update User Attributes and Deactivate Users are enabled (read back from Okta).', findings, data: { how } };
}

export const toAppStep: StepDefinition<'to-app'> = {
  id: 'to-app',
  title: 'To App: create, update, deactivate',
  why: 'These three switches let Okta create ThreatLocker administrators, keep their names current and disable them when they leave.',
  mode: 'mixed',
  sandboxCanPlay: true,
  describe: ({ profile, all }) => {
    return {
      instructions: [
        'The console first tries Okta\'s Features API; Okta refuses it for custom apps, and then these clicks are needed:',
        'Open the app in Okta -> Provisioning tab -> To App (top left) -> Edit.',
        'Tick Create Users, Update User Attributes and Deactivate Users, then Save.',
        'Do not change the ThreatLocker attribute mappings below them.',
      ],
      values: [],
      checklist: [],
      ...createdAppDeepLink(profile, all('create-app'), 'Open the app in Okta (then Provisioning -> To App)'),
    };
  },
  async run(ctx) {
    const { appId } = ctx.requireApp();
    ctx.progress('Trying Okta\'s Features API (PUT USER_PROVISIONING)');
    try {
      await ctx.okta().updateFeature(appId, 'USER_PROVISIONING', {
        create: { lifecycleCreate: { status: 'ENABLED' } },
        update: { profile: { status: 'ENABLED' }, lifecycleDeactivate: { status: 'ENABLED' } },
      });
      return verify(ctx, 'api');
    } catch (err) {
      if (!(err instanceof HttpError) || err.status >= 500 || err.status === 429 || err.status === 401) throw err;
      // Expected for custom apps: Okta documents the PUT for a few OIN apps only.
      const outcome = await verify(ctx, 'manual');
      outcome.findings = [{ label: 'Features API', outcome: 'info', actual: `refused (${err.status}): the checkboxes must be ticked in the Admin Console` }, ...(outcome.findings ?? [])];
      return outcome;
    }
  },
  verify: (ctx) => verify(ctx, ctx.data('to-app').how ?? 'manual'),
  async play(ctx, admin) {
    admin.okta.controls.setToAppFeatures(ctx.requireApp().appId, { createUsers: true, updateUserAttributes: true, deactivateUsers: true });
  },
};
