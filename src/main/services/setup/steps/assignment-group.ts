import type { OktaGroup, OktaGroupRule } from '../../okta/okta-schemas';
import type { GroupRuleBody } from '../../okta/okta-client';
import type { SetupContext } from '../setup-context';
import { AppError } from '../../../../shared/errors';
import { groupNameOrDeleted } from '../group-names';
import type { NamedRef } from '../../../../shared/setup-data';

/**
 * Okta does not support using one group both to assign an app and to push it (About Group Push:
 * removed users can linger in the target's groups). In ThreatLocker pushed groups decide admin
 * roles, so the console assigns the app through a group of its own, kept filled by a group rule
 * from the pushed (role) groups, and pushes only the role groups.
 */
export const WHY_SEPARATE_GROUPS =
  'Okta does not support assigning and pushing the same group (removed users can keep their ThreatLocker role), so the app is assigned through a separate group that a rule fills from the pushed groups.';

export interface AssignmentGroupRef {
  id: string;
  name: string;
}

export function assignmentGroupName(appLabel: string): string {
  return `${appLabel} — provisioned`;
}

/**
 * Okta limits rule names to 50 characters (400 above). Named after the app id, not the label:
 * ids are unique and short, so two apps' rules never share a name.
 */
export function assignmentRuleName(appId: string): string {
  return `ThreatLocker assignment ${appId}`.slice(0, 50);
}

/** Ids sorted so the same selection always gives the same expression. */
export function ruleExpression(groupIds: string[]): string {
  return `isMemberOfAnyGroup(${[...new Set(groupIds)].sort().map((id) => `"${id}"`).join(', ')})`;
}

/** The group ids an isMemberOfAnyGroup(...) expression names (empty for any other expression). */
export function expressionGroupIds(expression: string | undefined): string[] {
  const m = /^isMemberOfAnyGroup\((.*)\)$/.exec(expression?.trim() ?? '');
  return m ? [...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!) : [];
}

function ruleBody(name: string, assignmentGroupId: string, pushedIds: string[]): GroupRuleBody {
  return {
    name,
    conditions: { expression: { value: ruleExpression(pushedIds), type: 'urn:okta:expression:1.0' } },
    actions: { assignUserToGroups: { groupIds: [assignmentGroupId] } },
  };
}

export async function findAssignmentGroup(ctx: SetupContext, name: string): Promise<OktaGroup | undefined> {
  for await (const g of ctx.okta().listGroups({ q: name, limit: 10 })) {
    if (g.profile.name === name && (!g.type || g.type === 'OKTA_GROUP')) return g;
  }
  return undefined;
}

export interface RuleLookup {
  /** The console's rule: the saved one, or one whose action already fills this assignment group. */
  ours?: OktaGroupRule;
  /** Rules with the console's rule name that are not ours (another app's, an admin's): never touched. */
  foreign: OktaGroupRule[];
}

/** Only the saved rule, or a rule already filling the assignment group, is ever the console's to change. */
export async function findAssignmentRule(ctx: SetupContext, appId: string, assignmentGroupId: string | undefined): Promise<RuleLookup> {
  const savedId = ctx.data('push-groups').assignmentRuleId;
  const name = assignmentRuleName(appId);
  let saved: OktaGroupRule | undefined;
  let targeting: OktaGroupRule | undefined;
  const foreign: OktaGroupRule[] = [];
  for await (const r of ctx.okta().listGroupRules({ limit: 200 })) {
    if (savedId && r.id === savedId) saved = r;
    else if (assignmentGroupId && (r.actions?.assignUserToGroups?.groupIds ?? []).includes(assignmentGroupId)) targeting ??= r;
    else if (r.name === name) foreign.push(r);
  }
  return { ours: saved ?? targeting, foreign };
}

/** Whether the rule fills the assignment group from exactly these pushed groups, and runs. */
export function ruleIsCurrent(rule: OktaGroupRule | undefined, assignmentGroupId: string, pushedIds: string[]): boolean {
  return (
    rule?.status === 'ACTIVE' &&
    rule.conditions?.expression?.value === ruleExpression(pushedIds) &&
    (rule.actions?.assignUserToGroups?.groupIds ?? []).includes(assignmentGroupId)
  );
}

