import { notFound, OktaApiError, validationFailed } from '../okta-errors';
import { ok, type RouteSpec } from '../okta-http';
import { renderGroup, renderRule } from '../okta-render';
import { nowIso, type GroupRuleRecord } from '../okta-store';
import { groupTarget, writeLog } from '../okta-system-log';
import { isObject, type RouteDeps } from './route-deps';

/**
 * Creating groups and group rules (addGroup, createGroupRule, replaceGroupRule, rule lifecycle):
 * what the console needs for its assignment group, filled by an isMemberOfAnyGroup rule.
 */
export function groupAdminRoutes({ store, directory }: RouteDeps): RouteSpec[] {
  const rule = (id: string): GroupRuleRecord => {
    const r = store.rules.find((x) => x.id === id);
    if (!r) throw notFound(id, 'GroupRule');
    return r;
  };
  /** name, conditions.expression.value and actions.assignUserToGroups.groupIds, as Okta requires. */
  const ruleBody = (body: unknown): { name: string; expression: string; groupIds: string[] } => {
    const b = isObject(body) ? body : {};
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!name || name.length > 50) throw validationFailed('name', 'name: The field cannot be left blank and must be at most 50 characters.');
    const expr = isObject(b.conditions) && isObject(b.conditions.expression) ? b.conditions.expression.value : undefined;
    if (typeof expr !== 'string' || expr.trim() === '') throw validationFailed('conditions.expression.value', 'expression: The field cannot be left blank.');
    const ids = isObject(b.actions) && isObject(b.actions.assignUserToGroups) ? b.actions.assignUserToGroups.groupIds : undefined;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === 'string')) {
      throw validationFailed('actions.assignUserToGroups.groupIds', 'groupIds: At least one group is required.');
    }
    for (const id of ids as string[]) {
      const g = directory.group(id);
      if (g.type !== 'OKTA_GROUP') throw validationFailed('actions.assignUserToGroups.groupIds', `groupIds: ${g.name} is not an Okta group.`);
    }
    return { name, expression: expr.trim(), groupIds: [...(ids as string[])] };
  };

  return [
    {
      method: 'POST', path: '/api/v1/groups', access: 'manage',
      handler: (ctx) => {
        const profile = isObject(ctx.body) && isObject(ctx.body.profile) ? ctx.body.profile : {};
        const name = typeof profile.name === 'string' ? profile.name.trim() : '';
        if (!name) throw validationFailed('profile.name', 'name: The field cannot be left blank.');
        if (store.groups.some((g) => g.type === 'OKTA_GROUP' && g.name.toLowerCase() === name.toLowerCase())) {
          throw new OktaApiError(400, 'E0000001', 'Api validation failed: name', ['name: An object with this field already exists in the current organization']);
        }
        const t = nowIso();
        const group = {
          seq: store.nextSeq(), id: store.ids.next('00g'), type: 'OKTA_GROUP' as const, name,
          description: typeof profile.description === 'string' ? profile.description : null,
          created: t, lastUpdated: t, lastMembershipUpdated: t, members: [], everyone: false,
        };
        store.addGroup(group);
        writeLog(store, { eventType: 'group.lifecycle.create', displayMessage: 'Create Okta group', result: 'SUCCESS', targets: [groupTarget(group)] });
        return ok(renderGroup(store, group));
      },
    },
    {
      method: 'POST', path: '/api/v1/groups/rules', access: 'manage',
      handler: (ctx) => {
        const body = ruleBody(ctx.body);
        const t = nowIso();
        const r: GroupRuleRecord = { seq: store.nextSeq(), id: store.ids.next('0pr'), status: 'INACTIVE', created: t, lastUpdated: t, ...body };
        store.rules.push(r);
        return ok(renderRule(store, r, false));
      },
    },
    {
      method: 'PUT', path: '/api/v1/groups/rules/:ruleId', access: 'manage',
      handler: (ctx) => {
        const r = rule(ctx.params.ruleId!);
        if (r.status === 'ACTIVE') throw validationFailed('status', 'Cannot update rule in ACTIVE state: deactivate it first.');
        Object.assign(r, ruleBody(ctx.body), { lastUpdated: nowIso() });
        return ok(renderRule(store, r, false));
      },
    },
    {
      method: 'POST', path: '/api/v1/groups/rules/:ruleId/lifecycle/activate', access: 'manage',
      handler: (ctx) => {
        const r = rule(ctx.params.ruleId!);
        if (r.status !== 'ACTIVE') directory.activateRule(r);
        return { status: 204 };
      },
    },
    {
      method: 'POST', path: '/api/v1/groups/rules/:ruleId/lifecycle/deactivate', access: 'manage',
      handler: (ctx) => {
        const r = rule(ctx.params.ruleId!);
        r.status = 'INACTIVE';
        r.lastUpdated = nowIso();
        return { status: 204 };
      },
    },
  ];
}
