import type { Finding } from '../../../../shared/setup';
import { createdAppDeepLink, type SetupContext, type StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';
import { readProvisioning } from './provisioning-state';

async function verify(ctx: SetupContext): Promise<StepOutcome<'enable-scim'>> {
  const { appId } = ctx.requireApp();
  ctx.progress('Reading the app\'s provisioning state back from Okta');
  const read = await readProvisioning(ctx, appId);
  const findings: Finding[] = [{ label: 'app.features', outcome: 'info', actual: read.features.join(', ') || '(none)' }];
  if (read.kind === 'enabled') {
    findings.push({ label: 'Provisioning', outcome: 'pass', expected: 'SCIM', actual: `enabled (${read.via})` });
    return { status: 'verified', detail: 'SCIM provisioning is enabled on the app (read back from Okta).', findings };
  }
  if (read.kind === 'disabled') {
    findings.push({ label: 'Provisioning', outcome: 'fail', expected: 'SCIM', actual: read.reason });
    return { status: 'not-started', detail: 'SCIM provisioning is not enabled on the app yet.', hint: 'Follow the instructions (General tab -> App Settings -> Edit -> Provisioning: SCIM -> Save), then verify.', findings };
  }
  findings.push({ label: 'Provisioning', outcome: 'warn', expected: 'SCIM', actual: read.reason });
  if (ctx.checklist()['scim-selected']) {
    return { status: 'unverifiable', detail: `Confirmed by you; could not verify: ${read.reason}`, findings, data: { confirmedBy: 'admin' } };
  }
  return { status: 'unverifiable', detail: `Could not verify: ${read.reason}`, hint: 'Check the General tab shows Provisioning: SCIM, then confirm here.', findings };
}

export const enableScimStep: StepDefinition<'enable-scim'> = {
  id: 'enable-scim',
  title: 'Enable SCIM provisioning',
  why: 'Okta offers no API to switch a custom SAML app to SCIM provisioning: it is one setting in the Admin Console. Without it there is no Provisioning tab, no SCIM connection and no group push.',
  mode: 'manual',
  sandboxCanPlay: true,
  describe: ({ profile, all }) => {
    return {
      instructions: [
        'Open the app in the Okta Admin Console (button below) and stay on the General tab.',
        'In the App Settings section click Edit.',
        'In the Provisioning field select SCIM.',
        'Click Save at the bottom of the App Settings panel. A Provisioning tab appears at the top of the page.',
      ],
      values: [{ label: 'Provisioning', value: 'SCIM', target: 'Okta -> app -> General -> App Settings -> Provisioning', pick: true }],
      checklist: [],
      ...createdAppDeepLink(profile, all('create-app'), 'Open the app\'s General tab in Okta'),
    };
  },
  async run(ctx) {
    return verify(ctx);
  },
  verify,
  async play(ctx, admin) {
    admin.okta.controls.enableScimProvisioning(ctx.requireApp().appId);
  },
};
