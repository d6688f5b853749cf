import type { SetupStepId } from '../../../../shared/setup';
import type { Recheck } from '../../../../shared/setup-data';

export type { Recheck };
import { SetupContext } from '../setup-context';
import type { StepDefinition } from '../step-definition';
import { failedOutcome } from '../step-errors';
import { enableScimStep } from './enable-scim.step';
import { readProvisioning } from './provisioning-state';
import { pushGroupsStep } from './push-groups.step';
import { scimConnectionStep } from './scim-connection.step';
import { toAppStep } from './to-app.step';

/**
 * Steps 5-8: what a full PUT of the app can silently undo. In real orgs a PUT of a custom SAML
 * app after provisioning was switched on resets Provisioning to NONE (base URL, token and To App
 * gone, no error: terraform-provider-okta #655, #710), and sending `features` does not help.
 */
const PROVISIONING_STEPS: readonly StepDefinition[] = [enableScimStep, scimConnectionStep, toAppStep, pushGroupsStep];

/** What the admin must enter again after a reset, per step. */
const REENTER: Partial<Record<SetupStepId, string>> = {
  'enable-scim': 'Provisioning: SCIM (General tab)',
  'scim-connection': 'the SCIM connection: base URL, unique identifier, Authorization header token, provisioning actions',
  'to-app': 'the To App settings: Create Users, Update User Attributes, Deactivate Users',
  'push-groups': 'the push groups (their mappings stop while provisioning is off)',
};

/**
 * Why SCIM provisioning may be on for the app; empty only when Okta says it is off and none of
 * steps 5-8 has been done or confirmed.
 */
export async function provisioningMayBeOn(ctx: SetupContext, appId: string): Promise<string[]> {
  const reasons: string[] = [];
  const read = await readProvisioning(ctx, appId);
  if (read.kind === 'enabled') reasons.push(`Okta reports provisioning enabled (${read.via}).`);
  if (read.kind === 'unknown') reasons.push(read.reason);
  for (const [i, step] of PROVISIONING_STEPS.entries()) {
    const status = ctx.state(step.id)?.status;
    if (status === 'verified' || status === 'unverifiable') reasons.push(`Step ${i + 5} "${step.title}" is ${status === 'verified' ? 'verified' : 'confirmed'} in this profile.`);
  }
  return reasons;
}

/**
 * After a confirmed replace: forgets the admin's confirmations of steps 5-8 (they described the
 * app before the PUT) and verifies each again from what Okta says now. A step that does not read
 * back as verified is saved as failed, saying that it must be redone.
 */
export async function recheckProvisioningSteps(ctx: SetupContext): Promise<Recheck[]> {
  const out: Recheck[] = [];
  for (const step of PROVISIONING_STEPS) {
    const c = new SetupContext(ctx.deps, ctx.profile, step.id);
    await c.saveData(step.id, { checklist: {}, confirmedBy: null });
    ctx.progress(`Re-checking "${step.title}" after the app was replaced`);
    let outcome = await step.verify(c).catch((err: unknown) => failedOutcome(err));
    const ok = outcome.status === 'verified';
    if (!ok) {
      outcome = {
        ...outcome,
        status: 'failed',
        detail: `Redo this step: step 2 replaced the app, and Okta now says: ${outcome.detail}`,
        hint: `Enter ${REENTER[step.id] ?? 'its settings'} again, then verify.`,
      };
    }
    await c.saveOutcome(outcome);
    ctx.profile = c.profile;
    const row: Recheck = { id: step.id, title: step.title, ok, detail: outcome.detail };
    if (!ok && REENTER[step.id]) row.reenter = REENTER[step.id]!;
    out.push(row);
  }
  return out;
}
