import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { allowed, client, okta, server } from '../../../../tests/support/http-client-harness';
import { HostPolicy } from './host-policy';
import { failure, json } from '../../../../tests/support/loopback';

describe('retries', () => {
  it('honours Retry-After seconds on 429, for GET and POST alike', async () => {
    const s = await server((_q, res, _b, i) =>
      i % 2 === 0 ? json(res, 429, { errorCode: 'E0000047' }, { 'retry-after': '3' }) : json(res, 200, { ok: i }),
    );
    const { http, time } = client(allowed(s));
    expect((await okta(http, `${s.url}/api/v1/users`)).data).toEqual({ ok: 1 });
    expect((await okta(http, `${s.url}/api/v1/apps`, { method: 'POST', json: { label: 'x' } })).data).toEqual({ ok: 3 });
    expect(s.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST', 'POST']);
    expect(time.state.sleeps).toHaveLength(2);
    for (const ms of time.state.sleeps) expect(ms).toBeGreaterThanOrEqual(3000);
    for (const ms of time.state.sleeps) expect(ms).toBeLessThan(3600);
  });

  it('honours Retry-After as a date and X-Rate-Limit-Reset as epoch seconds', async () => {
    const s = await server((_q, res, _b, i) => {
      const nowS = Math.floor(Date.now() / 1000);
      const date = new Date(nowS * 1000).toUTCString();
      if (i === 0) return json(res, 429, {}, { date, 'retry-after': new Date((nowS + 4) * 1000).toUTCString() });
      if (i === 1) return json(res, 429, {}, { date, 'x-rate-limit-limit': '600', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(nowS + 7) });
      return json(res, 200, []);
    });
    const { http, time } = client(allowed(s));
    await okta(http, `${s.url}/api/v1/users`);
    expect(time.state.sleeps).toHaveLength(2);
    expect(time.state.sleeps[0]).toBeGreaterThanOrEqual(4000);
    expect(time.state.sleeps[0]).toBeLessThan(4600);
    expect(time.state.sleeps[1]).toBeGreaterThanOrEqual(7000);
    expect(time.state.sleeps[1]).toBeLessThan(7600);
  });

  it('fails at once when a 429 asks for a wait longer than the limit', async () => {
    const s = await server((_q, res) => json(res, 429, { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit' }, { 'retry-after': '3600' }));
    const { http } = client(allowed(s));
    const err = await failure(okta(http, `${s.url}/api/v1/users`));
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.retryable).toBe(true);
    expect(s.requests).toHaveLength(1);
  });

  it('retries GET and PUT on 5xx with growing backoff, but never a POST', async () => {
    const s = await server((req, res, _b, i) => {
      if (req.method === 'POST') return json(res, 500, { errorCode: 'E0000009', errorSummary: 'Internal Server Error' });
      return i % 3 === 2 ? json(res, 200, {}) : json(res, [502, 503, 504][i % 3]!, {});
    });
    const { http, time } = client(allowed(s));
    await okta(http, `${s.url}/api/v1/groups`);
    expect(time.state.sleeps).toEqual([375, 750]); // 500 * 2^n, half fixed + half jitter (random 0.5)
    await okta(http, `${s.url}/api/v1/apps/0oa1`, { method: 'PUT', json: {} });
    const before = s.requests.length;
    const err = await failure(okta(http, `${s.url}/api/v1/apps`, { method: 'POST', json: { label: 'x' } }));
    expect(s.requests.length - before).toBe(1);
    expect(err.code).toBe('REMOTE_ERROR');
    expect(err.retryable).toBe(true);
  });

  it('retries a POST marked idempotent', async () => {
    const s = await server((_q, res, _b, i) => (i === 0 ? json(res, 503, {}) : json(res, 200, [])));
    const { http } = client(allowed(s));
    await http.request({ method: 'POST', url: `${s.url}/portalapi/UserRoles/UserRolesGetByParameters`, purpose: 'threatlocker', json: {}, idempotent: true });
    expect(s.requests).toHaveLength(2);
  });

  it('gives up after the retry budget with a retryable error', async () => {
    const s = await server((_q, res) => json(res, 503, {}));
    const { http } = client(allowed(s), { maxRetries: 2 });
    const err = await failure(okta(http, `${s.url}/api/v1/users`));
    expect(s.requests).toHaveLength(3);
    expect(err.code).toBe('REMOTE_ERROR');
    expect(err.retryable).toBe(true);
    const s2 = await server((_q, res) => json(res, 429, {}, { 'retry-after': '1' }));
    const err2 = await failure(okta(client(allowed(s2), { maxRetries: 2 }).http, `${s2.url}/api/v1/users`));
    expect(err2.code).toBe('RATE_LIMITED');
    expect(err2.retryable).toBe(true);
  });

  it('retries a dropped connection for GET but not for POST', async () => {
    const s = await server((req, res, _b, i) => {
      if (req.method === 'POST' || i === 0) return void req.socket.destroy();
      json(res, 200, { ok: true });
    });
    const { http } = client(allowed(s));
    expect((await okta(http, `${s.url}/api/v1/users`)).data).toEqual({ ok: true });
    const before = s.requests.length;
    const err = await failure(okta(http, `${s.url}/api/v1/apps`, { method: 'POST', json: {} }));
    expect(err.code).toBe('NETWORK');
    expect(s.requests.length - before).toBe(1);
  });

  it('retries a refused connection even for POST (nothing was sent)', async () => {
    const port = await freePort();
    const policy = new HostPolicy();
    policy.allowOrigin(`http://127.0.0.1:${port}`);
    const { http, time } = client(policy, { maxRetries: 2 });
    const err = await failure(okta(http, `http://127.0.0.1:${port}/api/v1/apps`, { method: 'POST', json: {} }));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain('refused the connection');
    expect(err.retryable).toBe(true);
    expect(time.state.sleeps).toHaveLength(2);
  });

  it('times out a request that never answers', async () => {
    const s = await server(() => {
      /* never answers */
    });
    const { http } = client(allowed(s), { timeoutMs: 150, maxRetries: 1 });
    const started = Date.now();
    const err = await failure(okta(http, `${s.url}/api/v1/users`));
    expect(err.code).toBe('TIMEOUT');
    expect(err.retryable).toBe(true);
    expect(s.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('rate-limit governor', () => {
  it('paces from X-Rate-Limit-Remaining so the ceiling is never hit', async () => {
    const limit = 10;
    let remaining = 4;
    const s = await server((_q, res) => {
      remaining -= 1;
      const reset = Math.floor(Date.now() / 1000) + 20;
      json(res, 200, [], { date: new Date().toUTCString(), 'x-rate-limit-limit': String(limit), 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': String(reset) });
    });
    const { http, time } = client(allowed(s));
    await okta(http, `${s.url}/api/v1/users`); // remaining 3
    await okta(http, `${s.url}/api/v1/users`); // remaining 2
    expect(time.state.sleeps).toEqual([]);
    await okta(http, `${s.url}/api/v1/users`); // remaining 1 -> low
    await okta(http, `${s.url}/api/v1/groups`); // another bucket: not held
    expect(time.state.sleeps).toEqual([]);
    remaining = limit + 1; // the window resets while we wait
    await okta(http, `${s.url}/api/v1/users`);
    expect(time.state.sleeps).toHaveLength(1);
    expect(time.state.sleeps[0]).toBeGreaterThan(18_000);
    expect(time.state.sleeps[0]).toBeLessThanOrEqual(21_000);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
