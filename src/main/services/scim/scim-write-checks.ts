import { SCIM_SCHEMAS } from './scim-check-catalog';
import { plural } from '../../../shared/plural';
import { bodyOf, type CheckContext, hasSchema, isNonEmptyString, isObject, jsonShape, pick } from './scim-check-context';
import { describeExchange, hints } from './scim-hints';
import type { ScimExchange, ScimHttpResponse, ScimRequest } from './scim-http';
import { checkUserGet, checkUsersList } from './scim-read-checks';

/**
 * The test identity lives under a reserved TLD (.invalid, RFC 2606), so an e-mail invitation
 * ThreatLocker may send on create can never reach a real mailbox, and the prefix makes the
 * account recognisable in the portal if clean-up ever fails.
 */
export const TEST_EMAIL_DOMAIN = 'scim-check.invalid';
export const DEFAULT_TEST_PREFIX = 'tl-console-check';

export function defaultTestPrefix(now = new Date()): string {
  return `${DEFAULT_TEST_PREFIX}-${now.getTime()}`;
}

interface Created {
  kind: 'user' | 'group';
  id: string;
  label: string;
  /** Set once removed (deleted, or confirmed gone). */
  removed: boolean;
}

interface WriteState {
  prefix: string;
  userName: string;
  groupName: string;
  renamedGroupName: string;
  userId: string | undefined;
  groupId: string | undefined;
  /** Everything any write created, in creation order, so clean-up can go in reverse. */
  created: Created[];
  leftovers: string[];
}

const givenName = 'TL Console';
const familyName = 'Check';

function userBody(s: WriteState, given = givenName): Record<string, unknown> {
  // Okta's create body, field for field (developer.okta.com SCIM 2.0 reference).
  return {
    schemas: [SCIM_SCHEMAS.user],
    userName: s.userName,
    name: { givenName: given, familyName },
    emails: [{ primary: true, value: s.userName, type: 'work' }],
    displayName: `${given} ${familyName}`,
    externalId: s.prefix,
    groups: [],
    active: true,
  };
}

const patch = (operations: unknown[]) => ({ schemas: [SCIM_SCHEMAS.patchOp], Operations: operations });
const okPatch = [200, 204];
const userPath = (id: string) => `/Users/${encodeURIComponent(id)}`;
const groupPath = (id: string) => `/Groups/${encodeURIComponent(id)}`;
const filterPath = (resource: 'Users' | 'Groups', attr: string, op: 'eq' | 'sw', value: string) =>
  `/${resource}?filter=${attr}%20${op}%20%22${encodeURIComponent(value)}%22&startIndex=1&count=100`;

/**
 * Checks 11-18. Only called after the person opted in. Whatever happens in 11-17 (failures,
 * cancellation), 18 cleans up what was created and searches for anything left behind.
 */
export async function runWriteChecks(
  ctx: CheckContext,
  opts: { prefix: string; userChecksDeferred: boolean },
): Promise<string[]> {
  const s: WriteState = {
    prefix: opts.prefix,
    userName: `${opts.prefix}@${TEST_EMAIL_DOMAIN}`,
    groupName: `${opts.prefix} group`,
    renamedGroupName: `${opts.prefix} group renamed`,
    userId: undefined,
    groupId: undefined,
    created: [],
    leftovers: [],
  };

  if (!ctx.tokenAccepted && ctx.fatal === undefined && !ctx.signal?.aborted) {
    // Without a working token every write would fail the same way; say so once per check.
    for (const spec of ctx.plan.filter((p) => p.number >= 11)) {
      if (!ctx.results.has(spec.id)) ctx.record(spec.id, { outcome: 'skip', actual: 'token not accepted', hint: hints.notRunAuth });
    }
    if (opts.userChecksDeferred) ctx.fillMissing('token not accepted');
    return [];
  }

  try {
    await createUser(ctx, s);
    if (opts.userChecksDeferred) {
      const listed = await checkUsersList(ctx, { allowDefer: false });
      await checkUserGet(ctx, listed === 'deferred' ? undefined : listed);
    }
    await readBack(ctx, s);
    await duplicate(ctx, s);
    await caseFilter(ctx, s);
    await replaceUser(ctx, s);
    await setActive(ctx, s, 'user-deactivate', false);
    await setActive(ctx, s, 'user-reactivate', true);
    await groupLifecycle(ctx, s);
  } finally {
    // Clean-up ignores cancellation on purpose: a half-finished run must not leave admins behind.
    await cleanup(ctx, s);
    await leftoverSearch(ctx, s);
  }
  return s.leftovers;
}

