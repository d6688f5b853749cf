import { randomBytes } from 'node:crypto';
import { plural } from '../../../shared/plural';
import { SCIM_SCHEMAS } from './scim-check-catalog';
import { bodyOf, type CheckContext, hasSchema, isNonEmptyString, isObject, jsonShape, pick } from './scim-check-context';
import { describeExchange, hints, looksLikeHtml } from './scim-hints';
import type { ScimExchange, ScimHttpResponse } from './scim-http';

/** The id Okta's own suite uses for "a user that cannot exist". */
const UNKNOWN_USER_ID = '010101001010101011001010101011';
const PAGE_SIZE = 100;

/** What the read phase learned that later checks need. */
export interface ReadFindings {
  /** Checks 4 and 5 were postponed because the server has no user and the write checks will create one. */
  userChecksDeferred: boolean;
}

/**
 * Checks 1-10: safe against production (GET only). With `deferEmptyUserChecks` (write mode), an
 * empty user list postpones checks 4 and 5 until check 11 has created the test user, so a fresh
 * ThreatLocker integration with no SCIM users yet still gets a complete report.
 */
export async function runReadChecks(ctx: CheckContext, opts: { deferEmptyUserChecks: boolean }): Promise<ReadFindings> {
  await checkAuth(ctx);
  await checkServiceProviderConfig(ctx);
  await checkListEndpoint(ctx, 'resource-types', '/ResourceTypes');
  await checkListEndpoint(ctx, 'schemas', '/Schemas');
  const listed = await checkUsersList(ctx, { allowDefer: opts.deferEmptyUserChecks });
  if (listed !== 'deferred') await checkUserGet(ctx, listed);
  await checkUnknownUserFilter(ctx);
  await checkUnknownId(ctx);
  await checkPaging(ctx);
  await checkGroupsList(ctx);
  checkContentType(ctx);
  return { userChecksDeferred: listed === 'deferred' };
}

// ---- 1 -------------------------------------------------------------------------------------

async function checkAuth(ctx: CheckContext): Promise<void> {
  const path = '/Users?startIndex=1&count=1';
  for (const [id, auth] of [
    ['auth-no-token', 'none'],
    ['auth-wrong-token', { wrongToken: `tl-console-check-wrong-${randomBytes(16).toString('hex')}` }],
  ] as const) {
    if (ctx.blocked(id)) continue;
    const ex = await ctx.send({ method: 'GET', path, auth });
    if (ex.ok && (ex.status === 401 || ex.status === 403)) {
      ctx.record(id, { outcome: 'pass', primary: ex });
      continue;
    }
    const problem = ctx.problem(ex, { expect: [401, 403], collection: true });
    const accepted = ex.ok && ex.status >= 200 && ex.status < 300 && !looksLikeHtml(ex);
    ctx.record(id, {
      outcome: 'fail',
      primary: ex,
      hint: accepted ? (id === 'auth-no-token' ? hints.noTokenAccepted : hints.wrongTokenAccepted) : problem?.hint,
    });
  }

  if (ctx.blocked('auth-token')) return;
  const ex = await ctx.send({ method: 'GET', path }, { checkId: 'auth-token' });
  const problem = ctx.problem(ex, { expect: [200], collection: true });
  if (problem) {
    ctx.record('auth-token', { outcome: 'fail', primary: ex, ...problem });
    return;
  }
  ctx.tokenAccepted = true;
  ctx.record('auth-token', { outcome: 'pass', primary: ex });
}

// ---- 2, 3 (optional in Okta's suite: never worse than warn) -------------------------------------

async function checkServiceProviderConfig(ctx: CheckContext): Promise<void> {
  const id = 'service-provider-config';
  if (ctx.blocked(id)) return;
  const ex = await ctx.send({ method: 'GET', path: '/ServiceProviderConfig' }, { checkId: id });
  const problem = ctx.problem(ex, { expect: [200], collection: true });
  if (problem || !ex.ok) {
    ctx.record(id, { outcome: 'warn', primary: ex, ...problem });
    return;
  }
  const body = bodyOf(ex);
  const issues: string[] = [];
  if (!hasSchema(body, SCIM_SCHEMAS.serviceProviderConfig)) issues.push('schemas lacks the ServiceProviderConfig URN');
  for (const feature of ['patch', 'bulk', 'filter', 'sort', 'etag', 'changePassword']) {
    if (typeof pick(body, `${feature}.supported`) !== 'boolean') issues.push(`${feature}.supported missing`);
  }
  if (!Array.isArray(pick(body, 'authenticationSchemes'))) issues.push('authenticationSchemes missing');
  if (issues.length > 0) {
    ctx.record(id, {
      outcome: 'warn',
      primary: ex,
      actual: `${ex.status}: ${issues.join('; ')}`,
      hint: 'The ServiceProviderConfig is incomplete. Okta does not rely on it, so provisioning can still work.',
    });
    return;
  }
  ctx.record(id, { outcome: 'pass', primary: ex, actual: `${ex.status}: patch ${String(pick(body, 'patch.supported'))}, filter ${String(pick(body, 'filter.supported'))}` });
}

