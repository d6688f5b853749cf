import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueFromPrivateCa } from '../../../../tests/support/private-ca';
import { HostPolicy } from './host-policy';
import { createHttpClient } from './http-client';
import { envProxyResolver, OutboundDispatcher, proxyFromPacResult, trustedCertificates } from './outbound';
import { failure, memoryLogger } from '../../../../tests/support/loopback';

// The client asks for a real-looking Okta host; only the proxy resolves it, to 127.0.0.1.
const HOST = 'acme.okta.com';

interface Proxy {
  url: string;
  connects: string[];
  plainRequests: number;
  /** Answer CONNECT with this status instead of tunnelling (e.g. 407). */
  refuseWith?: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

/** A forward proxy that only tunnels (CONNECT) to HOST, like a corporate egress proxy. */
async function startConnectProxy(targetPort: number): Promise<Proxy> {
  const sockets = new Set<Socket>();
  const state: Proxy = { url: '', connects: [], plainRequests: 0, close: async () => undefined };
  const server = createHttpServer((_req, res) => {
    state.plainRequests++;
    res.writeHead(405).end('CONNECT only');
  });
  server.on('connection', (s) => sockets.add(s));
  server.on('connect', (req, client: Socket) => {
    state.connects.push(req.url ?? '');
    if (state.refuseWith) {
      client.end(`HTTP/1.1 ${state.refuseWith} Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n`);
      return;
    }
    if (req.url !== `${HOST}:${targetPort}`) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const port = await listen(server);
  state.url = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}

describe('outbound requests behind a TLS-inspecting proxy', () => {
  const pki = issueFromPrivateCa(HOST);
  let target: Server;
  let targetPort = 0;
  let proxy: Proxy;
  const seen: string[] = [];

  beforeAll(async () => {
    target = createHttpsServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
      seen.push(`${req.method} ${req.headers.host} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"00u1","status":"ACTIVE"}');
    });
    targetPort = await listen(target);
    proxy = await startConnectProxy(targetPort);
  });
  afterAll(async () => {
    await proxy.close();
    target.closeAllConnections();
    await new Promise((r) => target.close(r));
  });

  const dispatcher = (extraCa: string[]) =>
    new OutboundDispatcher({ resolveProxy: envProxyResolver({ HTTPS_PROXY: proxy.url }), ca: trustedCertificates(extraCa) });

  it('tunnels through the proxy with CONNECT and trusts the private root the admin added', async () => {
    const outbound = dispatcher([pki.caPem]);
    try {
      const res = await request(`https://${HOST}:${targetPort}/api/v1/users/me`, { dispatcher: outbound });
      expect(res.statusCode).toBe(200);
      expect(await res.body.json()).toEqual({ id: '00u1', status: 'ACTIVE' });
    } finally {
      await outbound.close();
    }
    expect(proxy.connects).toContain(`${HOST}:${targetPort}`);
    expect(proxy.plainRequests).toBe(0);
    expect(seen).toContain(`GET ${HOST}:${targetPort} /api/v1/users/me`);
  });

  it('names the host, the proxy and the certificate problem when the root is not trusted', async () => {
    const outbound = dispatcher([]);
    const http = createHttpClient({ policy: new HostPolicy(), logger: memoryLogger(), dispatcher: outbound, maxRetries: 0 });
    try {
      const err = await failure(http.request({ url: `https://${HOST}:${targetPort}/api/v1/users/me`, purpose: 'okta' }));
      expect(err.code).toBe('NETWORK');
      expect(err.message).toBe(`The certificate of ${HOST}:${targetPort} through the proxy ${proxy.url} is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE).`);
      expect(err.hint).toMatch(/root certificate must be in this computer's trusted roots/);
    } finally {
      await outbound.close();
    }
  });

  it('names the proxy when it refuses the tunnel', async () => {
    proxy.refuseWith = 407;
    const outbound = dispatcher([pki.caPem]);
    const http = createHttpClient({ policy: new HostPolicy(), logger: memoryLogger(), dispatcher: outbound, maxRetries: 0 });
    try {
      const err = await failure(http.request({ url: `https://${HOST}:${targetPort}/api/v1/users/me`, purpose: 'okta' }));
      expect(err.code).toBe('NETWORK');
      expect(err.message).toContain(`Could not reach ${HOST}:${targetPort} through the proxy ${proxy.url}`);
      expect(err.message).toContain('407');
    } finally {
      proxy.refuseWith = undefined;
      await outbound.close();
    }
  });
});

describe('proxy credentials', () => {
  it('never shows the user:password of a proxy address in an error', async () => {
    const proxy = await startConnectProxy(1);
    proxy.refuseWith = 407;
    const withCredentials = proxy.url.replace('http://', 'http://jane:pr0xy-s3cret-pw@');
    const outbound = new OutboundDispatcher({ resolveProxy: envProxyResolver({ HTTPS_PROXY: withCredentials }), ca: trustedCertificates() });
    const http = createHttpClient({ policy: new HostPolicy(), logger: memoryLogger(), dispatcher: outbound, maxRetries: 0 });
    try {
      const err = await failure(http.request({ url: `https://${HOST}/api/v1/users/me`, purpose: 'okta' }));
      expect(err.message).toContain(`through the proxy ${proxy.url}`);
      expect(JSON.stringify({ message: err.message, hint: err.hint })).not.toContain('pr0xy-s3cret-pw');
    } finally {
      await outbound.close();
      await proxy.close();
    }
  });
});

describe('proxy settings', () => {
  it("reads Chromium's proxy answer (OS settings, PAC) as undici needs it", () => {
    expect(proxyFromPacResult('DIRECT')).toBeNull();
    expect(proxyFromPacResult('PROXY proxy.corp:8080; DIRECT')).toBe('http://proxy.corp:8080');
    expect(proxyFromPacResult('HTTPS secure.corp:443')).toBe('https://secure.corp:443');
    expect(proxyFromPacResult('SOCKS5 socks.corp:1080; PROXY backup.corp:3128')).toBe('http://backup.corp:3128');
  });

  it('honours HTTPS_PROXY and NO_PROXY in the browser host', async () => {
    const resolve = envProxyResolver({ https_proxy: 'proxy.corp:8080', NO_PROXY: '.internal.example, okta-emea.com' });
    expect(await resolve(new URL('https://acme.okta.com/'))).toBe('http://proxy.corp:8080');
    expect(await resolve(new URL('https://scim.internal.example/v2'))).toBeNull();
    expect(await resolve(new URL('https://acme.okta-emea.com/'))).toBeNull();
    expect(await envProxyResolver({})(new URL('https://acme.okta.com/'))).toBeNull();
  });
});

describe('a failure while choosing the route', () => {
  it('fails the request with it, instead of leaving it hanging (and no unhandled rejection)', async () => {
    const server = createHttpServer((_req, res) => res.end('ok'));
    const port = await listen(server);
    const dispatcher = new OutboundDispatcher({
      resolveProxy: envProxyResolver({}),
      ca: [],
      onRoute: () => {
        throw new Error('route listener failed');
      },
    });
    try {
      await expect(request(`http://127.0.0.1:${port}/`, { dispatcher })).rejects.toThrow('route listener failed');
      // A proxy address that is not a URL fails the request too.
      const badProxy = new OutboundDispatcher({ resolveProxy: async () => 'not a proxy uri', ca: [] });
      await expect(request('https://acme.okta.com/', { dispatcher: badProxy })).rejects.toThrow();
      await badProxy.close();
    } finally {
      await dispatcher.close();
      server.close();
    }
  });
});