function remember(s: WriteState, kind: Created['kind'], ex: ScimExchange, label: string): string | undefined {
  if (!ex.ok || ex.status < 200 || ex.status >= 300) return undefined;
  const id = pick(ex.json, 'id');
  if (!isNonEmptyString(id)) return undefined;
  s.created.push({ kind, id, label, removed: false });
  return id;
}

function userIssues(body: unknown, want: { userName: string; givenName: string; active: boolean }): string[] {
  const issues: string[] = [];
  if (!isNonEmptyString(pick(body, 'id'))) issues.push('id missing');
  const userName = pick(body, 'userName');
  if (typeof userName !== 'string' || userName.toLowerCase() !== want.userName.toLowerCase()) issues.push(`userName is ${jsonShape(userName)}`);
  if (pick(body, 'name.givenName') !== want.givenName) issues.push(`name.givenName is ${jsonShape(pick(body, 'name.givenName'))}`);
  if (pick(body, 'name.familyName') !== familyName) issues.push(`name.familyName is ${jsonShape(pick(body, 'name.familyName'))}`);
  if (pick(body, 'active') !== want.active) issues.push(`active is ${jsonShape(pick(body, 'active'))}`);
  return issues;
}

const needsUser = (ctx: CheckContext, s: WriteState, id: string): boolean => {
  if (ctx.blocked(id)) return false;
  if (s.userId === undefined) {
    ctx.record(id, { outcome: 'skip', actual: 'no test user', hint: 'Not run: check 11 did not create the test user.' });
    return false;
  }
  return true;
};

// ---- 11-16 --------------------------------------------------------------------------------

async function createUser(ctx: CheckContext, s: WriteState): Promise<void> {
  const id = 'user-create';
  if (ctx.blocked(id)) return;
  const ex = await ctx.send({ method: 'POST', path: '/Users', body: userBody(s) }, { checkId: id });
  s.userId = remember(s, 'user', ex, `user ${s.userName}`);
  const problem = ctx.problem(ex, { expect: [201, 200], collection: true });
  if (problem || !ex.ok) {
    ctx.record(id, {
      outcome: 'fail',
      primary: ex,
      ...problem,
      hint: ex.ok && ex.status === 409 ? `A user named ${s.userName} exists already: a leftover of an earlier check? Remove it and run again.` : problem?.hint,
    });
    return;
  }
  const issues = userIssues(ex.json, { userName: s.userName, givenName, active: true });
  if (!hasSchema(bodyOf(ex), SCIM_SCHEMAS.user)) issues.push('schemas lacks the User URN');
  if (issues.length > 0 || s.userId === undefined) {
    ctx.record(id, { outcome: 'fail', primary: ex, actual: `${ex.status}: ${issues.join('; ')}`, hint: 'Okta reads the created user from this response; it must echo the attributes it was sent.' });
  } else if (ex.status !== 201) {
    ctx.record(id, { outcome: 'warn', primary: ex, actual: `${ex.status} instead of 201`, hint: 'RFC 7644 and Okta expect 201 Created.' });
  } else {
    ctx.record(id, { outcome: 'pass', primary: ex, actual: `201: id ${s.userId}` });
  }
}