export type EnsureResult =
  | { kind: 'done'; group: AssignmentGroupRef; ruleId: string }
  /** The rule would stop filling the assignment group from these groups: the admin confirms first. */
  | { kind: 'confirm-removal'; group: AssignmentGroupRef; ruleId: string; removed: NamedRef[] };

async function groupNames(ctx: SetupContext, ids: string[]): Promise<NamedRef[]> {
  const out: NamedRef[] = [];
  for (const id of ids) out.push({ id, name: await groupNameOrDeleted(ctx.okta(), id) });
  return out;
}

/**
 * Finds or creates the assignment group and its rule, and brings the rule up to the pushed
 * groups chosen now. Looks before every write, so a run that stopped half-way never makes two.
 * Dropping groups from the rule can unassign their members (and deactivate them in
 * ThreatLocker), so it waits for the admin's confirmation.
 */
export async function ensureAssignmentGroup(
  ctx: SetupContext,
  app: { appId: string; label: string },
  pushedIds: string[],
  opts: { confirmRemoval?: boolean } = {},
): Promise<EnsureResult> {
  const okta = ctx.okta();
  const name = assignmentGroupName(app.label);
  let group = await findAssignmentGroup(ctx, name);
  if (!group) {
    ctx.progress(`Creating the assignment group "${name}"`);
    group = await okta.createGroup({ name, description: 'Assigns the ThreatLocker app. Filled by a group rule from the groups pushed to ThreatLocker; do not push this group.' });
  }
  const ref = { id: group.id, name: group.profile.name };
  await ctx.saveData('push-groups', { assignmentGroup: ref });
  const ruleName = assignmentRuleName(app.appId);
  const { ours, foreign } = await findAssignmentRule(ctx, app.appId, group.id);
  if (!ours && foreign.length) {
    throw new AppError('CONFLICT', `A group rule named "${ruleName}" exists but does not fill "${name}"; the console leaves it alone.`, {
      hint: `Rename or delete that rule in Okta (Directory -> Groups -> Rules: ${foreign.map((r) => r.id).join(', ')}) if it is not needed, then run this step again.`,
    });
  }
  let rule = ours;
  if (rule && ruleIsCurrent(rule, group.id, pushedIds)) {
    await ctx.saveData('push-groups', { assignmentRuleId: rule.id });
    return { kind: 'done', group: ref, ruleId: rule.id };
  }
  const body = ruleBody(ruleName, group.id, pushedIds);
  if (!rule) {
    ctx.progress(`Creating the group rule "${ruleName}"`);
    rule = await okta.createGroupRule(body);
    // Saved before activating: the next run changes this rule, never guesses.
    await ctx.saveData('push-groups', { assignmentRuleId: rule.id });
  } else {
    await ctx.saveData('push-groups', { assignmentRuleId: rule.id });
    const dropped = expressionGroupIds(rule.conditions?.expression?.value ?? undefined).filter((id) => !pushedIds.includes(id));
    if (dropped.length && opts.confirmRemoval !== true) {
      return { kind: 'confirm-removal', group: ref, ruleId: rule.id, removed: await groupNames(ctx, dropped) };
    }
    ctx.progress(`Updating the group rule "${rule.name}" to the pushed groups chosen now`);
    const wasActive = rule.status === 'ACTIVE';
    if (wasActive) await okta.setGroupRuleActive(rule.id, false);
    let replaced = false;
    try {
      rule = await okta.replaceGroupRule(rule.id, body);
      replaced = true;
    } finally {
      // A failed PUT must not leave the old rule switched off: its members would lose the app.
      if (!replaced && wasActive) await okta.setGroupRuleActive(rule.id, true);
    }
  }
  await okta.setGroupRuleActive(rule.id, true);
  return { kind: 'done', group: ref, ruleId: rule.id };
}