async function checkListEndpoint(ctx: CheckContext, id: string, path: string): Promise<void> {
  if (ctx.blocked(id)) return;
  const ex = await ctx.send({ method: 'GET', path }, { checkId: id });
  const problem = ctx.problem(ex, { expect: [200], collection: true, json: false });
  if (problem || !ex.ok) {
    ctx.record(id, { outcome: 'warn', primary: ex, ...problem });
    return;
  }
  if (Array.isArray(ex.json)) {
    ctx.record(id, {
      outcome: 'warn',
      primary: ex,
      actual: `${ex.status}: a bare JSON array`,
      hint: 'RFC 7644 expects a ListResponse here. Okta does not read it, so provisioning can still work.',
    });
    return;
  }
  const body = bodyOf(ex);
  if (ex.jsonError !== undefined || looksLikeHtml(ex) || !hasSchema(body, SCIM_SCHEMAS.listResponse)) {
    ctx.record(id, {
      outcome: 'warn',
      primary: ex,
      hint: looksLikeHtml(ex) ? hints.html : 'Not a SCIM ListResponse. Okta does not read it, so provisioning can still work.',
    });
    return;
  }
  ctx.record(id, { outcome: 'pass', primary: ex, actual: `${ex.status}: ${listSize(body)} resources` });
}

// ---- 4, 5 ---------------------------------------------------------------------------------

interface ListedUser {
  id: string;
  user: Record<string, unknown>;
}

/** Checks a ListResponse's envelope; returns the problems, empty when it is right. */
function listEnvelopeIssues(body: Record<string, unknown>, opts: { pagingRequired: boolean }): { fail: string[]; warn: string[] } {
  const fail: string[] = [];
  const warn: string[] = [];
  if (!hasSchema(body, SCIM_SCHEMAS.listResponse)) fail.push('schemas lacks the ListResponse URN');
  const total = pick(body, 'totalResults');
  if (!Number.isInteger(total)) fail.push(`totalResults is ${jsonShape(total)}, not a JSON integer`);
  for (const key of ['itemsPerPage', 'startIndex']) {
    const v = pick(body, key);
    if (v === undefined) (opts.pagingRequired ? fail : warn).push(`${key} missing`);
    else if (!Number.isInteger(v)) fail.push(`${key} is ${jsonShape(v)}, not a JSON integer`);
  }
  const resources = pick(body, 'Resources');
  if (resources !== undefined && !Array.isArray(resources)) fail.push(`Resources is ${jsonShape(resources)}, not an array`);
  return { fail, warn };
}

function resourcesOf(body: Record<string, unknown>): unknown[] {
  const r = pick(body, 'Resources');
  return Array.isArray(r) ? r : [];
}

function listSize(body: Record<string, unknown>): number {
  return resourcesOf(body).length;
}

const integerHint =
  'totalResults, itemsPerPage and startIndex must be JSON numbers (1, not "1"). Okta rejects the response, so ' +
  'imports and user matching fail. This is a server bug to report to ThreatLocker.';

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