async function readBack(ctx: CheckContext, s: WriteState): Promise<void> {
  const id = 'user-get-created';
  if (!needsUser(ctx, s, id)) return;
  const ex = await ctx.send({ method: 'GET', path: userPath(s.userId!) }, { checkId: id });
  const problem = ctx.problem(ex, { expect: [200], collection: false });
  if (problem || !ex.ok) return void ctx.record(id, { outcome: 'fail', primary: ex, ...problem });
  const issues = userIssues(ex.json, { userName: s.userName, givenName, active: true });
  if (pick(ex.json, 'id') !== s.userId) issues.push(`id is ${jsonShape(pick(ex.json, 'id'))}`);
  ctx.record(id, issues.length > 0
    ? { outcome: 'fail', primary: ex, actual: `${ex.status}: ${issues.join('; ')}`, hint: 'The user read back differs from what was created.' }
    : { outcome: 'pass', primary: ex, actual: `${ex.status}: same values` });
}

async function duplicate(ctx: CheckContext, s: WriteState): Promise<void> {
  const id = 'user-duplicate';
  if (!needsUser(ctx, s, id)) return;
  const ex = await ctx.send({ method: 'POST', path: '/Users', body: userBody(s) }, { checkId: id });
  if (ex.ok && ex.status >= 200 && ex.status < 300) {
    const dupId = remember(s, 'user', ex, `duplicate user ${s.userName}`);
    ctx.record(id, {
      outcome: 'fail',
      primary: ex,
      actual: `${ex.status}: a second user was created${dupId ? ` (id ${dupId})` : ''}`,
      hint: 'The server accepted a duplicate userName. Okta relies on 409 to link existing accounts; duplicates create twin administrators.',
    });
    return;
  }
  const problem = ctx.problem(ex, { expect: [409], collection: true });
  if (problem || !ex.ok) return void ctx.record(id, { outcome: 'fail', primary: ex, ...problem });
  const scimType = pick(ex.json, 'scimType');
  ctx.record(id, scimType === 'uniqueness'
    ? { outcome: 'pass', primary: ex, actual: '409, scimType "uniqueness"' }
    : { outcome: 'warn', primary: ex, actual: `409, scimType ${jsonShape(scimType)}`, hint: 'RFC 7644 3.3 asks for scimType "uniqueness" on a duplicate.' });
}

async function caseFilter(ctx: CheckContext, s: WriteState): Promise<void> {
  const id = 'user-filter-case';
  if (!needsUser(ctx, s, id)) return;
  const ex = await ctx.send({ method: 'GET', path: filterPath('Users', 'userName', 'eq', s.userName.toUpperCase()) }, { checkId: id });
  const problem = ctx.problem(ex, { expect: [200], collection: true });
  if (problem || !ex.ok) return void ctx.record(id, { outcome: 'fail', primary: ex, ...problem });
  const total = pick(ex.json, 'totalResults');
  if (total === 1) ctx.record(id, { outcome: 'pass', primary: ex, actual: '200: totalResults 1' });
  else if (total === 0) {
    ctx.record(id, {
      outcome: 'warn',
      primary: ex,
      actual: '200: totalResults 0',
      hint: 'userName matching is case-sensitive. RFC 7643 makes it case-insensitive; an Okta login that differs in case would create a second administrator.',
    });
  } else ctx.record(id, { outcome: 'fail', primary: ex, actual: `200: totalResults ${jsonShape(total)}`, hint: 'Expected exactly one match for the test user.' });
}

/** Reads the user again when a write answered 204 or without a body. */
async function currentUser(ctx: CheckContext, s: WriteState, ex: ScimHttpResponse, exchanges: ScimExchange[]): Promise<unknown> {
  if (ex.status !== 204 && isObject(ex.json) && pick(ex.json, 'id') !== undefined) return ex.json;
  const again = await ctx.send({ method: 'GET', path: userPath(s.userId!) });
  exchanges.push(again);
  return again.ok && again.status === 200 ? again.json : undefined;
}

