import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppError } from '../../../shared/errors';
import { Redactor } from '../log/redactor';
import { canaryToken, leakedPieces } from '../../../../tests/support/canary';
import { HostPolicy } from './host-policy';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './http-client';
import { HttpError } from './http-errors';
import { failure, fakeTime, json, memoryLogger, startLoopback, type LoopbackHandler, type LoopbackServer } from '../../../../tests/support/loopback';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server(handler: LoopbackHandler): Promise<LoopbackServer> {
  const s = await startLoopback(handler);
  cleanups.push(() => s.close());
  return s;
}

function client(policy: HostPolicy, extra: Partial<HttpClientOptions> = {}) {
  const logger = memoryLogger();
  const time = fakeTime();
  const http = createHttpClient({ policy, logger, sleep: time.sleep, now: time.now, random: () => 0.5, ...extra });
  cleanups.push(() => http.close());
  return { http, logger, time };
}

function allowed(...servers: LoopbackServer[]): HostPolicy {
  const policy = new HostPolicy();
  for (const s of servers) policy.allowOrigin(s.url);
  return policy;
}

const okta = (http: HttpClient, url: string, extra: Record<string, unknown> = {}) =>
  http.request({ url, purpose: 'okta', headers: { authorization: 'SSWS 00abcdefghijklmnop' }, ...extra });

describe('request basics', () => {
  it('checks the host policy before sending anything', async () => {
    const s = await server((_q, res) => json(res, 200, {}));
    const { http } = client(new HostPolicy());
    const err = await failure(http.request({ url: `${s.url}/api/v1/users`, purpose: 'okta' }));
    expect(err.code).toBe('HOST_NOT_ALLOWED');
    expect(s.requests).toHaveLength(0);
  });

  it('sends JSON, parses and validates the answer, tolerating unknown fields', async () => {
    const s = await server((_q, res, body) => json(res, 200, { id: '0oa1', label: 'x', extra: true, echo: JSON.parse(body) }));
    const { http } = client(allowed(s));
    const res = await http.request({
      method: 'PUT',
      url: `${s.url}/api/v1/apps/0oa1`,
      purpose: 'okta',
      json: { label: 'x' },
      schema: z.looseObject({ id: z.string(), label: z.string() }),
    });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ id: '0oa1', label: 'x', extra: true, echo: { label: 'x' } });
    expect(s.requests[0]!.headers['content-type']).toBe('application/json');
    expect(s.requests[0]!.headers['accept']).toBe('application/json');
  });

  it('names the field that does not match the schema', async () => {
    const s = await server((_q, res) => json(res, 200, { id: 42, profile: { login: null } }));
    const { http } = client(allowed(s));
    const err = await failure(
      http.request({ url: `${s.url}/api/v1/users/1`, purpose: 'okta', schema: z.object({ profile: z.object({ login: z.string() }) }) }),
    );
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain('profile.login');
    expect(err.message).toContain('GET /api/v1/users/1');
  });

  it('returns text for a non-JSON accept, and refuses JSON that is not JSON', async () => {
    const s = await server((req, res) => {
      if (req.url === '/xml') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end('<md:EntityDescriptor/>');
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>captive portal</html>');
      }
    });
    const { http } = client(allowed(s));
    expect((await http.request({ url: `${s.url}/xml`, purpose: 'okta', accept: 'text/xml' })).data).toBe('<md:EntityDescriptor/>');
    const err = await failure(http.request({ url: `${s.url}/json`, purpose: 'okta' }));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain('text/html');
  });
});