async function checkUnknownUserFilter(ctx: CheckContext): Promise<void> {
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

async function checkUnknownId(ctx: CheckContext): Promise<void> {
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

// ---- 8 ------------------------------------------------------------------------------------

interface Page {
  ex: ScimHttpResponse;
  ids: string[];
  total: unknown;
}

async function checkPaging(ctx: CheckContext): Promise<void> {
  const id = 'paging';
  if (ctx.blocked(id)) return;
  const exchanges: ScimExchange[] = [];
  const pages: Page[] = [];
  const failIssues: string[] = [];
  const warnIssues: string[] = [];
  for (const startIndex of [1, 1 + PAGE_SIZE, 1]) {
    const ex = await ctx.send({ method: 'GET', path: `/Users?startIndex=${startIndex}&count=${PAGE_SIZE}` }, { checkId: id });
    exchanges.push(ex);
    const problem = ctx.problem(ex, { expect: [200], collection: true });
    if (problem || !ex.ok) {
      ctx.record(id, { outcome: 'fail', exchanges, primary: ex, ...problem });
      return;
    }
    const body = bodyOf(ex);
    const { fail } = listEnvelopeIssues(body, { pagingRequired: false });
    failIssues.push(...fail.map((f) => `startIndex=${startIndex}: ${f}`));
    const resources = resourcesOf(body);
    if (resources.length > PAGE_SIZE) failIssues.push(`startIndex=${startIndex}: ${resources.length} resources for count=${PAGE_SIZE}`);
    const ids = resources.map((r) => pick(r, 'id')).filter(isNonEmptyString);
    const dupes = duplicates(ids);
    if (dupes.length > 0) failIssues.push(`startIndex=${startIndex}: id repeated on the page (${dupes.slice(0, 3).join(', ')})`);
    pages.push({ ex, ids, total: pick(body, 'totalResults') });
    if (failIssues.length > 0) break;
  }
  const [first, second, again] = pages;
  if (failIssues.length === 0 && first && second && again) {
    const onBoth = first.ids.filter((x) => second.ids.includes(x));
    if (onBoth.length > 0) {
      failIssues.push(`${plural(onBoth.length, 'id')} on both pages (${onBoth.slice(0, 3).join(', ')})`);
    }
    if (typeof first.total === 'number' && first.total > PAGE_SIZE && second.ids.length === 0) {
      failIssues.push(`totalResults ${first.total} but page 2 is empty`);
    }
    if (first.ids.join('\n') !== again.ids.join('\n')) warnIssues.push('page 1 came back in a different order the second time');
  }
  if (failIssues.length > 0) {
    const integer = failIssues.some((f) => f.includes('integer'));
    ctx.record(id, {
      outcome: 'fail',
      exchanges,
      actual: failIssues.join('; '),
      hint: integer
        ? integerHint
        : 'Paging is broken: startIndex/count are ignored or the order is unstable. Okta would import the same users twice and miss others.',
    });
    return;
  }
  if (warnIssues.length > 0) {
    ctx.record(id, { outcome: 'warn', exchanges, actual: warnIssues.join('; '), hint: 'Sort the users by a stable key (for example id) so pages never shift between requests.' });
    return;
  }
  ctx.record(id, {
    outcome: 'pass',
    exchanges,
    primary: first?.ex,
    actual: `page 1: ${first?.ids.length ?? 0} users, page 2: ${second?.ids.length ?? 0} users, totalResults ${String(first?.total)}`,
  });
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const x of ids) (seen.has(x) ? dupes : seen).add(x);
  return [...dupes];
}

// ---- 9, 10 --------------------------------------------------------------------------------

async function checkGroupsList(ctx: CheckContext): Promise<void> {
  const id = 'groups-list';
  if (ctx.blocked(id)) return;
  const ex = await ctx.send({ method: 'GET', path: `/Groups?startIndex=1&count=${PAGE_SIZE}` }, { checkId: id });
  if (ex.ok && ex.status === 404) {
    ctx.record(id, {
      outcome: 'skip',
      primary: ex,
      actual: `${describeExchange(ex)}: no /Groups endpoint`,
      hint: "No /Groups: Okta's Push Groups cannot work, and ThreatLocker's Group Mapping only lists groups the IdP pushed.",
    });
    return;
  }
  const problem = ctx.problem(ex, { expect: [200], collection: true });
  if (problem || !ex.ok) {
    ctx.record(id, { outcome: 'fail', primary: ex, ...problem });
    return;
  }
  const { fail } = listEnvelopeIssues(bodyOf(ex), { pagingRequired: false });
  if (fail.length > 0) {
    ctx.record(id, { outcome: 'fail', primary: ex, actual: `${ex.status}: ${fail.join('; ')}`, hint: fail.some((f) => f.includes('integer')) ? integerHint : hints.notScimJson });
    return;
  }
  ctx.record(id, { outcome: 'pass', primary: ex, actual: `${ex.status}: ${listSize(bodyOf(ex))} groups` });
}

function checkContentType(ctx: CheckContext): void {
  const id = 'content-type';
  if (ctx.blocked(id)) return;
  const seen = ctx.contentTypes;
  if (seen.length === 0) {
    ctx.record(id, { outcome: 'skip', actual: 'no successful SCIM response to inspect' });
    return;
  }
  const plain = (ct: string) => ct.split(';')[0]!.trim().toLowerCase();
  const jsonOnly = seen.filter((s) => plain(s.contentType) === 'application/json');
  const other = seen.filter((s) => !['application/json', 'application/scim+json'].includes(plain(s.contentType)));
  const list = (xs: typeof seen) => [...new Set(xs.map((x) => `${x.id} (${plain(x.contentType) || 'none'})`))].join(', ');
  if (other.length > 0) {
    ctx.record(id, { outcome: 'fail', actual: `not JSON: ${list(other)}`, hint: 'SCIM responses must be application/scim+json. An HTML or text type usually means a portal page or proxy answered.' });
  } else if (jsonOnly.length > 0) {
    ctx.record(id, { outcome: 'warn', actual: `application/json on ${list(jsonOnly)}`, hint: 'RFC 7644 asks for application/scim+json. Okta accepts application/json, so this is cosmetic.' });
  } else {
    ctx.record(id, { outcome: 'pass', actual: `${seen.length} responses, all application/scim+json` });
  }
}