async function replaceUser(ctx: CheckContext, s: WriteState): Promise<void> {
  const id = 'user-put';
  if (!needsUser(ctx, s, id)) return;
  const updated = `${givenName} Updated`;
  const ex = await ctx.send({ method: 'PUT', path: userPath(s.userId!), body: { ...userBody(s, updated), id: s.userId } }, { checkId: id });
  const problem = ctx.problem(ex, { expect: [200], collection: false });
  if (problem || !ex.ok) return void ctx.record(id, { outcome: 'fail', primary: ex, ...problem });
  const issues = userIssues(ex.json, { userName: s.userName, givenName: updated, active: true });
  ctx.record(id, issues.length > 0
    ? { outcome: 'fail', primary: ex, actual: `${ex.status}: ${issues.join('; ')}`, hint: 'Okta updates profiles with a full PUT; the change must be applied and echoed.' }
    : { outcome: 'pass', primary: ex, actual: `${ex.status}: givenName "${updated}"` });
}

async function setActive(ctx: CheckContext, s: WriteState, id: 'user-deactivate' | 'user-reactivate', active: boolean): Promise<void> {
  if (!needsUser(ctx, s, id)) return;
  const exchanges: ScimExchange[] = [];
  // Okta's exact deactivation body: a replace without a path.
  const ex = await ctx.send({ method: 'PATCH', path: userPath(s.userId!), body: patch([{ op: 'replace', value: { active } }]) }, { checkId: id });
  exchanges.push(ex);
  const problem = ctx.problem(ex, { expect: okPatch, collection: false });
  if (problem || !ex.ok) return void ctx.record(id, { outcome: 'fail', exchanges, primary: ex, ...problem });
  const user = await currentUser(ctx, s, ex, exchanges);
  const now = pick(user, 'active');
  ctx.record(id, now === active
    ? { outcome: 'pass', exchanges, primary: ex, actual: `${ex.status}: active ${String(active)}` }
    : { outcome: 'fail', exchanges, primary: ex, actual: `${ex.status}: active is ${jsonShape(now)}`, hint: `Okta ${active ? 'reactivates' : 'deactivates'} with this PATCH; the server did not apply it.` });
}

// ---- 17 -----------------------------------------------------------------------------------

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

