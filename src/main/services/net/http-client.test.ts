import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allowed, client, okta, server } from '../../../../tests/support/http-client-harness';
import { HostPolicy } from './host-policy';
import { HttpError } from './http-errors';
import { failure, json } from '../../../../tests/support/loopback';

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
