import { afterEach, describe, expect, it } from 'vitest';
import type { ScimCheckResult, ScimCheckRun } from '../../src/shared/scim-check';
import { AppError } from '../../src/shared/errors';
import { runScimChecks } from '../../src/main/services/scim/scim-checker';
import { formatScimRunText } from '../../src/shared/scim-check-text';
import {
  HUGE_BODY_BYTES,
  startBrokenScimServer,
  startRecordingServer,
  type BrokenScimFault,
  type BrokenScimServer,
} from '../support/broken-scim-servers';
import { startSelfSignedHttpsServer } from '../support/self-signed-https';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

async function server(fault: BrokenScimFault, extra: { redirectTo?: string } = {}): Promise<BrokenScimServer> {
  const s = await startBrokenScimServer({ fault, ...extra });
  stops.push(() => s.stop());
  return s;
}

const byId = (run: ScimCheckRun, id: string): ScimCheckResult => {
  const r = run.results.find((x) => x.id === id);
  if (!r) throw new Error(`no result ${id}`);
  return r;
};

function check(run: ScimCheckRun, s: BrokenScimServer) {
  // Whatever the server does: a complete plan, and the token nowhere in the run.
  expect(run.results).toHaveLength(14);
  expect(JSON.stringify(run)).not.toContain(s.token);
  expect(formatScimRunText(run)).not.toContain(s.token);
}

