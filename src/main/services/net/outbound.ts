import { readFileSync } from 'node:fs';
import tls, { type SecureContext } from 'node:tls';
import { Agent, Dispatcher, ProxyAgent } from 'undici';
import { isLoopbackHost } from './host-policy';

/** Where requests to a URL go: a proxy URI (http://host:port, https://host:port) or null for direct. */
export type ProxyResolver = (url: URL) => Promise<string | null>;

export interface OutboundOptions {
  resolveProxy: ProxyResolver;
  /** Trusted roots: bundled + OS store + extra (see trustedCertificates). */
  ca: string[];
  connectTimeoutMs?: number;
  timeoutMs?: number;
  /** How long a proxy decision per origin is reused. Default 5 minutes. */
  routeTtlMs?: number;
  /** Told each fresh decision, for the log: support needs to know which proxy was used. */
  onRoute?: (origin: string, proxy: string | null) => void;
}

/** The proxy a failed request went through, so the error can name it (see networkAppError). */
export function proxyOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const via = (e as { viaProxy?: unknown }).viaProxy;
    if (typeof via === 'string') return via;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The one dispatcher every outbound request of main goes through (Okta, ThreatLocker portal,
 * SCIM): per origin it asks the resolver for the proxy (the OS/PAC setting through Electron, or
 * HTTPS_PROXY/NO_PROXY in the browser host), tunnels through it with CONNECT, and verifies
 * servers against the bundled roots plus the OS certificate stores, so TLS-inspecting proxies
 * whose root IT installed in the OS work. Loopback (the sandbox) is always direct.
 */
export class OutboundDispatcher extends Dispatcher {
  private readonly secureContext: SecureContext;
  private readonly direct: Agent;
  private readonly viaProxy = new Map<string, ProxyAgent>();
  private readonly routes = new Map<string, { proxy: string | null; until: number }>();

  constructor(private readonly opts: OutboundOptions) {
    super();
    this.secureContext = tls.createSecureContext({ ca: opts.ca });
    this.direct = new Agent({ ...this.timeouts(), connect: { timeout: opts.connectTimeoutMs ?? 10_000, secureContext: this.secureContext } });
  }

  /** The proxy (or null) requests to this origin use now; resolved once per origin and TTL. */
  async routeFor(origin: string): Promise<string | null> {
    const cached = this.routes.get(origin);
    if (cached && cached.until > Date.now()) return cached.proxy;
    const url = new URL(origin);
    const proxy = isLoopbackHost(url.hostname) ? null : await this.opts.resolveProxy(url).catch(() => null);
    const previous = this.routes.get(origin);
    this.routes.set(origin, { proxy, until: Date.now() + (this.opts.routeTtlMs ?? 300_000) });
    if (!previous || previous.proxy !== proxy) this.opts.onRoute?.(origin, proxy);
    return proxy;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const origin = String(options.origin);
    // Every failure on the way (the route, a bad proxy URI, the dispatch itself) fails this
    // request: none may become an unhandled rejection or a request that never settles.
    void this.routeFor(origin)
      .then((proxy) => {
        const routed = proxy ? namingProxy(handler, proxy) : handler;
        try {
          (proxy ? this.proxyAgent(proxy) : this.direct).dispatch(options, routed);
        } catch (error) {
          failHandler(routed, error);
        }
      })
      .catch((error: unknown) => failHandler(handler, error));
    return true;
  }

  /** Closes every pool; a second call (or one after destroy) is a no-op. */
  override async close(): Promise<void> {
    await Promise.all([this.direct, ...this.viaProxy.values()].map((a) => a.close().catch(() => undefined)));
  }

  override async destroy(): Promise<void> {
    await Promise.all([this.direct, ...this.viaProxy.values()].map((a) => a.destroy().catch(() => undefined)));
  }

  private proxyAgent(uri: string): ProxyAgent {
    let agent = this.viaProxy.get(uri);
    if (!agent) {
      const connectTimeout = this.opts.connectTimeoutMs ?? 10_000;
      agent = new ProxyAgent({
        uri,
        ...this.timeouts(),
        connect: { timeout: connectTimeout },
        proxyTls: { secureContext: this.secureContext, timeout: connectTimeout },
        requestTls: { secureContext: this.secureContext, timeout: connectTimeout },
      });
      this.viaProxy.set(uri, agent);
    }
    return agent;
  }