async function groupLifecycle(ctx: CheckContext, s: WriteState): Promise<void> {
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

function markRemoved(s: WriteState, id: string): void {
  for (const c of s.created) if (c.id === id) c.removed = true;
}

// ---- 18 -----------------------------------------------------------------------------------

async function cleanup(ctx: CheckContext, s: WriteState): Promise<void> {
  const id = 'cleanup';
  const pending = s.created.filter((c) => !c.removed).reverse();
  if (pending.length === 0) {
    ctx.record(id, { outcome: s.created.length > 0 ? 'pass' : 'skip', actual: s.created.length > 0 ? 'everything was already removed' : 'nothing was created' });
    return;
  }
  const exchanges: ScimExchange[] = [];
  const send = async (req: ScimRequest) => {
    const ex = await ctx.send(req, { signal: null });
    exchanges.push(ex);
    return ex;
  };
  const notes: string[] = [];
  let stillActive = false;
  for (const item of pending) {
    const path = item.kind === 'user' ? userPath(item.id) : groupPath(item.id);
    const del = await send({ method: 'DELETE', path });
    if (del.ok && [200, 204, 404].includes(del.status)) {
      item.removed = true;
      notes.push(`${item.label}: deleted (${del.status})`);
      continue;
    }
    if (item.kind === 'group') {
      stillActive = true;
      s.leftovers.push(`${item.label} (id ${item.id}): DELETE answered ${describeExchange(del)}`);
      continue;
    }
    // Okta itself never deletes users, so a SCIM server may refuse DELETE; deactivate instead.
    const off = await send({ method: 'PATCH', path, body: patch([{ op: 'replace', value: { active: false } }]) });
    if (off.ok && okPatch.includes(off.status)) {
      s.leftovers.push(`${item.label} (id ${item.id}): deactivated, not deleted (DELETE answered ${del.ok ? del.status : del.kind})`);
    } else {
      stillActive = true;
      s.leftovers.push(`${item.label} (id ${item.id}): still active (DELETE: ${describeExchange(del)}; deactivate: ${describeExchange(off)})`);
    }
  }
  const outcome = stillActive ? 'fail' : s.leftovers.length > 0 ? 'warn' : 'pass';
  ctx.record(id, {
    outcome,
    exchanges,
    actual: [...notes, ...s.leftovers].join('; '),
    hint:
      outcome === 'pass'
        ? undefined
        : `Remove the leftovers by hand in the ThreatLocker portal (Administrators; search "${s.prefix}").` +
          (outcome === 'warn' ? ' The server refuses DELETE, so the test user could only be deactivated.' : ''),
  });
}

async function leftoverSearch(ctx: CheckContext, s: WriteState): Promise<void> {
  const id = 'leftover-search';
  const createResult = ctx.results.get('user-create');
  // A create that timed out may still have happened, so search whenever one was attempted.
  if (s.created.length === 0 && (createResult === undefined || createResult.outcome === 'skip')) {
    ctx.record(id, { outcome: 'skip', actual: 'no write was attempted' });
    return;
  }
  const exchanges: ScimExchange[] = [];
  let ex = await ctx.send({ method: 'GET', path: filterPath('Users', 'userName', 'sw', s.prefix) }, { signal: null });
  exchanges.push(ex);
  let note = '';
  if (ex.ok && [400, 403, 501].includes(ex.status)) {
    // Some servers support only "eq"; fall back to the one name we used.
    note = ' (the server refused "sw"; searched for the exact test userName)';
    ex = await ctx.send({ method: 'GET', path: filterPath('Users', 'userName', 'eq', s.userName) }, { signal: null });
    exchanges.push(ex);
  }
  const problem = ctx.problem(ex, { expect: [200], collection: true });
  if (problem || !ex.ok) {
    ctx.record(id, { outcome: 'fail', exchanges, primary: ex, ...problem, hint: `Could not search for leftovers: ${problem?.hint ?? ''} Check the portal for "${s.prefix}" by hand.` });
    return;
  }
  const found = (Array.isArray(pick(ex.json, 'Resources')) ? (pick(ex.json, 'Resources') as unknown[]) : [])
    .filter((u) => {
      const name = pick(u, 'userName');
      return typeof name === 'string' && name.toLowerCase().startsWith(s.prefix.toLowerCase());
    });
  const unexpected: string[] = [];
  for (const u of found) {
    const uid = String(pick(u, 'id'));
    const known = s.leftovers.some((l) => l.includes(`(id ${uid})`));
    if (!known) {
      unexpected.push(`${String(pick(u, 'userName'))} (id ${uid})`);
      s.leftovers.push(`user ${String(pick(u, 'userName'))} (id ${uid}): found by the leftover search, active ${jsonShape(pick(u, 'active'))}`);
    }
  }
  for (const g of s.created.filter((c) => c.kind === 'group' && !c.removed)) {
    if (!s.leftovers.some((l) => l.includes(`(id ${g.id})`))) s.leftovers.push(`${g.label} (id ${g.id}): not removed`);
  }
  if (found.length === 0) {
    ctx.record(id, { outcome: s.leftovers.length > 0 ? 'warn' : 'pass', exchanges, primary: ex, actual: `no user starting with "${s.prefix}"${note}`, hint: s.leftovers.length > 0 ? 'See the clean-up check for the groups left behind.' : undefined });
  } else {
    ctx.record(id, {
      outcome: unexpected.length > 0 ? 'fail' : 'warn',
      exchanges,
      primary: ex,
      actual: `${plural(found.length, 'user')} starting with "${s.prefix}"${note}${unexpected.length ? `; not cleaned up: ${unexpected.join(', ')}` : ''}`,
      hint: `Remove the test accounts by hand in the ThreatLocker portal (Administrators; search "${s.prefix}").`,
    });
  }
}
