import { AppError } from '../../../../shared/errors';
import type { Finding } from '../../../../shared/setup';
import { HttpError } from '../../net/http-errors';
import type { OktaGroupPushMapping } from '../../okta/okta-schemas';
import { createdAppDeepLink, type SetupContext, type StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';
import { plural } from '../../../../shared/plural';

export interface PushedGroup {
  id: string;
  name: string;
  assigned: boolean;
  mappingId?: string;
  mappingStatus?: string;
  errorSummary?: string;
}

export function savedGroups(data: Record<string, unknown>): { id: string; name: string }[] {
  return Array.isArray(data.groups) ? (data.groups as { id: string; name: string }[]) : [];
}

async function mappingsBySource(ctx: SetupContext, appId: string): Promise<Map<string, OktaGroupPushMapping>> {
  const out = new Map<string, OktaGroupPushMapping>();
  for await (const m of ctx.okta().listGroupPushMappings(appId)) out.set(m.sourceGroupId, m);
  return out;
}

async function assignedIds(ctx: SetupContext, appId: string): Promise<Set<string>> {
  const out = new Set<string>();
  for await (const g of ctx.okta().listAppGroups(appId)) out.add(g.id);
  return out;
}

async function run(ctx: SetupContext, groupIds: string[] | undefined): Promise<StepOutcome> {
  const { appId } = ctx.requireApp();
  const okta = ctx.okta();
  let groups = savedGroups(ctx.data());
  if (groupIds) {
    const unique = [...new Set(groupIds)];
    ctx.progress(`Reading ${plural(unique.length, 'group')}`);
    groups = [];
    for (const id of unique) {
      const g = await okta.getGroup(id);
      if (g.type && g.type !== 'OKTA_GROUP') {
        throw new AppError('VALIDATION', `"${g.profile.name}" is ${g.type === 'APP_GROUP' ? 'an app group' : 'a built-in group'}; only Okta groups can be pushed.`, {
          hint: 'Pick groups created in Okta (Directory -> Groups), not groups that come from an app or Everyone.',
        });
      }
      groups.push({ id: g.id, name: g.profile.name });
    }
    // Saved before any change, so a restart knows the selection it was working on.
    await ctx.saveData({ groups });
  }
  if (groups.length === 0) {
    throw new AppError('VALIDATION', 'No groups are selected to push to ThreatLocker.', {
      hint: 'Search groups by name, or pick a group rule to take its target groups, then run this step.',
    });
  }

  // Look first, every time: a run that stopped half-way must not assign or push twice.
  const assigned = await assignedIds(ctx, appId);
  for (const [i, g] of groups.entries()) {
    if (assigned.has(g.id)) continue;
    ctx.progress(`Assigning "${g.name}" to the app (${i + 1}/${groups.length})`);
    await okta.assignGroupToApp(appId, g.id);
    assigned.add(g.id);
    await ctx.saveData({ assigned: [...assigned] });
    ctx.progress(`Assigned "${g.name}" (${i + 1}/${groups.length})`);
  }

  const mappings = await mappingsBySource(ctx, appId);
  for (const [i, g] of groups.entries()) {
    if (mappings.has(g.id)) continue;
    ctx.progress(`Pushing "${g.name}" to ThreatLocker (${i + 1}/${groups.length})`);
    let mapping: OktaGroupPushMapping | undefined;
    try {
      mapping = await okta.createGroupPushMapping(appId, { sourceGroupId: g.id, targetGroupName: g.name, status: 'ACTIVE' });
    } catch (err) {
      // A 5xx or a lost answer may hide a mapping that was made: look it up before deciding.
      const unsure = (err instanceof HttpError && err.status >= 500) || (err instanceof AppError && ['NETWORK', 'TIMEOUT'].includes(err.code));
      if (!unsure) throw err;
      mapping = (await mappingsBySource(ctx, appId)).get(g.id);
      if (!mapping) throw err;
    }
    mappings.set(g.id, mapping);
    await ctx.saveData({ mappingIds: Object.fromEntries([...mappings].map(([k, m]) => [k, m.id])) });
    ctx.progress(`Push mapping for "${g.name}" is ${mapping.status} (${i + 1}/${groups.length})`);
  }
  return verify(ctx);
}

async function verify(ctx: SetupContext): Promise<StepOutcome> {
  const { appId } = ctx.requireApp();
  const groups = savedGroups(ctx.data());
  if (groups.length === 0) return { status: 'not-started', detail: 'No groups selected yet.', findings: [] };
  ctx.progress('Reading assignments and push mappings back');
  const assigned = await assignedIds(ctx, appId);
  const mappings = await mappingsBySource(ctx, appId);
  const rows: PushedGroup[] = groups.map((g) => {
    const m = mappings.get(g.id);
    const row: PushedGroup = { id: g.id, name: g.name, assigned: assigned.has(g.id) };
    if (m) {
      row.mappingId = m.id;
      row.mappingStatus = m.status;
      if (m.errorSummary) row.errorSummary = m.errorSummary;
    }
    return row;
  });
  const findings: Finding[] = rows.flatMap((r) => {
    const f: Finding[] = [{ label: `${r.name}: assigned to the app`, outcome: r.assigned ? 'pass' : 'fail', expected: 'assigned', actual: r.assigned ? 'assigned' : 'not assigned' }];
    const ok = r.mappingStatus === 'ACTIVE' && !r.errorSummary;
    const push: Finding = { label: `${r.name}: pushed`, outcome: ok ? 'pass' : 'fail', expected: 'ACTIVE', actual: r.mappingStatus ? `${r.mappingStatus}${r.errorSummary ? `: ${r.errorSummary}` : ''}` : 'no push mapping' };
    if (!ok) push.hint = r.errorSummary ? 'Fix the cause in Okta (Push Groups tab shows the same error), then run this step again.' : 'Run this step again.';
    f.push(push);
    return f;
  });
  const bad = findings.filter((f) => f.outcome === 'fail');
  const data = { pushed: rows };
  if (bad.length) return { status: 'failed', detail: `${plural(bad.length, 'problem')}: ${bad.map((f) => f.label).join('; ')}.`, hint: bad[0]!.hint ?? 'Run this step again.', findings, data };
  return { status: 'verified', detail: `${plural(rows.length, 'group')} assigned and pushed; every push mapping is ACTIVE.`, findings, data };
}

export const pushGroupsStep: StepDefinition = {
  id: 'push-groups',
  title: 'Assign and push groups',
  why: 'ThreatLocker creates administrators from the Okta groups pushed to it; the group\'s members are assigned to the app and provisioned.',
  mode: 'automated',
  sandboxCanPlay: false,
  describe: ({ profile, all }) => {
    return {
      instructions: [
        'Pick the Okta groups whose members become ThreatLocker administrators: search by name, or pick a group rule to take its target groups.',
        'The console assigns each group to the app and creates a push mapping named after the group; the first sync can take up to an hour in a real org.',
      ],
      values: [],
      checklist: [],
      ...createdAppDeepLink(profile, all('create-app'), 'Open the app in Okta (then the Push Groups tab)'),
    };
  },
  run: (ctx, input) => run(ctx, input.groupIds),
  verify,
};
