import { randomBytes } from 'node:crypto';
import { SCIM_SCHEMAS } from './scim-check-catalog';
import { bodyOf, type CheckContext, hasSchema, pick } from './scim-check-context';
import { hints, looksLikeHtml } from './scim-hints';
import { checkGroupsList, checkPaging } from './scim-list-checks';
import { listSize } from './scim-list-response';
import { checkUnknownId, checkUnknownUserFilter, checkUserGet, checkUsersList } from './scim-user-read-checks';

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
