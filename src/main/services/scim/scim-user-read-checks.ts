import { randomBytes } from 'node:crypto';
import { SCIM_SCHEMAS } from './scim-check-catalog';
import { bodyOf, type CheckContext, hasSchema, isNonEmptyString, isObject, jsonShape, pick } from './scim-check-context';
import { hints } from './scim-hints';
import { integerHint, listEnvelopeIssues, resourcesOf } from './scim-list-response';

/** The id Okta's own suite uses for "a user that cannot exist". */
const UNKNOWN_USER_ID = '010101001010101011001010101011';

// ---- 4, 5 ---------------------------------------------------------------------------------

interface ListedUser {
  id: string;
  user: Record<string, unknown>;
}

function userAttributeIssues(user: Record<string, unknown>): string[] {
  const missing: string[] = [];
  if (!isNonEmptyString(pick(user, 'id'))) missing.push('id');
  if (!isNonEmptyString(pick(user, 'userName'))) missing.push('userName');
  if (!isNonEmptyString(pick(user, 'name.givenName'))) missing.push('name.givenName');
  if (!isNonEmptyString(pick(user, 'name.familyName'))) missing.push('name.familyName');
  if (typeof pick(user, 'active') !== 'boolean') missing.push('active (boolean)');
  const emails = pick(user, 'emails');
  if (!Array.isArray(emails) || !emails.some((e) => isNonEmptyString(pick(e, 'value')))) missing.push('emails[].value');
  return missing;
}

/**
 * Check 4. Returns the first user for check 5, undefined when none could be read, or 'deferred'
 * when the list is empty and the write checks will create a user (see runReadChecks).
 */
export async function checkUsersList(ctx: CheckContext, opts: { allowDefer: boolean }): Promise<ListedUser | undefined | 'deferred'> {
  const id = 'users-list';
  if (ctx.blocked(id)) return undefined;
  const ex = await ctx.send({ method: 'GET', path: '/Users?count=1&startIndex=1' }, { checkId: id });
  const problem = ctx.problem(ex, { expect: [200], collection: true });
  if (problem || !ex.ok) {
    ctx.record(id, { outcome: 'fail', primary: ex, ...problem });
    return undefined;
  }
  const body = bodyOf(ex);
  const { fail, warn } = listEnvelopeIssues(body, { pagingRequired: false });
  if (fail.length > 0) {
    ctx.record(id, { outcome: 'fail', primary: ex, actual: `${ex.status}: ${fail.join('; ')}`, hint: fail.some((f) => f.includes('integer')) ? integerHint : hints.notScimJson });
    return undefined;
  }
  const resources = resourcesOf(body);
  const first = resources[0];
  if (!isObject(first)) {
    if (opts.allowDefer && pick(body, 'totalResults') === 0) return 'deferred';
    ctx.record(id, {
      outcome: 'fail',
      primary: ex,
      actual: `${ex.status}: totalResults ${String(pick(body, 'totalResults'))}, no user returned`,
      hint: hints.noUsers,
    });
    return undefined;
  }
  const missing = userAttributeIssues(first);
  if (missing.length > 0) {
    ctx.record(id, {
      outcome: 'fail',
      primary: ex,
      actual: `${ex.status}: first user lacks ${missing.join(', ')}`,
      hint: "Okta's suite requires these attributes on every user; without them Okta cannot match or update users.",
    });
    return isNonEmptyString(pick(first, 'id')) ? { id: String(pick(first, 'id')), user: first } : undefined;
  }
  if (resources.length > 1) warn.push(`count=1 returned ${resources.length} users`);
  ctx.record(id, {
    outcome: warn.length > 0 ? 'warn' : 'pass',
    primary: ex,
    actual: `${ex.status}: totalResults ${String(pick(body, 'totalResults'))}${warn.length ? `; ${warn.join('; ')}` : ''}`,
    hint: warn.length > 0 ? 'The list envelope is incomplete or ignores count; Okta pages with startIndex and count.' : undefined,
  });
  return { id: String(pick(first, 'id')), user: first };
}

