import type { OktaGroup, OktaGroupRule } from '../../okta/okta-schemas';
import type { GroupRuleBody } from '../../okta/okta-client';
import type { SetupContext } from '../setup-context';

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

/** Okta limits rule names to 50 characters. */
export function assignmentRuleName(appLabel: string): string {
  return `${appLabel.slice(0, 30)}: pushed groups to app`;
}

/** Ids sorted so the same selection always gives the same expression. */
export function ruleExpression(groupIds: string[]): string {
  return `isMemberOfAnyGroup(${[...new Set(groupIds)].sort().map((id) => `"${id}"`).join(', ')})`;
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

export async function findAssignmentRule(ctx: SetupContext, name: string): Promise<OktaGroupRule | undefined> {
  for await (const r of ctx.okta().listGroupRules({ search: name, limit: 50 })) if (r.name === name) return r;
  return undefined;
}

/** Whether the rule fills the assignment group from exactly these pushed groups, and runs. */
export function ruleIsCurrent(rule: OktaGroupRule | undefined, assignmentGroupId: string, pushedIds: string[]): boolean {
  return (
    rule?.status === 'ACTIVE' &&
    rule.conditions?.expression?.value === ruleExpression(pushedIds) &&
    (rule.actions?.assignUserToGroups?.groupIds ?? []).includes(assignmentGroupId)
  );
}

/**
 * Finds or creates the assignment group and its rule, and brings the rule up to the pushed
 * groups chosen now. Looks before every write, so a run that stopped half-way never makes two.
 */
export async function ensureAssignmentGroup(ctx: SetupContext, appLabel: string, pushedIds: string[]): Promise<{ group: AssignmentGroupRef; ruleId: string }> {
  const okta = ctx.okta();
  const name = assignmentGroupName(appLabel);
  let group = await findAssignmentGroup(ctx, name);
  if (!group) {
    ctx.progress(`Creating the assignment group "${name}"`);
    group = await okta.createGroup({ name, description: 'Assigns the ThreatLocker app. Filled by a group rule from the groups pushed to ThreatLocker; do not push this group.' });
  }
  const ref = { id: group.id, name: group.profile.name };
  await ctx.saveData('push-groups', { assignmentGroup: ref });
  const ruleName = assignmentRuleName(appLabel);
  let rule = await findAssignmentRule(ctx, ruleName);
  if (ruleIsCurrent(rule, group.id, pushedIds)) return { group: ref, ruleId: rule!.id };
  const body = ruleBody(ruleName, group.id, pushedIds);
  if (!rule) {
    ctx.progress(`Creating the group rule "${ruleName}"`);
    rule = await okta.createGroupRule(body);
  } else {
    ctx.progress(`Updating the group rule "${ruleName}" to the pushed groups chosen now`);
    if (rule.status === 'ACTIVE') await okta.setGroupRuleActive(rule.id, false);
    rule = await okta.replaceGroupRule(rule.id, body);
  }
  await okta.setGroupRuleActive(rule.id, true);
  await ctx.saveData('push-groups', { assignmentRuleId: rule.id });
  return { group: ref, ruleId: rule.id };
}