describe('error mapping', () => {
  it.each([
    [401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided' }, 'AUTH_FAILED', 'E0000011 Invalid token provided'],
    [403, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' }, 'PERMISSION_DENIED', 'E0000006'],
    [404, { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: 0oa9 (AppInstance)' }, 'NOT_FOUND', 'Not found'],
    [
      400,
      { errorCode: 'E0000001', errorSummary: 'Api validation failed: feature', errorCauses: [{ errorSummary: 'Provisioning is not enabled for the app instance.' }] },
      'VALIDATION',
      'Provisioning is not enabled',
    ],
  ])('%i -> %s with the remote summary', async (status, body, code, text) => {
    const s = await server((_q, res) => json(res, status, body));
    const { http } = client(allowed(s));
    const err = await failure(okta(http, `${s.url}/api/v1/apps`));
    expect(err).toBeInstanceOf(HttpError);
    expect(err.code).toBe(code);
    expect(err.message).toContain(text);
    expect(err.message).toContain('Okta answered');
    expect((err as HttpError).status).toBe(status);
    expect((err as HttpError).remoteCode).toBe(body.errorCode);
    expect(err.hint).toBeTruthy();
    expect(err.retryable).toBeUndefined();
  });

  it('keeps HTML error pages out of the message', async () => {
    const s = await server((_q, res) => {
      res.writeHead(501, { 'content-type': 'text/html' });
      res.end('<html><body><h1>Not Implemented</h1></body></html>');
    });
    const { http } = client(allowed(s));
    const err = await failure(okta(http, `${s.url}/api/v1/apps`));
    expect(err.code).toBe('REMOTE_ERROR');
    expect(err.message).toBe('Okta answered 501 to GET /api/v1/apps.');
  });
});

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

describe('pagination', () => {
  it('follows Link rel="next" across header shapes and yields each item once', async () => {
    const s = await server((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const after = Number(url.searchParams.get('after') ?? 0);
      const items = [1, 2, 3].map((n) => ({ id: `u${after + n}`, extra: 'kept out' }));
      const self = `<${req.url}>; rel="self"`;
      const next = after < 6 ? `</api/v1/users?after=${after + 3}&limit=3>; rel="next"` : undefined;
      // Page 1: two Link headers; page 2: one comma-joined header; page 3: self only.
      const link = after === 0 ? [self, next!] : next ? `${self}, ${next}` : self;
      json(res, 200, items, { link });
    });
    const { http } = client(allowed(s));
    const ids: string[] = [];
    for await (const u of http.paginate({ url: `${s.url}/api/v1/users?limit=3`, purpose: 'okta', schema: z.object({ id: z.string() }) })) {
      expect(u).not.toHaveProperty('extra');
      ids.push(u.id);
    }
    expect(ids).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9']);
    expect(s.requests).toHaveLength(3);
  });

  it('names the item that does not match', async () => {
    const s = await server((_q, res) => json(res, 200, [{ id: 'a' }, { id: 7 }]));
    const { http } = client(allowed(s));
    const iter = http.paginate({ url: `${s.url}/api/v1/groups`, purpose: 'okta', schema: z.object({ id: z.string() }) });
    const err = await failure((async () => {
      for await (const _ of iter) void _;
    })());
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain('item 2 of page 1');
    expect(err.message).toContain('"id"');
  });

  it('refuses a next link to another origin and stops a link loop', async () => {
    const other = await server((_q, res) => json(res, 200, []));
    const s = await server((req, res) =>
      req.url!.startsWith('/loop')
        ? json(res, 200, [{ id: 'x' }], { link: `</loop>; rel="next"` })
        : json(res, 200, [{ id: 'x' }], { link: `<${other.url}/api/v1/users?after=1>; rel="next"` }),
    );
    const { http } = client(allowed(s, other));
    const drain = async (url: string) => {
      for await (const _ of http.paginate({ url, purpose: 'okta', schema: z.unknown(), headers: { authorization: 'SSWS 00secretsecret' } })) void _;
    };
    expect((await failure(drain(`${s.url}/api/v1/users`))).message).toContain('another host');
    expect(other.requests).toHaveLength(0);
    expect((await failure(drain(`${s.url}/loop`))).message).toContain('kept linking');
  });

  it('stops at an empty page when asked (System Log polling cursor)', async () => {
    const s = await server((req, res) => {
      const after = Number(new URL(req.url!, 'http://x').searchParams.get('after') ?? 0);
      json(res, 200, after < 2 ? [{ uuid: String(after) }] : [], { link: `</api/v1/logs?after=${after + 1}>; rel="next"` });
    });
    const { http } = client(allowed(s));
    const seen: unknown[] = [];
    for await (const e of http.paginate({ url: `${s.url}/api/v1/logs`, purpose: 'okta', schema: z.unknown(), stopOnEmptyPage: true })) seen.push(e);
    expect(seen).toHaveLength(2);
    expect(s.requests).toHaveLength(3);
  });
});

describe('redirects', () => {
  it('drops Authorization (and other credential headers) when the origin changes', async () => {
    const b = await server((_q, res) => json(res, 200, { landed: true }));
    const a = await server((req, res) => {
      if (req.url === '/same') return void res.writeHead(307, { location: '/final' }).end();
      if (req.url === '/final') return json(res, 200, { same: true });
      res.writeHead(302, { location: `${b.url}/elsewhere` }).end();
    });
    const { http } = client(allowed(a, b));
    const headers = { authorization: 'SSWS 00canarycanary', 'x-api-token': 'tok-123456', 'x-trace': 'keep' };
    expect((await http.request({ url: `${a.url}/start`, purpose: 'okta', headers })).data).toEqual({ landed: true });
    expect(b.requests[0]!.headers['authorization']).toBeUndefined();
    expect(b.requests[0]!.headers['x-api-token']).toBeUndefined();
    expect(b.requests[0]!.headers['x-trace']).toBe('keep');
    await http.request({ url: `${a.url}/same`, purpose: 'okta', headers });
    expect(a.requests.at(-1)!.headers['authorization']).toBe('SSWS 00canarycanary');
  });

  it('checks every hop against the host policy and caps the number of hops', async () => {
    const outside = await server((_q, res) => json(res, 200, {}));
    const a = await server((req, res) => {
      if (req.url === '/out') return void res.writeHead(302, { location: `${outside.url}/x` }).end();
      if (req.url === '/https') return void res.writeHead(302, { location: 'https://evil.example.com/x' }).end();
      res.writeHead(302, { location: `/loop${req.url}` }).end();
    });
    const { http } = client(allowed(a));
    expect((await failure(http.request({ url: `${a.url}/out`, purpose: 'okta' }))).code).toBe('HOST_NOT_ALLOWED');
    expect((await failure(http.request({ url: `${a.url}/https`, purpose: 'okta' }))).message).toContain('evil.example.com');
    expect(outside.requests).toHaveLength(0);
    const err = await failure(http.request({ url: `${a.url}/l`, purpose: 'okta' }));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain('more than 5');
  });

  it('turns a POST into a GET on 303', async () => {
    const a = await server((req, res) => {
      if (req.url === '/done') return json(res, 200, { method: req.method });
      res.writeHead(303, { location: '/done' }).end();
    });
    const { http } = client(allowed(a));
    expect((await http.request({ method: 'POST', url: `${a.url}/x`, purpose: 'okta', json: { a: 1 } })).data).toEqual({ method: 'GET' });
    expect(a.requests[1]!.body).toBe('');
  });
});

describe('body cap', () => {
  it('refuses an oversized body, declared or streamed', async () => {
    const s = await server((req, res) => {
      const big = JSON.stringify({ pad: 'x'.repeat(5000) });
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(big.length) });
        return void res.end(big);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(big.slice(0, 2500));
      res.end(big.slice(2500));
    });
    const { http } = client(allowed(s), { maxBodyBytes: 1000 });
    for (const path of ['/declared', '/chunked']) {
      const err = await failure(http.request({ url: `${s.url}${path}`, purpose: 'okta' }));
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toMatch(/sent more than/);
    }
  });
});

describe('secrets', () => {
  it('never writes the token into a log line or an error message', async () => {
    const canary = 'SSWS-CANARY-00aZ9yX8wV7uT6sR5qP4';
    const redactor = new Redactor();
    const s = await server((req, res, _b, i) => {
      if (req.url === '/echo') return json(res, 401, { errorCode: 'E0000011', errorSummary: `Invalid token provided: ${canary}` });
      if (req.url === '/flaky' && i % 2 === 0) return json(res, 503, { message: `upstream saw ${canary}` });
      if (req.url === '/hop') return void res.writeHead(302, { location: '/flaky' }).end();
      json(res, 200, { ok: true });
    });
    const logger = memoryLogger(redactor);
    const time = fakeTime();
    const http = createHttpClient({ policy: allowed(s), logger, sleep: time.sleep, now: time.now });
    cleanups.push(() => http.close());
    const headers = { authorization: `SSWS ${canary}` };
    const messages: string[] = [];
    for (const path of ['/echo', '/flaky', '/hop', '/ok?x=1']) {
      try {
        await http.request({ url: `${s.url}${path}`, purpose: 'okta', headers });
      } catch (err) {
        const e = err as AppError;
        messages.push(e.message, e.hint ?? '', JSON.stringify(e.toShape()));
      }
    }
    expect(messages.join('\n')).toContain('E0000011');
    expect(logger.raw.length).toBeGreaterThan(3);
    for (const text of [...logger.raw, ...logger.lines, ...messages]) expect(text).not.toContain(canary);
    expect(logger.raw.join('\n')).toContain('/ok?x=1');
  });
});

describe('secrets split by a cut', () => {
  it('leaves no piece of a token the remote echoes where the 300-character summary is cut, at every offset', async () => {
    const token = canaryToken('okta-401');
    const redactor = new Redactor();
    const s = await server((req, res) => {
      const offset = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('at'));
      json(res, 401, { errorCode: 'E0000011', errorSummary: `${'D'.repeat(offset)}${token}` });
    });
    const logger = memoryLogger(redactor);
    const time = fakeTime();
    const http = createHttpClient({ policy: allowed(s), logger, sleep: time.sleep, now: time.now });
    cleanups.push(() => http.close());
    for (let at = 300 - token.length - 2; at <= 301; at++) {
      const err = (await failure(http.request({ url: `${s.url}/api/v1/users/me?at=${at}`, purpose: 'okta', headers: { authorization: `SSWS ${token}` } }))) as HttpError;
      expect(err.message).toContain('E0000011');
      expect(leakedPieces(`${err.message} ${JSON.stringify(err.toShape())} ${err.remoteSummary ?? ''}`, token), `offset ${at}`).toEqual([]);
    }
    expect(leakedPieces(logger.raw.join('\n'), token)).toEqual([]);
  });
});

describe('cancellation', () => {
  it('stops when the caller aborts', async () => {
    const s = await server(() => {
      /* never answers */
    });
    const { http } = client(allowed(s));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = await failure(http.request({ url: `${s.url}/api/v1/users`, purpose: 'okta', signal: ac.signal }));
    expect(err.message).toMatch(/cancelled/);
    expect(s.requests).toHaveLength(1);
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