  private timeouts() {
    const t = this.opts.timeoutMs ?? 30_000;
    return { headersTimeout: t, bodyTimeout: t };
  }
}

/** Marks errors of a proxied request with the proxy, forwarding everything else untouched. */
function namingProxy(handler: Dispatcher.DispatchHandler, proxy: string): Dispatcher.DispatchHandler {
  const mark = (err: unknown) => {
    if (err && typeof err === 'object') (err as { viaProxy?: string }).viaProxy = redactProxyCredentials(proxy);
    return err;
  };
  return new Proxy(handler, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key === 'onError') return (err: Error) => (value as (e: Error) => void).call(target, mark(err) as Error);
      if (key === 'onResponseError') return (c: unknown, err: Error) => (value as (c: unknown, e: Error) => void).call(target, c, mark(err) as Error);
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

function failHandler(handler: Dispatcher.DispatchHandler, error: unknown): void {
  const h = handler as { onError?: (e: unknown) => void; onResponseError?: (c: unknown, e: unknown) => void };
  if (h.onResponseError) h.onResponseError(null, error);
  else h.onError?.(error);
}

/** A proxy URI may carry user:password; only host and port are ever shown. */
export function redactProxyCredentials(uri: string): string {
  try {
    const u = new URL(uri);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'the configured proxy';
  }
}

/**
 * Chromium's proxy answer for a URL ("PROXY host:port; DIRECT", "HTTPS host:port", "DIRECT")
 * as a URI for undici. SOCKS is not supported by undici's proxy agent: it falls to the next entry.
 */
export function proxyFromPacResult(result: string): string | null {
  for (const entry of result.split(';')) {
    const [kind = '', hostPort] = entry.trim().split(/\s+/);
    const type = kind.toUpperCase();
    if (type === 'DIRECT') return null;
    if ((type === 'PROXY' || type === 'HTTP') && hostPort) return `http://${hostPort}`;
    if (type === 'HTTPS' && hostPort) return `https://${hostPort}`;
  }
  return null;
}

/** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as curl and most tools read them (the browser host). */
export function envProxyResolver(env: NodeJS.ProcessEnv = process.env): ProxyResolver {
  const pick = (name: string) => env[name.toLowerCase()] ?? env[name.toUpperCase()];
  const noProxy = (pick('no_proxy') ?? '')
    .split(/[\s,]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  const bypassed = (url: URL) =>
    noProxy.some((entry) => {
      if (entry === '*') return true;
      const [host = '', port] = entry.replace(/^\*?\./, '.').split(':');
      if (port && port !== (url.port || (url.protocol === 'https:' ? '443' : '80'))) return false;
      const name = url.hostname.toLowerCase();
      return host.startsWith('.') ? name.endsWith(host) || name === host.slice(1) : name === host || name.endsWith(`.${host}`);
    });
  return async (url) => {
    if (bypassed(url)) return null;
    const proxy = url.protocol === 'https:' ? (pick('https_proxy') ?? pick('http_proxy')) : pick('http_proxy');
    return proxy ? (/^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`) : null;
  };
}

type CaKind = 'default' | 'system' | 'bundled' | 'extra';

/**
 * Roots to trust: Node's bundled roots, the OS store (Windows certificate store, macOS keychain;
 * Node >= 22.15, which Electron 45 ships), NODE_EXTRA_CA_CERTS, and any extra PEM given.
 */
export function trustedCertificates(extraPem: string[] = []): string[] {
  const getCACertificates = (tls as { getCACertificates?: (kind: CaKind) => string[] }).getCACertificates;
  const roots = new Set<string>(getCACertificates ? getCACertificates('default') : tls.rootCertificates);
  if (getCACertificates) {
    try {
      for (const pem of getCACertificates('system')) roots.add(pem);
    } catch {
      // No readable OS store: the bundled roots still apply.
    }
  } else if (process.env.NODE_EXTRA_CA_CERTS) {
    try {
      roots.add(readFileSync(process.env.NODE_EXTRA_CA_CERTS, 'utf8'));
    } catch {
      // Node itself warns about an unreadable NODE_EXTRA_CA_CERTS at startup.
    }
  }
  for (const pem of extraPem) roots.add(pem);
  return [...roots];
}
