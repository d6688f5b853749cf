import { SCIM_SCHEMAS } from './scim-check-catalog';
import { type CheckContext, isNonEmptyString, jsonShape, pick } from './scim-check-context';
import { describeExchange } from './scim-hints';
import type { ScimExchange } from './scim-http';
import { type WriteState, filterPath, groupPath, markRemoved, okPatch, patch, remember } from './scim-write-state';

// Check 17: the test group's lifecycle.

const groupIds = [
  'group-filter-absent',
  'group-create',
  'group-get',
  'group-rename',
  'group-add-member',
  'group-remove-member',
  'group-replace-members',
  'group-delete',
] as const;

function memberIds(group: unknown): string[] | undefined {
  const members = pick(group, 'members');
  if (!Array.isArray(members)) return undefined;
  return members.map((m) => pick(m, 'value')).filter(isNonEmptyString);
}

export async function groupLifecycle(ctx: CheckContext, s: WriteState): Promise<void> {
  const listed = ctx.results.get('groups-list');
  if (listed?.outcome === 'skip' && listed.status === 404) {
    for (const id of groupIds) {
      if (!ctx.blocked(id)) ctx.record(id, { outcome: 'skip', actual: 'no /Groups endpoint (check 9)' });
    }
    return;
  }

  // 17a: Okta looks the group up by name before pushing it.
  if (!ctx.blocked('group-filter-absent')) {
    const ex = await ctx.send({ method: 'GET', path: filterPath('Groups', 'displayName', 'eq', s.groupName) }, { checkId: 'group-filter-absent' });
    const problem = ctx.problem(ex, { expect: [200], collection: true });
    const total = ex.ok ? pick(ex.json, 'totalResults') : undefined;
    ctx.record('group-filter-absent', problem
      ? { outcome: 'fail', primary: ex, ...problem }
      : total === 0
        ? { outcome: 'pass', primary: ex, actual: '200: totalResults 0' }
        : { outcome: 'fail', primary: ex, actual: `200: totalResults ${jsonShape(total)}`, hint: 'The displayName filter is ignored or the test group exists already; Okta would link the wrong group.' });
  }

  // 17b: create.
  if (!ctx.blocked('group-create')) {
    const ex = await ctx.send({ method: 'POST', path: '/Groups', body: { schemas: [SCIM_SCHEMAS.group], displayName: s.groupName, members: [] } }, { checkId: 'group-create' });
    s.groupId = remember(s, 'group', ex, `group "${s.groupName}"`);
    const problem = ctx.problem(ex, { expect: [201, 200], collection: true });
    if (problem || !ex.ok) ctx.record('group-create', { outcome: 'fail', primary: ex, ...problem });
    else if (s.groupId === undefined || pick(ex.json, 'displayName') !== s.groupName) {
      ctx.record('group-create', { outcome: 'fail', primary: ex, actual: `${ex.status}: id ${jsonShape(pick(ex.json, 'id'))}, displayName ${jsonShape(pick(ex.json, 'displayName'))}`, hint: 'The created group must come back with its id and displayName.' });
    } else if (ex.status !== 201) ctx.record('group-create', { outcome: 'warn', primary: ex, actual: `${ex.status} instead of 201`, hint: 'RFC 7644 and Okta expect 201 Created.' });
    else ctx.record('group-create', { outcome: 'pass', primary: ex, actual: `201: id ${s.groupId}` });
  }

  const needsGroup = (id: string): boolean => {
    if (ctx.blocked(id)) return false;
    if (s.groupId === undefined) {
      ctx.record(id, { outcome: 'skip', actual: 'no test group', hint: 'Not run: the test group was not created.' });
      return false;
    }
    return true;
  };
  const readGroup = async (exchanges: ScimExchange[]): Promise<unknown> => {
    const ex = await ctx.send({ method: 'GET', path: groupPath(s.groupId!) });
    exchanges.push(ex);
    return ex.ok && ex.status === 200 ? ex.json : undefined;
  };

  // 17c: read back.
  if (needsGroup('group-get')) {
    const ex = await ctx.send({ method: 'GET', path: groupPath(s.groupId!) }, { checkId: 'group-get' });
    const problem = ctx.problem(ex, { expect: [200], collection: false });
    const name = ex.ok ? pick(ex.json, 'displayName') : undefined;
    ctx.record('group-get', problem
      ? { outcome: 'fail', primary: ex, ...problem }
      : name === s.groupName
        ? { outcome: 'pass', primary: ex, actual: `200: displayName "${s.groupName}"` }
        : { outcome: 'fail', primary: ex, actual: `200: displayName ${jsonShape(name)}`, hint: 'The group read back differs from what was created.' });
  }

  // 17d-g: PATCH operations, each verified by reading the group back.
  const patchGroup = async (
    id: string,
    operations: unknown[],
    verify: (group: unknown) => string | undefined,
    opts: { member?: boolean } = {},
  ): Promise<void> => {
    if (!needsGroup(id)) return;
    if (opts.member && s.userId === undefined) {
      ctx.record(id, { outcome: 'skip', actual: 'no test user', hint: 'Not run: check 11 did not create the test user.' });
      return;
    }
    const exchanges: ScimExchange[] = [];
    const ex = await ctx.send({ method: 'PATCH', path: groupPath(s.groupId!), body: patch(operations) }, { checkId: id });
    exchanges.push(ex);
    const problem = ctx.problem(ex, { expect: okPatch, collection: false });
    if (problem || !ex.ok) return void ctx.record(id, { outcome: 'fail', exchanges, primary: ex, ...problem });
    const group = await readGroup(exchanges);
    const issue = verify(group);
    if (issue === undefined) ctx.record(id, { outcome: 'pass', exchanges, primary: ex, actual: `${ex.status}` });
    else if (opts.member && memberIds(group) === undefined) {
      ctx.record(id, { outcome: 'warn', exchanges, primary: ex, actual: `${ex.status}: members not returned by GET /Groups/{id}`, hint: 'The change could not be verified because the group is returned without members.' });
    } else ctx.record(id, { outcome: 'fail', exchanges, primary: ex, actual: `${ex.status}: ${issue}`, hint: 'The server answered success but did not apply the change.' });
  };

  await patchGroup('group-rename', [{ op: 'replace', value: { id: s.groupId, displayName: s.renamedGroupName } }], (g) => {
    const name = pick(g, 'displayName');
    return name === s.renamedGroupName ? undefined : `displayName is ${jsonShape(name)}`;
  });
  const member = () => [{ value: s.userId, display: s.userName }];
  const countOf = (g: unknown) => (memberIds(g) ?? []).filter((m) => m === s.userId).length;
  await patchGroup('group-add-member', [{ op: 'add', path: 'members', value: member() }], (g) => (countOf(g) === 1 ? undefined : `test user listed ${countOf(g)} times`), { member: true });
  await patchGroup('group-remove-member', [{ op: 'remove', path: `members[value eq "${s.userId ?? ''}"]` }], (g) => (countOf(g) === 0 ? undefined : 'test user still a member'), { member: true });
  await patchGroup('group-replace-members', [{ op: 'replace', path: 'members', value: member() }], (g) => (countOf(g) === 1 ? undefined : `test user listed ${countOf(g)} times`), { member: true });

  // 17h: delete (Okta's unlink-with-delete).
  if (needsGroup('group-delete')) {
    const exchanges: ScimExchange[] = [];
    const ex = await ctx.send({ method: 'DELETE', path: groupPath(s.groupId!) });
    exchanges.push(ex);
    const problem = ctx.problem(ex, { expect: [204, 200], collection: false, json: false });
    if (problem || !ex.ok) return void ctx.record('group-delete', { outcome: 'fail', exchanges, primary: ex, ...problem });
    const after = await ctx.send({ method: 'GET', path: groupPath(s.groupId!) });
    exchanges.push(after);
    const gone = after.ok && after.status === 404;
    if (gone) markRemoved(s, s.groupId!);
    ctx.record('group-delete', !gone
      ? { outcome: 'fail', exchanges, primary: ex, actual: `${ex.status}, but GET afterwards: ${describeExchange(after)}`, hint: 'The group still exists after DELETE.' }
      : ex.status === 204
        ? { outcome: 'pass', exchanges, primary: ex, actual: '204, then 404' }
        : { outcome: 'warn', exchanges, primary: ex, actual: `${ex.status} instead of 204`, hint: 'RFC 7644 and Okta expect 204 No Content.' });
  }
}
