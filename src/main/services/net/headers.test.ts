import { describe, expect, it } from 'vitest';
import { extractRemoteError } from './http-errors';
import { nextLink, parseLinkHeader } from './link-header';
import { bucketKey, RateGovernor, retryDelayFromHeaders } from './rate-limits';

describe('parseLinkHeader / nextLink', () => {
  it('reads several headers and comma-separated links', () => {
    const value = [
      '<https://acme.okta.com/api/v1/users?limit=2>; rel="self"',
      '<https://acme.okta.com/api/v1/users?after=00u2&limit=2>; rel="next", <https://acme.okta.com/x>; rel=last',
    ];
    expect(parseLinkHeader(value).map((l) => l.rels)).toEqual([['self'], ['next'], ['last']]);
    expect(nextLink(value, 'https://acme.okta.com/')?.href).toBe('https://acme.okta.com/api/v1/users?after=00u2&limit=2');
  });

  it('keeps commas inside the URL and handles multi-valued rel and relative targets', () => {
    const value = '</api/v1/logs?filter=a,b&after=3>; title="x, y"; rel="prev next"';
    expect(nextLink(value, 'https://acme.okta.com/api/v1/logs')?.href).toBe('https://acme.okta.com/api/v1/logs?filter=a,b&after=3');
  });

  it('gives undefined without a next link', () => {
    expect(nextLink(undefined, 'https://a.okta.com/')).toBeUndefined();
    expect(nextLink('<https://a.okta.com/x>; rel="self"', 'https://a.okta.com/')).toBeUndefined();
  });
});

describe('retryDelayFromHeaders', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads Retry-After seconds and dates, then X-Rate-Limit-Reset', () => {
    expect(retryDelayFromHeaders({ 'retry-after': '3' }, now)).toBe(3000);
    expect(retryDelayFromHeaders({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }, now)).toBe(7000);
    expect(retryDelayFromHeaders({ 'x-rate-limit-reset': String(now / 1000 + 12) }, now)).toBe(12000);
    expect(retryDelayFromHeaders({}, now)).toBeUndefined();
  });
  it('measures the reset against the server Date, not a skewed local clock', () => {
    const headers = { 'x-rate-limit-reset': String(now / 1000 + 5), date: new Date(now).toUTCString() };
    expect(retryDelayFromHeaders(headers, now + 3_600_000)).toBe(5000);
  });
});

describe('bucketKey', () => {
  it('splits Okta collections from instances, and uses two segments elsewhere', () => {
    expect(bucketKey(new URL('https://a.okta.com/api/v1/users?limit=1'))).toBe('users');
    expect(bucketKey(new URL('https://a.okta.com/api/v1/users/00u1'))).toBe('users/*');
    // Okta's table: /apps and /apps/{id}/* share one budget; the bare /apps/{id} has its own.
    expect(bucketKey(new URL('https://a.okta.com/api/v1/apps/0oa1/users'))).toBe('apps');
    expect(bucketKey(new URL('https://a.okta.com/api/v1/apps?q=x'))).toBe('apps');
    expect(bucketKey(new URL('https://a.okta.com/api/v1/apps/0oa1'))).toBe('apps/{id}');
    expect(bucketKey(new URL('https://a.okta.com/api/v1/groups/rules'))).toBe('groups');
    expect(bucketKey(new URL('https://a.okta.com/api/v1/groups/00g1/users'))).toBe('groups/*');
    expect(bucketKey(new URL('https://p.d.threatlocker.com/portalapi/UserRoles/UserRolesGetByParameters'))).toBe('portalapi/userroles');
  });
});

describe('RateGovernor', () => {
  it('lets requests through while plenty remains, then holds them until the reset', () => {
    let now = 1_000_000;
    const g = new RateGovernor({ now: () => now });
    const reset = String(Math.floor(now / 1000) + 30);
    g.observe('k', { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '50', 'x-rate-limit-reset': reset }, 200);
    expect(g.reserve('k')).toBe(0);
    g.observe('k', { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '9', 'x-rate-limit-reset': reset }, 200);
    const wait = g.reserve('k');
    expect(wait).toBe(30_000);
    expect(g.reserve('k')).toBe(30_000); // a concurrent caller waits too
    expect(g.reserve('other')).toBe(0);
    now += wait;
    expect(g.reserve('k')).toBe(0);
  });

  it('counts reserved requests locally so concurrent callers do not overspend', () => {
    const now = 0;
    const g = new RateGovernor({ now: () => now });
    g.observe('k', { 'x-rate-limit-limit': '5', 'x-rate-limit-remaining': '3', 'x-rate-limit-reset': '60' }, 200);
    expect(g.reserve('k')).toBe(0); // 3 -> 2
    expect(g.reserve('k')).toBe(0); // 2 -> 1
    expect(g.reserve('k')).toBe(60_000); // 1 < 2: hold
  });

  it('treats a 429 as an exhausted window and caps absurd waits', () => {
    const g = new RateGovernor({ now: () => 0, maxWaitMs: 5000 });
    g.observe('k', { 'retry-after': '3600' }, 429);
    expect(g.reserve('k')).toBe(5000);
  });
});

describe('extractRemoteError', () => {
  it('reads Okta errors with their first cause', () => {
    const body = JSON.stringify({
      errorCode: 'E0000001',
      errorSummary: 'Api validation failed: feature',
      errorCauses: [{ errorSummary: 'Provisioning is not enabled for the app instance.' }],
    });
    expect(extractRemoteError(body, 'application/json')).toEqual({
      code: 'E0000001',
      summary: 'Api validation failed: feature (Provisioning is not enabled for the app instance.)',
    });
  });
  it('reads ThreatLocker codes, SCIM details, plain text, and ignores HTML', () => {
    expect(extractRemoteError('{"statusCode":403,"message":"TOKEN_REVOKED"}', 'application/json')).toEqual({ code: 'TOKEN_REVOKED' });
    expect(extractRemoteError('{"schemas":[],"status":"409","scimType":"uniqueness","detail":"exists"}', 'application/scim+json')).toEqual({
      code: 'uniqueness',
      summary: 'exists',
    });
    expect(extractRemoteError('TOKEN_REVOKED', 'text/plain')).toEqual({ code: 'TOKEN_REVOKED' });
    expect(extractRemoteError('<html><body>502 Bad Gateway</body></html>', 'text/html')).toEqual({});
    expect(extractRemoteError('', undefined)).toEqual({});
  });
});
