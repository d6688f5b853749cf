import type { ConfirmedBy, Finding } from '../../../../shared/setup';
import type { SetupContext, StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';

const ALLOW = 'allow-sso';
const ADMIN_LOGIN = 'admin-login-settings';

/** "confirmed by you", "ticked by the sandbox" or "not confirmed yet": who said it is done. */
export function confirmationText(by: ConfirmedBy | undefined): string {
  return by === 'admin' ? 'confirmed by you' : by === 'sandbox' ? 'ticked by the sandbox' : 'not confirmed yet';
}

async function verify(ctx: SetupContext): Promise<StepOutcome<'allow-sso'>> {
  const findings: Finding[] = [];
  const sandbox = ctx.sandbox();
  const allowBy = ctx.confirmedBy(ALLOW);
  const adminLoginBy = ctx.confirmedBy(ADMIN_LOGIN);
  if (sandbox) {
    const allowed = sandbox.threatlocker.controls.isSsoAllowed();
    findings.push({ label: 'Allow SSO', outcome: allowed ? 'pass' : 'fail', expected: 'on', actual: allowed ? 'on (read from the sandbox ThreatLocker)' : 'off' });
  } else {
    // A ticked box is someone's word, not a read-back: shown as information, never as a green pass.
    findings.push({ label: 'Allow SSO', outcome: 'info', actual: confirmationText(allowBy) });
  }
  findings.push({ label: 'Admin Login Settings', outcome: 'info', actual: confirmationText(adminLoginBy) });
  const allowOk = sandbox ? findings[0]!.outcome === 'pass' : !!allowBy;
  if (!allowOk || !adminLoginBy) {
    return { status: 'not-started', detail: 'Allow SSO in ThreatLocker\'s Login Settings and choose the Admin Login Settings, then confirm both.', findings };
  }
  if (sandbox) {
    return {
      status: 'verified',
      detail: `Verified in the sandbox ThreatLocker: SSO is allowed. Admin Login Settings ${confirmationText(adminLoginBy)} (no API reads it back).`,
      findings,
      data: { confirmedBy: 'sandbox' },
    };
  }
  return { status: 'unverifiable', detail: 'Confirmed by you. ThreatLocker has no API to read its Login Settings.', findings, data: { confirmedBy: 'admin' } };
}

export const allowSsoStep: StepDefinition<'allow-sso'> = {
  id: 'allow-sso',
  title: 'Allow SSO',
  why: 'Until SSO is allowed in ThreatLocker\'s Login Settings, provisioned administrators cannot sign in through Okta.',
  mode: 'manual',
  sandboxCanPlay: true,
  describe: () => ({
    instructions: [
      'In ThreatLocker open Administrators -> Login Settings, turn on "Allow SSO" and save.',
      'In Integrations -> SCIM Integration, Admin Login Settings: choose "SAML-enabled account" (the SAML integration is set up) or "E-mail invitation".',
      'Note: if SAML is disabled later, SAML users must reset their passwords.',
    ],
    values: [],
    checklist: [
      { id: ALLOW, label: 'Allow SSO is on in Administrators -> Login Settings' },
      { id: ADMIN_LOGIN, label: 'Admin Login Settings chosen (SAML-enabled account or e-mail invitation)' },
    ],
  }),
  async run(ctx) {
    return verify(ctx);
  },
  verify,
  async play(ctx, admin) {
    admin.threatlocker.controls.setSsoAllowed(true);
    await ctx.confirm({ [ALLOW]: true, [ADMIN_LOGIN]: true }, 'sandbox');
  },
};