export async function checkUserGet(ctx: CheckContext, listed: ListedUser | undefined): Promise<void> {
  const id = 'user-get';
  if (ctx.blocked(id)) return;
  if (!listed) {
    ctx.record(id, { outcome: 'skip', actual: 'no user id from check 4', hint: 'Not run: check 4 did not return a user.' });
    return;
  }
  const ex = await ctx.send({ method: 'GET', path: `/Users/${encodeURIComponent(listed.id)}` }, { checkId: id });
  const problem = ctx.problem(ex, { expect: [200], collection: false });
  if (problem || !ex.ok) {
    ctx.record(id, {
      outcome: 'fail',
      primary: ex,
      ...problem,
      hint: ex.ok && ex.status === 404 ? 'The id listed by GET /Users is not found by GET /Users/{id}: the server uses different ids in the two places.' : problem?.hint,
    });
    return;
  }
  const user = bodyOf(ex);
  const diffs: string[] = [];
  for (const path of ['id', 'userName', 'name.givenName', 'name.familyName', 'active']) {
    const a = pick(listed.user, path);
    const b = pick(user, path);
    if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${path}: list ${jsonShape(a)} vs get ${jsonShape(b)}`);
  }
  if (diffs.length > 0) {
    ctx.record(id, { outcome: 'fail', primary: ex, actual: `${ex.status}: ${diffs.join('; ')}`, hint: 'GET /Users/{id} must return the same user as the list.' });
    return;
  }
  if (!hasSchema(user, SCIM_SCHEMAS.user)) {
    ctx.record(id, { outcome: 'warn', primary: ex, actual: `${ex.status}: schemas lacks the User URN`, hint: 'Resources should name their schema (urn:ietf:params:scim:schemas:core:2.0:User).' });
    return;
  }
  ctx.record(id, { outcome: 'pass', primary: ex, actual: `${ex.status}: same user` });
}

// ---- 6, 7 ---------------------------------------------------------------------------------

export async function checkUnknownUserFilter(ctx: CheckContext): Promise<void> {
  const address = `tl-console-check-absent-${randomBytes(6).toString('hex')}@scim-check.invalid`;
  const filter = `userName eq "${address}"`;
  const forms: [string, string][] = [
    ['filter-unknown-user', `/Users?${new URLSearchParams({ filter }).toString()}`],
    // Okta's provisioning request, byte for byte: %20 for spaces, %22 for quotes, its paging.
    ['filter-unknown-user-okta', `/Users?filter=userName%20eq%20%22${encodeURIComponent(address)}%22&startIndex=1&count=100`],
  ];
  for (const [id, path] of forms) {
    if (ctx.blocked(id)) continue;
    const ex = await ctx.send({ method: 'GET', path }, { checkId: id });
    const problem = ctx.problem(ex, { expect: [200], collection: true });
    if (problem || !ex.ok) {
      ctx.record(id, { outcome: 'fail', primary: ex, ...problem });
      continue;
    }
    const body = bodyOf(ex);
    const total = pick(body, 'totalResults');
    if (!Number.isInteger(total)) {
      ctx.record(id, { outcome: 'fail', primary: ex, actual: `${ex.status}: totalResults is ${jsonShape(total)}`, hint: integerHint });
    } else if (total !== 0 || resourcesOf(body).length > 0) {
      ctx.record(id, {
        outcome: 'fail',
        primary: ex,
        actual: `${ex.status}: totalResults ${String(total)}, ${resourcesOf(body).length} users returned`,
        hint: 'The server ignored the filter and returned users. Okta would then update the wrong account instead of creating the new one.',
      });
    } else {
      ctx.record(id, { outcome: 'pass', primary: ex, actual: `${ex.status}: totalResults 0` });
    }
  }
}

export async function checkUnknownId(ctx: CheckContext): Promise<void> {
  const id = 'unknown-id-404';
  if (ctx.blocked(id)) return;
  const ex = await ctx.send({ method: 'GET', path: `/Users/${UNKNOWN_USER_ID}` });
  const problem = ctx.problem(ex, { expect: [404], collection: false });
  if (problem || !ex.ok) {
    ctx.record(id, { outcome: 'fail', primary: ex, ...problem, hint: ex.ok && ex.status === 200 ? 'The server returned a user for an id that cannot exist.' : problem?.hint });
    return;
  }
  const body = bodyOf(ex);
  const issues: string[] = [];
  if (!hasSchema(body, SCIM_SCHEMAS.error)) issues.push('schemas lacks the Error URN');
  if (!isNonEmptyString(pick(body, 'detail'))) issues.push('detail missing or empty');
  const status = pick(body, 'status');
  if (status === undefined) issues.push('status missing');
  else if (status !== '404' && status !== 404) issues.push(`status is ${jsonShape(status)}`);
  if (issues.length > 0) {
    ctx.record(id, { outcome: 'fail', primary: ex, actual: `${ex.status}: ${issues.join('; ')}`, hint: 'A SCIM error needs the Error schema, a detail and status "404" (RFC 7644 3.12).' });
  } else if (status === 404) {
    ctx.record(id, {
      outcome: 'warn',
      primary: ex,
      actual: `${ex.status}: status is 404 (number)`,
      hint: 'RFC 7644 3.12 makes the SCIM error status a string ("404"). Okta tolerates the number, strict clients may not.',
    });
  } else {
    ctx.record(id, { outcome: 'pass', primary: ex, actual: `${ex.status}: SCIM Error, status "404"` });
  }
}
