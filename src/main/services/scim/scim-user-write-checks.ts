import { SCIM_SCHEMAS } from './scim-check-catalog';
import { bodyOf, type CheckContext, hasSchema, isObject, jsonShape, pick } from './scim-check-context';
import type { ScimExchange, ScimHttpResponse } from './scim-http';
import { type WriteState, filterPath, givenName, needsUser, okPatch, patch, remember, userBody, userIssues, userPath } from './scim-write-state';

// Checks 11-16: the test user's lifecycle.

export async function createUser(ctx: CheckContext, s: WriteState): Promise<void> {
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

export async function readBack(ctx: CheckContext, s: WriteState): Promise<void> {
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

export async function duplicate(ctx: CheckContext, s: WriteState): Promise<void> {
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

export async function caseFilter(ctx: CheckContext, s: WriteState): Promise<void> {
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
export async function currentUser(ctx: CheckContext, s: WriteState, ex: ScimHttpResponse, exchanges: ScimExchange[]): Promise<unknown> {
  if (ex.status !== 204 && isObject(ex.json) && pick(ex.json, 'id') !== undefined) return ex.json;
  const again = await ctx.send({ method: 'GET', path: userPath(s.userId!) });
  exchanges.push(again);
  return again.ok && again.status === 200 ? again.json : undefined;
}

export async function replaceUser(ctx: CheckContext, s: WriteState): Promise<void> {
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

export async function setActive(ctx: CheckContext, s: WriteState, id: 'user-deactivate' | 'user-reactivate', active: boolean): Promise<void> {
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