describe('SCIM checker against broken servers', () => {
  it('passes every read check against the well-behaved baseline and sends Okta headers', async () => {
    const s = await server('none');
    const run = await runScimChecks({ baseUrl: s.url, token: s.token, allowHttpLoopback: true });
    check(run, s);
    expect(run.results.filter((r) => r.outcome !== 'pass')).toEqual([]);
    expect(run.summary).toEqual({ pass: 14, warn: 0, fail: 0, skip: 0 });
    expect(s.requests.every((r) => r.userAgent === 'Okta SCIM Client 1.0.0' && r.accept === 'application/scim+json')).toBe(true);
  });

  it('reports a wrong API Url path (404 on the base) with the path hint', async () => {
    const s = await server('none');
    const run = await runScimChecks({ baseUrl: `${s.origin}/scim/wrong`, token: s.token, allowHttpLoopback: true });
    check(run, s);
    for (const id of ['auth-token', 'users-list']) {
      expect(byId(run, id).outcome).toBe('fail');
      expect(byId(run, id).status).toBe(404);
      expect(byId(run, id).hint).toMatch(/API Url path is likely wrong/);
    }
  });

  it('reports an HTML page as "points at the portal"', async () => {
    const s = await server('html');
    const run = await runScimChecks({ baseUrl: s.url, token: s.token, allowHttpLoopback: true });
    check(run, s);
    for (const id of ['auth-no-token', 'auth-token', 'users-list']) {
      expect(byId(run, id).outcome).toBe('fail');
      expect(byId(run, id).hint).toMatch(/points at the ThreatLocker portal/);
    }
    expect(byId(run, 'users-list').actual).toMatch(/text\/html/);
  });

  it('warns on a numeric status in the SCIM error', async () => {
    const s = await server('numeric-error-status');
    const run = await runScimChecks({ baseUrl: s.url, token: s.token, allowHttpLoopback: true });
    check(run, s);
    const r = byId(run, 'unknown-id-404');
    expect(r.outcome).toBe('warn');
    expect(r.hint).toMatch(/string \("404"\)/);
    expect(run.summary.fail).toBe(0);
  });

  it('fails checks 4 and 8 when totalResults is the string "1"', async () => {
    const s = await server('string-total');
    const run = await runScimChecks({ baseUrl: s.url, token: s.token, allowHttpLoopback: true });
    check(run, s);
    for (const id of ['users-list', 'paging']) {
      const r = byId(run, id);
      expect(r.outcome).toBe('fail');
      expect(r.actual).toMatch(/totalResults is "3" \(string\)/);
      expect(r.hint).toMatch(/JSON numbers/);
    }
    expect([4, 8]).toEqual(run.results.filter((r) => r.id === 'users-list' || r.id === 'paging').map((r) => r.number));
  });

  it('fails paging (check 8) when the same ids appear on two pages', async () => {
    const s = await server('duplicate-pages');
    const run = await runScimChecks({ baseUrl: s.url, token: s.token, allowHttpLoopback: true });
    check(run, s);
    const r = byId(run, 'paging');
    expect(r.number).toBe(8);
    expect(r.outcome).toBe('fail');
    expect(r.actual).toMatch(/3 ids on both pages \(u-0001/);
    expect(r.hint).toMatch(/Paging is broken/);
  });

  it('gives up on a stalled server within the configured timeout', async () => {
    const s = await server('stall');
    const started = Date.now();
    const run = await runScimChecks({ baseUrl: s.url, token: s.token, allowHttpLoopback: true, timeouts: { totalMs: 2_000 } });
    const elapsed = Date.now() - started;
    check(run, s);
    expect(elapsed).toBeLessThan(5_000);
    const first = byId(run, 'auth-no-token');
    expect(first.outcome).toBe('fail');
    expect(first.actual).toMatch(/^timeout/);
    expect(first.hint).toMatch(/No complete answer within 2000 ms/);
    // The rest is skipped rather than waiting out the same stall 13 more times.
    expect(run.results.slice(1).every((r) => r.outcome === 'skip')).toBe(true);
    expect(s.requests).toHaveLength(1);
  });

  it('cuts off a 50 MB body at the size cap, quickly, and the server stops streaming', async () => {
    const s = await server('huge-body');
    const started = Date.now();
    const run = await runScimChecks({ baseUrl: s.url, token: s.token, allowHttpLoopback: true, maxBodyBytes: 1024 * 1024 });
    expect(Date.now() - started).toBeLessThan(5_000);
    check(run, s);
    const r = byId(run, 'auth-token');
    expect(r.outcome).toBe('fail');
    expect(r.actual).toMatch(/^too-large/);
    expect(r.hint).toMatch(/exceeded the 1 MB cap/);
    expect(byId(run, 'users-list').hint).toMatch(/cap/);
    await expect.poll(() => s.hugeBody.clientClosed, { timeout: 2_000 }).toBe(true);
    expect(s.hugeBody.finished).toBe(false);
    expect(s.hugeBody.bytesWritten).toBeLessThan(HUGE_BODY_BYTES);
  });

  it('never follows a redirect to another host with the token', async () => {
    const other = await startRecordingServer();
    stops.push(() => other.stop());
    const s = await server('redirect', { redirectTo: other.origin });
    const run = await runScimChecks({ baseUrl: s.url, token: s.token, allowHttpLoopback: true });
    check(run, s);
    expect(other.requests).toEqual([]);
    expect(other.requests.some((r) => r.authorization !== undefined)).toBe(false);
    const r = byId(run, 'auth-token');
    expect(r.outcome).toBe('fail');
    expect(r.status).toBe(302);
    expect(r.hint).toMatch(/redirected to http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/Users/);
    expect(r.hint).toMatch(/token must not be sent to another host/);
  });

  it('reports an unreachable port as a connect failure and skips the rest', async () => {
    const s = await server('none');
    await s.stop();
    stops.length = 0;
    const run = await runScimChecks({ baseUrl: s.url, token: s.token, allowHttpLoopback: true });
    expect(byId(run, 'auth-no-token').outcome).toBe('fail');
    expect(byId(run, 'auth-no-token').hint).toMatch(/Could not connect/);
    expect(run.summary.skip).toBe(13);
  });

  it('reports an untrusted certificate as a TLS problem (proxy or certificate) and never sends a request', async () => {
    const https = await startSelfSignedHttpsServer();
    stops.push(() => https.stop());
    const run = await runScimChecks({ baseUrl: `${https.origin}/scim/v2`, token: 'tls-test-token-0123456789' });
    const r = byId(run, 'auth-no-token');
    expect(r.outcome).toBe('fail');
    expect(r.actual).toMatch(/^tls: /);
    expect(r.hint).toMatch(/TLS failed: an HTTPS-inspecting proxy or an untrusted/);
    expect(run.summary.skip).toBe(13);
    expect(https.requests).toBe(0);
  });

  it('keeps the token out of every field even when the server echoes it back', async () => {
    const canary = 'CANARY-token-5d1f0c9e7b3a4e21a8b6';
    // The server rejects the canary and quotes the Authorization header in its error detail.
    const { createServer } = await import('node:http');
    const echo = createServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/scim+json' });
      res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: `bad header: ${req.headers.authorization ?? ''} token=${canary}` }));
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
    stops.push(() => new Promise<void>((r) => { echo.close(() => r()); echo.closeAllConnections(); }));
    const port = (echo.address() as { port: number }).port;
    const run = await runScimChecks({ baseUrl: `http://127.0.0.1:${port}/scim/v2`, token: canary, allowHttpLoopback: true });
    expect(byId(run, 'auth-token').outcome).toBe('fail');
    expect(byId(run, 'auth-token').actual).toMatch(/\[REDACTED\]/);
    expect(JSON.stringify(run)).not.toContain(canary);
    expect(formatScimRunText(run)).not.toContain(canary);
  });

  it('deactivates the test user when DELETE is refused and reports it as a leftover', async () => {
    const s = await server('no-delete');
    const run = await runScimChecks({ baseUrl: s.url, token: s.token, allowHttpLoopback: true, write: true, testPrefix: 'tl-console-check-nodel' });
    expect(JSON.stringify(run)).not.toContain(s.token);
    // Checks 11-16 pass; no /Groups means check 9 and the group steps of 17 are skipped.
    for (const r of run.results.filter((x) => x.number >= 11 && x.number <= 16)) expect(r.outcome, r.id).toBe('pass');
    expect(byId(run, 'groups-list').outcome).toBe('skip');
    expect(run.results.filter((x) => x.number === 17).every((r) => r.outcome === 'skip')).toBe(true);
    const cleanup = byId(run, 'cleanup');
    expect(cleanup.outcome).toBe('warn');
    expect(cleanup.hint).toMatch(/refuses DELETE/);
    expect(run.leftovers).toHaveLength(1);
    expect(run.leftovers[0]).toMatch(/^user tl-console-check-nodel@scim-check\.invalid \(id w-1\): deactivated, not deleted \(DELETE answered 405\)/);
    expect(byId(run, 'leftover-search').outcome).toBe('warn');
    expect(run.summary.fail).toBe(0);
    const left = s.users.find((u) => u.userName === 'tl-console-check-nodel@scim-check.invalid');
    expect(left?.active).toBe(false);
  });

  it('rejects invalid arguments with AppError VALIDATION (and only those)', async () => {
    const bad = [
      { baseUrl: 'http://example.com/scim/v2', token: 't0ken-value' },
      { baseUrl: 'http://127.0.0.1:1/scim', token: 't0ken-value' }, // loopback http without opt-in
      { baseUrl: 'not a url', token: 't0ken-value' },
      { baseUrl: 'https://user:pw@example.com/scim', token: 't0ken-value' },
      { baseUrl: 'https://example.com/scim', token: '' },
      { baseUrl: 'https://example.com/scim', token: 'two words' },
      { baseUrl: 'ftp://example.com/scim', token: 't0ken-value' },
    ];
    for (const opts of bad) {
      const err = await runScimChecks(opts).then(() => undefined, (e: unknown) => e);
      expect(err, JSON.stringify(opts.baseUrl)).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION');
      expect((err as AppError).message).not.toContain('t0ken-value');
    }
  });

  it('streams progress with a fixed total and honours cancellation', async () => {
    const s = await server('none');
    const seen: [string, number, number][] = [];
    const controller = new AbortController();
    const run = await runScimChecks({
      baseUrl: s.url,
      token: s.token,
      allowHttpLoopback: true,
      signal: controller.signal,
      onResult: (r, i, n) => {
        seen.push([r.id, i, n]);
        if (i === 2) controller.abort();
      },
    });
    expect(seen.map(([, i]) => i)).toEqual([...Array(14).keys()]);
    expect(seen.every(([, , n]) => n === 14)).toBe(true);
    expect(run.results.slice(3).every((r) => r.outcome === 'skip')).toBe(true);
  });
});
