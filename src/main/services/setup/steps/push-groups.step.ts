import { AppError } from '../../../../shared/errors';
import type { Finding } from '../../../../shared/setup';
import { HttpError } from '../../net/http-errors';
import type { OktaGroup, OktaGroupPushMapping, OktaGroupRule } from '../../okta/okta-schemas';
import { createdAppDeepLink, type SetupContext, type StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';
import { plural } from '../../../../shared/plural';
import { markStepStale } from '../../profiles/stale-results';
import type { NamedRef, PushedGroup, StepDataOf } from '../../../../shared/setup-data';
import {
  assignmentGroupName, ensureAssignmentGroup, findAssignmentGroup, findAssignmentRule, ruleExpression, ruleIsCurrent,
  WHY_SEPARATE_GROUPS,
} from './assignment-group';

/** The groups the admin picked (saved before anything is changed in Okta). */
export function savedGroups(data: StepDataOf<'push-groups'>): NamedRef[] {
  return data.groups ?? [];
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

async function run(ctx: SetupContext, groupIds: string[] | undefined, confirmRemoval: boolean): Promise<StepOutcome<'push-groups'>> {
  const { appId, label } = ctx.requireApp();
  const okta = ctx.okta();
  let groups = savedGroups(ctx.data('push-groups'));
  if (groupIds) {
    const unique = [...new Set(groupIds)];
    ctx.progress(`Reading ${plural(unique.length, 'group')}`);
    groups = [];
    for (const id of unique) {
      const g = await okta.getGroup(id);
      if (g.profile.name === assignmentGroupName(label)) {
        throw new AppError('VALIDATION', `"${g.profile.name}" is the app's assignment group; it is never pushed.`, {
          hint: 'Pick the role groups only: the assignment group is filled from them by a group rule.',
        });
      }
      if (g.type && g.type !== 'OKTA_GROUP') {
        throw new AppError('VALIDATION', `"${g.profile.name}" is ${g.type === 'APP_GROUP' ? 'an app group' : 'a built-in group'}; only Okta groups can be pushed.`, {
          hint: 'Pick groups created in Okta (Directory -> Groups), not groups that come from an app or Everyone.',
        });
      }
      groups.push({ id: g.id, name: g.profile.name });
    }
    const before = new Set(savedGroups(ctx.data('push-groups')).map((g) => g.id));
    // Saved before any change, so a restart knows the selection it was working on.
    await ctx.saveData('push-groups', { groups });
    // New groups bring new people: step 9's check of everyone's primaryPhone does not cover them yet.
    const added = groups.filter((g) => !before.has(g.id));
    if (before.size && added.length) {
      const reason = `step 8 pushed ${added.map((g) => `"${g.name}"`).join(', ')} since this was checked: their members' primaryPhone is not checked yet`;
      await ctx.update((p) => markStepStale(p, 'primary-phone', reason, new Date().toISOString()));
    }
  }
  if (groups.length === 0) {
    throw new AppError('VALIDATION', 'No groups are selected to push to ThreatLocker.', {
      hint: 'Search groups by name, or pick a group rule to take its target groups, then run this step.',
    });
  }

  // Assignment goes through a group of its own; the chosen (role) groups are only pushed.
  const ensured = await ensureAssignmentGroup(ctx, { appId, label }, groups.map((g) => g.id), { confirmRemoval });
  if (ensured.kind === 'confirm-removal') return refuseRemoval(ctx, ensured.removed);
  await ctx.saveData('push-groups', { ruleRemovalNeedsConfirmation: null });
  const assignment = ensured.group;
  // Look first, every time: a run that stopped half-way must not assign or push twice.
  const assigned = await assignedIds(ctx, appId);
  if (!assigned.has(assignment.id)) {
    ctx.progress(`Assigning "${assignment.name}" to the app`);
    await okta.assignGroupToApp(appId, assignment.id);
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
    await ctx.saveData('push-groups', { mappingIds: Object.fromEntries([...mappings].map(([k, m]) => [k, m.id])) });
    ctx.progress(`Push mapping for "${g.name}" is ${mapping.status} (${i + 1}/${groups.length})`);
  }
  return verify(ctx);
}

async function verify(ctx: SetupContext): Promise<StepOutcome<'push-groups'>> {
  const { appId, label } = ctx.requireApp();
  const groups = savedGroups(ctx.data('push-groups'));
  if (groups.length === 0) return { status: 'not-started', detail: 'No groups selected yet.', findings: [] };
  ctx.progress('Reading assignments, the assignment group rule and push mappings back');
  const assigned = await assignedIds(ctx, appId);
  const mappings = await mappingsBySource(ctx, appId);
  const assignment = await findAssignmentGroup(ctx, assignmentGroupName(label));
  const rule = assignment ? (await findAssignmentRule(ctx, appId, assignment.id)).ours : undefined;
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
  const findings: Finding[] = [assignmentFinding(label, assignment, assigned)];
  if (assignment) findings.push(ruleFinding(assignment, rule, groups.map((g) => g.id)));
  for (const r of rows) {
    if (r.assigned) {
      findings.push({
        label: `${r.name}: assigned and pushed (old style)`,
        outcome: 'fail',
        expected: 'pushed only',
        actual: 'assigned to the app and pushed',
        hint: assignment && assigned.has(assignment.id)
          ? `Remove "${r.name}" from the app (Okta Admin Console -> Applications -> "${label}" -> Assignments -> Groups -> remove); its members stay assigned through "${assignment.profile.name}".`
          : `Run this step again to create the assignment group, then remove "${r.name}" from the app's Assignments tab.`,
      });
    }
    const ok = r.mappingStatus === 'ACTIVE' && !r.errorSummary;
    const push: Finding = { label: `${r.name}: pushed`, outcome: ok ? 'pass' : 'fail', expected: 'ACTIVE', actual: r.mappingStatus ? `${r.mappingStatus}${r.errorSummary ? `: ${r.errorSummary}` : ''}` : 'no push mapping' };
    if (!ok) push.hint = r.errorSummary ? 'Fix the cause in Okta (Push Groups tab shows the same error), then run this step again.' : 'Run this step again.';
    findings.push(push);
  }
  const bad = findings.filter((f) => f.outcome === 'fail');
  const oldStyle = rows.filter((r) => r.assigned).map((r) => r.name);
  const data = {
    pushed: rows,
    assignmentGroup: assignment ? { id: assignment.id, name: assignment.profile.name, assigned: assigned.has(assignment.id) } : null,
    assignmentRule: rule ? { id: rule.id, name: rule.name, status: rule.status } : null,
    oldStyle,
  };
  if (bad.length) return { status: 'failed', detail: `${plural(bad.length, 'problem')}: ${bad.map((f) => f.label).join('; ')}.`, hint: bad[0]!.hint ?? 'Run this step again.', findings, data };
  return { status: 'verified', detail: `The app is assigned through "${assignment!.profile.name}" (filled by a group rule); ${plural(rows.length, 'group')} pushed, every push mapping ACTIVE.`, findings, data };
}

/** Dropping groups from the rule can unassign their members: nothing is changed until the admin confirms. */
async function refuseRemoval(ctx: SetupContext, removed: NamedRef[]): Promise<StepOutcome<'push-groups'>> {
  const names = removed.map((g) => `"${g.name}"`).join(', ');
  const outcome = await verify(ctx);
  return {
    ...outcome,
    status: 'failed',
    detail: `The group rule was not changed: it would stop filling the assignment group from ${names}. Their members who are in no other picked group would lose the app and be deactivated in ThreatLocker.`,
    hint: 'Add those groups back to the selection, or confirm their removal from the rule.',
    findings: [
      ...removed.map((g): Finding => ({ label: `${g.name}: would be removed from the group rule`, outcome: 'warn', expected: 'your confirmation', actual: 'not confirmed' })),
      ...(outcome.findings ?? []),
    ],
    data: { ...outcome.data, ruleRemovalNeedsConfirmation: removed },
  };
}

function assignmentFinding(label: string, group: OktaGroup | undefined, assigned: Set<string>): Finding {
  const name = assignmentGroupName(label);
  if (!group) return { label: `Assignment group "${name}"`, outcome: 'fail', expected: 'exists, assigned to the app', actual: 'missing', hint: 'Run this step again: it creates the group and its rule.' };
  const ok = assigned.has(group.id);
  const f: Finding = { label: `Assignment group "${name}"`, outcome: ok ? 'pass' : 'fail', expected: 'assigned to the app', actual: ok ? 'assigned' : 'not assigned' };
  if (!ok) f.hint = 'Run this step again: it assigns the group.';
  return f;
}

function ruleFinding(group: OktaGroup, rule: OktaGroupRule | undefined, pushedIds: string[]): Finding {
  const ok = ruleIsCurrent(rule, group.id, pushedIds);
  const f: Finding = {
    label: 'Group rule filling the assignment group',
    outcome: ok ? 'pass' : 'fail',
    expected: `ACTIVE, ${ruleExpression(pushedIds)}`,
    actual: rule ? `${rule.status}, ${rule.conditions?.expression?.value ?? '(no expression)'}` : 'missing',
  };
  if (!ok) f.hint = 'Run this step again: it creates or updates the rule (Okta Admin Console -> Directory -> Groups -> Rules).';
  return f;
}

export const pushGroupsStep: StepDefinition<'push-groups'> = {
  id: 'push-groups',
  title: 'Assign and push groups',
  why: `ThreatLocker creates administrators from the Okta groups pushed to it. ${WHY_SEPARATE_GROUPS}`,
  mode: 'automated',
  sandboxCanPlay: false,
  describe: ({ profile, all }) => {
    return {
      instructions: [
        'Pick the Okta groups whose members become ThreatLocker administrators: search by name, or pick a group rule to take its target groups.',
        'The console creates (or reuses) an assignment group, filled by a group rule from the groups you pick, assigns that group to the app, and creates a push mapping for each picked group, named after it; the first sync can take up to an hour in a real org.',
      ],
      values: [],
      checklist: [],
      ...createdAppDeepLink(profile, all('create-app'), 'Open the app in Okta (then the Push Groups tab)'),
    };
  },
  run: (ctx, input) => run(ctx, input.groupIds, input.confirmRuleRemoval === true),
  verify,
};
