import { AppError } from '../../../../shared/errors';
import { plural } from '../../../../shared/plural';
import type { Finding, StepInput } from '../../../../shared/setup';
import type { OktaAppUser, OktaUser } from '../../okta/okta-schemas';
import type { SetupContext, StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';
import { describePending, pendingCount, pendingFinding, progressOf, type ProvisioningProgress } from './provisioning-progress';
import { savedGroups } from './push-groups.step';
import type { MissingPhoneUser, StepDataPatch } from '../../../../shared/setup-data';

const PHONE_SOURCES = ['mobilePhone', 'workPhone', 'homePhone', 'telephoneNumber'];
const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * Everyone Okta will provision, and how far their push has got: app users (500 a page, with
 * their Okta user embedded) plus members of the pushed groups (1000 a page) that the assignment
 * rule may not have reached yet. The assignment group is filled from those same groups, so its
 * own members are not listed again.
 */
async function provisionedUsers(ctx: SetupContext, appId: string): Promise<{ users: Map<string, OktaUser>; progress: ProvisioningProgress }> {
  const okta = ctx.okta();
  const users = new Map<string, OktaUser>();
  const appUsers: OktaAppUser[] = [];
  for await (const au of okta.listAppUsers(appId, { expand: 'user' })) {
    appUsers.push(au);
    if (au._embedded?.user) users.set(au.id, au._embedded.user);
  }
  for (const { id } of savedGroups(ctx.data('push-groups'))) {
    for await (const u of okta.listGroupMembers(id)) users.set(u.id, u);
  }
  for (const [id, u] of users) if (u.status === 'DEPROVISIONED') users.delete(id);
  return { users, progress: progressOf(appUsers, ctx.now()) };
}

function missingOf(users: Map<string, OktaUser>): MissingPhoneUser[] {
  return [...users.values()]
    .filter((u) => blank(u.profile.primaryPhone))
    .map((u) => {
      const candidates: Record<string, string> = {};
      for (const k of PHONE_SOURCES) {
        const v = (u.profile as Record<string, unknown>)[k];
        if (typeof v === 'string' && v.trim()) candidates[k] = v.trim();
      }
      return { id: u.id, login: u.profile.login, name: [u.profile.firstName, u.profile.lastName].filter(Boolean).join(' ') || u.profile.login, candidates };
    })
    .sort((a, b) => a.login.localeCompare(b.login));
}

async function verify(ctx: SetupContext): Promise<StepOutcome<'primary-phone'>> {
  const { appId } = ctx.requireApp();
  ctx.progress('Listing the users who will be provisioned');
  const { users, progress } = await provisionedUsers(ctx, appId);
  const missing = missingOf(users);
  const errored = progress.errored;
  const pending = pendingCount(progress);
  const findings: Finding[] = [
    { label: 'Users to provision', outcome: 'info', actual: String(users.size) },
    missing.length
      ? { label: 'Without primaryPhone', outcome: 'fail', expected: '0', actual: `${missing.length}: ${missing.slice(0, 5).map((m) => m.login).join(', ')}${missing.length > 5 ? ', ...' : ''}`, hint: 'Fill primaryPhone for them below (from another attribute or a value you enter).' }
      : { label: 'Without primaryPhone', outcome: 'pass', expected: '0', actual: '0' },
  ];
  findings.push(pendingFinding(progress));
  findings.push(
    errored
      ? { label: 'Failed provisioning tasks in Okta', outcome: 'fail', expected: '0', actual: String(errored), hint: 'In Okta: Dashboard -> Tasks, select the failed provisioning tasks for this app and click Retry.' }
      : { label: 'Failed provisioning tasks in Okta', outcome: 'pass', expected: '0', actual: '0' },
  );
  const data: StepDataPatch<'primary-phone'> = { missing, userCount: users.size, errored, pending: progress.pending, suggestedSource: null };
  // One attribute every listed user has: the fill becomes a single confirmation.
  const common = PHONE_SOURCES.find((k) => missing.length > 0 && missing.every((m) => m.candidates[k]));
  if (common) data.suggestedSource = { kind: 'attribute', attribute: common };
  if (missing.length) {
    const have = missing.length === 1 ? 'has' : 'have';
    return { status: 'failed', detail: `${missing.length} of ${plural(users.size, 'user')} ${have} no primaryPhone; Okta will fail to sync them.`, hint: 'Select them, choose where the value comes from, and confirm.', findings, data };
  }
  if (errored) return { status: 'failed', detail: `Every user has a primaryPhone, but ${plural(errored, 'provisioning task')} failed earlier in Okta.`, hint: 'In Okta: Dashboard -> Tasks -> retry the failed provisioning tasks, then verify.', findings, data };
  if (pending) {
    return {
      status: 'failed',
      detail: `Every user has a primaryPhone, but Okta has not finished provisioning ${plural(pending, 'user')}: ${describePending(progress)}.`,
      hint: pendingFinding(progress).hint!,
      findings,
      data,
    };
  }
  return { status: 'verified', detail: `All ${plural(users.size, 'user')} to provision have a primaryPhone, and Okta finished pushing every one.`, findings, data };
}

async function fill(ctx: SetupContext, phoneFill: NonNullable<StepInput['phoneFill']>): Promise<void> {
  const { appId } = ctx.requireApp();
  const { users } = await provisionedUsers(ctx, appId);
  const missing = new Map(missingOf(users).map((m) => [m.id, m]));
  const unknown = phoneFill.userIds.filter((id) => !missing.has(id));
  if (unknown.length) {
    throw new AppError('VALIDATION', `${plural(unknown.length, 'selected user is', 'selected users are')} not in the list of users without primaryPhone (a phone was added meanwhile, or they are not provisioned).`, {
      hint: 'Verify the step to refresh the list, then select again.',
    });
  }
  const filled: string[] = [];
  const skipped: { login: string; reason: string }[] = [];
  const { source } = phoneFill;
  for (const [i, id] of phoneFill.userIds.entries()) {
    const user = users.get(id)!;
    const value = source.kind === 'value' ? source.value : (user.profile as Record<string, unknown>)[source.attribute];
    if (typeof value !== 'string' || !value.trim() || value.length > 100) {
      const reason =
        typeof value === 'string' && value.length > 100
          ? `its ${source.kind === 'attribute' ? source.attribute : 'value'} is longer than 100 characters`
          : source.kind === 'attribute'
            ? `${source.attribute} is empty`
            : 'the value is empty';
      skipped.push({ login: user.profile.login, reason });
      continue;
    }
    ctx.progress(`Setting primaryPhone for ${user.profile.login} (${i + 1}/${phoneFill.userIds.length})`);
    // POST is a partial update: only primaryPhone changes.
    await ctx.okta().updateUserProfile(id, { primaryPhone: value.trim() });
    filled.push(id);
    await ctx.saveData('primary-phone', { filled: [...new Set([...(ctx.data('primary-phone').filled ?? []), id])] });
  }
  await ctx.saveData('primary-phone', { lastFill: { at: ctx.now().toISOString(), filled: filled.length, skipped } });
}

export const primaryPhoneStep: StepDefinition<'primary-phone'> = {
  id: 'primary-phone',
  title: 'primaryPhone pre-flight',
  why: 'Okta requires a primaryPhone on every user it syncs to ThreatLocker; a user without one fails to provision.',
  mode: 'mixed',
  sandboxCanPlay: true,
  describe: () => ({
    instructions: [
      'Lists every user who will be provisioned (assigned, or in a pushed group) and has no primaryPhone, and any push Okta has not finished (SYNCING, OUT_OF_SYNC, STAGED) with its age.',
      'Select users, fill primaryPhone from another profile attribute (e.g. mobilePhone) or a value you enter, and confirm. Only primaryPhone changes.',
      'Users who already failed to sync: in Okta, Dashboard -> Tasks, retry their provisioning tasks.',
    ],
    values: [],
    checklist: [],
  }),
  async run(ctx, input) {
    if (input.phoneFill) await fill(ctx, input.phoneFill);
    return verify(ctx);
  },
  verify,
  async play(ctx, admin) {
    // Dashboard -> Tasks -> Retry, then let the simulated Okta finish the pushes.
    admin.okta.controls.retryFailedProvisioning(ctx.requireApp().appId);
    await admin.okta.controls.whenIdle();
  },
};
