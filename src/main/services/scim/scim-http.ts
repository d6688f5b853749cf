import { classifyNetworkError, type NetworkFailure, networkErrorDetail } from '../net/network-errors';
import { Agent, request, type Dispatcher } from 'undici';

export const SCIM_MEDIA_TYPE = 'application/scim+json';
/** Okta sends this on every provisioning call; some gateways route or allow-list on it. */
export const OKTA_USER_AGENT = 'Okta SCIM Client 1.0.0';

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Which credentials a request carries: the configured token, none, or a deliberately wrong one. */
export type ScimAuth = 'token' | 'none' | { wrongToken: string };

export interface ScimRequest {
  method: HttpMethod;
  /** Path and query relative to the base URL, e.g. `/Users?startIndex=1&count=1`. */
  path: string;
  body?: unknown;
  auth?: ScimAuth;
}

/** The request as shown to people: never headers, so never the token. */
export interface ShownRequest {
  method: string;
  url: string;
}

export type ScimTransportFailure =
  | 'timeout'
  | 'connect-timeout'
  | 'connect'
  | 'dns'
  | 'tls'
  | 'too-large'
  | 'aborted'
  | 'network';

export interface ScimHttpResponse {
  ok: true;
  request: ShownRequest;
  latencyMs: number;
  status: number;
  contentType: string;
  /** Location of a 3xx, kept so the hint can name where the server wanted to send us. */
  location: string | undefined;
  /** Retry-After of a 429/503, for the checker's retry. */
  retryAfter: string | undefined;
  text: string;
  /** Parsed body, or undefined when empty or not JSON (see jsonError). */
  json: unknown;
  jsonError: string | undefined;
}

export interface ScimHttpFailure {
  ok: false;
  request: ShownRequest;
  latencyMs: number;
  kind: ScimTransportFailure;
  message: string;
}

export type ScimExchange = ScimHttpResponse | ScimHttpFailure;

export interface ScimHttpOptions {
  baseUrl: string;
  token: string;
  connectMs?: number;
  totalMs?: number;
  maxBodyBytes?: number;
  /** Shared outbound dispatcher (proxy, OS roots); without one the client opens its own pool. */
  dispatcher?: Dispatcher;
}

/**
 * One SCIM endpoint, one connection pool, hostile-server limits on every request.
 * send() never throws: every way a request can go wrong comes back as a ScimHttpFailure, because
 * the checker must report a broken server, not crash on it.
 */
export class ScimHttpClient {
  readonly baseUrl: string;
  readonly connectMs: number;
  readonly totalMs: number;
  readonly maxBodyBytes: number;
  private readonly token: string;
  private readonly agent: Dispatcher;
  /** Only a pool this client opened is destroyed by close(); a shared dispatcher stays up. */
  private readonly ownsAgent: boolean;

  constructor(opts: ScimHttpOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.token = opts.token;
    this.connectMs = opts.connectMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.totalMs = opts.totalMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
    this.maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    // undici's request() never follows redirects, which is what we want: a 3xx is reported, and
    // the token can never be replayed to whatever host a Location header names.
    this.ownsAgent = !opts.dispatcher;
    this.agent = opts.dispatcher ?? new Agent({
      connect: { timeout: this.connectMs },
      headersTimeout: this.totalMs,
      bodyTimeout: this.totalMs,
      keepAliveTimeout: 4_000,
    });
  }

  urlFor(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  async send(req: ScimRequest, signal?: AbortSignal): Promise<ScimExchange> {
    const url = this.urlFor(req.path);
    const shown: ShownRequest = { method: req.method, url };
    const headers: Record<string, string> = {
      accept: SCIM_MEDIA_TYPE,
      'user-agent': OKTA_USER_AGENT,
    };
    const auth = req.auth ?? 'token';
    if (auth === 'token') headers.authorization = `Bearer ${this.token}`;
    else if (auth !== 'none') headers.authorization = `Bearer ${auth.wrongToken}`;
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = SCIM_MEDIA_TYPE;
    }

    // The total timeout covers connect + headers + the whole body, which undici's own
    // headers/body timeouts do not (a server dribbling one byte a second never trips them).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('total timeout'));
    }, this.totalMs);
    const onOuterAbort = () => controller.abort(new Error('cancelled'));
    if (signal?.aborted) onOuterAbort();
    else signal?.addEventListener('abort', onOuterAbort, { once: true });

    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const failure = (kind: ScimTransportFailure, message: string): ScimHttpFailure => ({
      ok: false,
      request: shown,
      latencyMs: elapsed(),
      kind,
      message,
    });

    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body,
        dispatcher: this.agent,
        signal: controller.signal,
      });
      const contentType = headerValue(res.headers['content-type']);
      const location = headerValue(res.headers['location']) || undefined;
      const retryAfter = headerValue(res.headers['retry-after']) || undefined;

      const declared = Number(headerValue(res.headers['content-length']));
      if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
        // Refuse before reading a byte; destroying the body closes the socket so the server stops.
        res.body.destroy();
        controller.abort(new Error('too large'));
        return failure('too-large', `Content-Length ${declared} exceeds the ${this.maxBodyBytes}-byte cap`);
      }

      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.maxBodyBytes) {
          res.body.destroy();
          controller.abort(new Error('too large'));
          return failure('too-large', `the body exceeded the ${this.maxBodyBytes}-byte cap`);
        }
        chunks.push(chunk);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      let jsonError: string | undefined;
      if (text.trim() !== '') {
        try {
          json = JSON.parse(text);
        } catch (err) {
          jsonError = err instanceof Error ? err.message : 'invalid JSON';
        }
      }
      return { ok: true, request: shown, latencyMs: elapsed(), status: res.statusCode, contentType, location, retryAfter, text, json, jsonError };
    } catch (err) {
      if (timedOut) return failure('timeout', `no complete answer within ${this.totalMs} ms`);
      if (signal?.aborted) return failure('aborted', 'cancelled');
      const { kind, message } = classifyError(err);
      return failure(kind, message);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  async close(): Promise<void> {
    // destroy, not close: a hostile server holding a socket open must not keep the run alive.
    if (this.ownsAgent) await this.agent.destroy().catch(() => undefined);
  }
}

function headerValue(v: string | string[] | undefined): string {
  if (Array.isArray(v)) return v[0] ?? '';
  return v ?? '';
}

const transportKinds: Record<NetworkFailure['kind'], ScimTransportFailure> = {
  refused: 'connect',
  unreachable: 'connect',
  'connect-timeout': 'connect-timeout',
  dns: 'dns',
  'dns-transient': 'dns',
  timeout: 'timeout',
  tls: 'tls',
  'too-large': 'too-large',
  reset: 'network',
  other: 'network',
};

/** Maps node/undici errors to a cause a person can act on (net/network-errors classifies). */
export function classifyError(err: unknown): { kind: ScimTransportFailure; message: string } {
  return { kind: transportKinds[classifyNetworkError(err).kind], message: networkErrorDetail(err) };
}
