import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../log/logger';
import { Redactor } from '../log/redactor';
import { withCallSignal } from './call-scope';
import { type HostPolicyConfig, checkUrl, type UrlPurpose } from './host-policy';
import { httpErrorFor, serviceNames } from './http-errors';
import { nextLink } from './link-header';
import { classifyNetworkError, networkAppError } from './network-errors';
import { ConcurrencyLimiter } from './concurrency-limit';
import { bucketKey, RateGovernor, retryDelayFromHeaders } from './rate-limits';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequestOptions {
  method?: HttpMethod;
  url: string | URL;
  purpose: UrlPurpose;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is (set content-type in headers). */
  body?: string | Uint8Array;
  /** Default application/json. Anything else returns the body as a string. */
  accept?: string;
  /** Validates the parsed JSON; unknown fields follow the schema (strip or passthrough). */
  schema?: z.ZodType;
  /**
   * Marks a POST/PATCH as safe to repeat (a read over POST, a partial update that sets values).
   * Only then are 5xx and dropped connections retried for it; see shouldRetry.
   */
  idempotent?: boolean;
  /** Overrides the rate-limit bucket derived from the path. */
  bucket?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HttpResponse<T> {
  status: number;
  /** Lower-case names; repeated headers joined with ", " (valid for Link). */
  headers: Record<string, string>;
  data: T;
  /** Where the answer finally came from, after redirects. */
  url: string;
}

export interface PaginateOptions<S extends z.ZodType> {
  url: string | URL;
  purpose: UrlPurpose;
  /** Schema of one item; a page is a JSON array of them. */
  schema: S;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Stop at the first empty page even if it carries a next link: Okta's System Log in
   * ascending order always links to a next page (it is a polling cursor).
   */
  stopOnEmptyPage?: boolean;
  /** Safety stop against a server that links in a loop. */
  maxPages?: number;
}

export interface HttpClient {
  request<S extends z.ZodType>(opts: HttpRequestOptions & { schema: S }): Promise<HttpResponse<z.output<S>>>;
  request<T = unknown>(opts: HttpRequestOptions): Promise<HttpResponse<T>>;
  paginate<S extends z.ZodType>(opts: PaginateOptions<S>): AsyncGenerator<z.output<S>, void, undefined>;
  /** Closes the connection pool the client created (not a dispatcher passed in). */
  close(): Promise<void>;
}

export interface HttpClientOptions {
  policy: HostPolicyConfig;
  logger: Logger;
  /** Whole request (connect, headers, body) per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Default 10 s. Only applies to the pool the client creates. */
  connectTimeoutMs?: number;
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  /** A 429 asking to wait longer than this fails at once instead. Default 120 s. */
  maxRetryWaitMs?: number;
  /** Requests in flight at once per origin (Okta limits them org-wide); default 8. */
  maxInFlightPerOrigin?: number;
  /** Responses larger than this fail with BAD_RESPONSE. Default 20 MB. */
  maxBodyBytes?: number;
  /** Base of the exponential backoff. Default 500 ms. */
  backoffBaseMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  dispatcher?: Dispatcher;
  /** Governor tuning; see RateGovernor. */
  governor?: { reserveFraction?: number; reserveMin?: number; maxWaitMs?: number };
}

const IDEMPOTENT_METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const USER_AGENT = 'threatlocker-okta-console/0.1';
/** Header names that carry credentials and must not follow a redirect to another origin. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|token|api-?key|secret|session/i;

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled(): AppError {
  return new AppError('NETWORK', 'The request was cancelled.', { retryable: true });
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  url: URL;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const logger = options.logger;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const maxRetries = options.maxRetries ?? 4;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 120_000;
  const maxBodyBytes = options.maxBodyBytes ?? 20 * 1024 * 1024;
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const ownAgent = options.dispatcher
    ? undefined
    : new Agent({ connect: { timeout: connectTimeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const dispatcher: Dispatcher = options.dispatcher ?? ownAgent!;
  const governor = new RateGovernor({ now, ...options.governor });
  const inFlight = new ConcurrencyLimiter(options.maxInFlightPerOrigin ?? 8);

  /** Exponential with jitter: half fixed, half random, so parallel clients spread out. */
  const backoff = (attempt: number) => {
    const d = Math.min(20_000, backoffBaseMs * 2 ** attempt);
    return Math.round(d / 2 + random() * (d / 2));
  };

  async function sendWithRedirects(
    method: HttpMethod,
    start: URL,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
    purpose: UrlPurpose,
    signal: AbortSignal,
  ): Promise<RawResponse> {
    let url = start;
    let currentMethod = method;
    let currentBody = body;
    let currentHeaders = { ...headers };
    for (let hop = 0; ; hop++) {
      const res = await undiciRequest(url, {
        method: currentMethod,
        headers: currentHeaders,
        body: currentBody ?? null,
        signal,
        dispatcher,
      });
      const resHeaders = flattenHeaders(res.headers);
      if (REDIRECT_STATUSES.has(res.statusCode) && resHeaders['location']) {
        await res.body.dump().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) {
          throw new AppError('BAD_RESPONSE', `${serviceNames[purpose]} redirected ${method} ${start.pathname} more than ${MAX_REDIRECTS} times.`, {
            hint: 'The address may be wrong; check it in the profile.',
          });
        }
        let target: URL;
        try {
          target = new URL(resHeaders['location'], url);
        } catch {
          throw new AppError('BAD_RESPONSE', `${serviceNames[purpose]} redirected to an invalid address.`);
        }
        // Every hop must itself be allowed: a redirect must not walk us off the allowlist.
        checkUrl(options.policy, target, purpose);
        if (target.origin !== url.origin) {
          // The token was issued for the first origin; another origin never sees it.
          currentHeaders = Object.fromEntries(Object.entries(currentHeaders).filter(([k]) => !CREDENTIAL_HEADER.test(k)));
        }
        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && currentMethod === 'POST')) {
          currentMethod = 'GET';
          currentBody = undefined;
          delete currentHeaders['content-type'];
        }
        logger.info(`net:${purpose}`, `${method} ${url.href} -> ${res.statusCode} redirect to ${target.href}`);
        url = target;
        continue;
      }
      const declared = Number(resHeaders['content-length']);
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        discard(res.body);
        throw tooLarge(purpose, method, url);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        size += buf.length;
        if (size > maxBodyBytes) {
          discard(res.body);
          throw tooLarge(purpose, method, url);
        }
        chunks.push(buf);
      }
      return { status: res.statusCode, headers: resHeaders, body: Buffer.concat(chunks), url };
    }
  }

  function tooLarge(purpose: UrlPurpose, method: string, url: URL): AppError {
    return new AppError(
      'BAD_RESPONSE',
      `${serviceNames[purpose]} sent more than ${Math.round(maxBodyBytes / 1024 / 1024)} MB for ${method} ${url.pathname}.`,
      { hint: 'Narrow the request (filter or smaller pages); a proxy may also be answering instead of the service.' },
    );
  }

  /**
   * Whether a failed attempt may be repeated. Idempotent methods always may. A POST (e.g.
   * POST /api/v1/apps) may only when the server provably did nothing: a 429 (refused before
   * processing) or a connection that never opened. A 500 or a dropped connection after sending
   * may have created the app already, and a second POST would create a duplicate.
   */
  function shouldRetry(method: HttpMethod, idempotent: boolean | undefined, cause: { status: number } | { notSent: boolean }): boolean {
    if ('status' in cause && cause.status === 429) return true;
    if ('notSent' in cause && cause.notSent) return true;
    return idempotent ?? IDEMPOTENT_METHODS.has(method);
  }

  async function request(callerOpts: HttpRequestOptions): Promise<HttpResponse<unknown>> {
    // The IPC call's signal too: its timeout stops this request and its retries.
    const opts = { ...callerOpts, signal: withCallSignal(callerOpts.signal) };
    const method = opts.method ?? 'GET';
    const purpose = opts.purpose;
    const url = checkUrl(options.policy, opts.url, purpose);
    const service = serviceNames[purpose];
    const accept = opts.accept ?? 'application/json';
    const headers: Record<string, string> = { accept, 'user-agent': USER_AGENT };
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
    let body: string | Uint8Array | undefined = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    const scrub = scrubberFor(headers);
    const key = `${url.origin} ${opts.bucket ?? bucketKey(url)}`;
    const perAttemptTimeout = opts.timeoutMs ?? timeoutMs;

    for (let attempt = 0; ; attempt++) {
      const pace = governor.reserve(key);
      if (pace > 0) {
        logger.info(`net:${purpose}`, `pacing ${method} ${url.href}: waiting ${pace} ms for the rate-limit window to reset`);
        await sleep(pace, opts.signal);
      }
      if (opts.signal?.aborted) throw cancelled();

      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, perAttemptTimeout);
      const onCallerAbort = () => controller.abort();
      opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
      const started = now();
      let raw: RawResponse;
      try {
        raw = await inFlight.run(url.origin, () => sendWithRedirects(method, url, headers, body, purpose, controller.signal));
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (opts.signal?.aborted) throw cancelled();
        const failure = timedOut ? { kind: 'timeout' as const, notSent: false, transient: true } : classifyNetworkError(err);
        const latency = now() - started;
        const retry = failure.transient && attempt < maxRetries && shouldRetry(method, opts.idempotent, failure);
        logger.warn(`net:${purpose}`, `${method} ${url.href} failed (${failure.kind}) after ${latency} ms${retry ? `; retry ${attempt + 1}/${maxRetries}` : ''}`);
        if (retry) {
          await sleep(backoff(attempt), opts.signal);
          continue;
        }
        throw networkAppError(failure, url.host, service, err, attempt > 0);
      } finally {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onCallerAbort);
      }

      const latency = now() - started;
      governor.observe(key, raw.headers, raw.status);

      if (raw.status >= 200 && raw.status < 300) {
        logger.info(`net:${purpose}`, `${method} ${url.href} -> ${raw.status} ${latency} ms`);
        return { status: raw.status, headers: raw.headers, data: decode(raw, accept, opts.schema, service, method), url: raw.url.href };
      }

      if (RETRY_STATUSES.has(raw.status) && attempt < maxRetries && shouldRetry(method, opts.idempotent, { status: raw.status })) {
        const hinted = raw.status === 429 || raw.status === 503 ? retryDelayFromHeaders(raw.headers, now()) : undefined;
        if (hinted !== undefined && hinted > maxRetryWaitMs) {
          logger.warn(`net:${purpose}`, `${method} ${url.href} -> ${raw.status} ${latency} ms; asked to wait ${hinted} ms, giving up`);
          throw httpErrorFor({ status: raw.status, method, url: raw.url, purpose, body: raw.body.toString('utf8'), contentType: raw.headers['content-type'], scrub });
        }
        // A small margin past the reset: the header has one-second resolution.
        const wait = hinted !== undefined ? hinted + 250 + Math.round(random() * 250) : backoff(attempt);
        logger.warn(`net:${purpose}`, `${method} ${url.href} -> ${raw.status} ${latency} ms; retry ${attempt + 1}/${maxRetries} in ${wait} ms`);
        await sleep(wait, opts.signal);
        continue;
      }

      logger.warn(`net:${purpose}`, `${method} ${url.href} -> ${raw.status} ${latency} ms`);
      throw httpErrorFor({
        status: raw.status,
        method,
        url: raw.url,
        purpose,
        body: raw.body.toString('utf8'),
        contentType: raw.headers['content-type'],
        scrub,
      });
    }
  }

  async function* paginate<S extends z.ZodType>(opts: PaginateOptions<S>): AsyncGenerator<z.output<S>, void, undefined> {
    const first = checkUrl(options.policy, opts.url, opts.purpose);
    const maxPages = opts.maxPages ?? 10_000;
    const seen = new Set<string>();
    const pageSchema = z.array(z.unknown());
    let next: URL | undefined = first;
    for (let page = 0; next; page++) {
      if (page >= maxPages || seen.has(next.href)) {
        throw new AppError('BAD_RESPONSE', `${serviceNames[opts.purpose]} kept linking to more pages of ${first.pathname}.`, {
          hint: 'Narrow the request with a filter, or report this to the service.',
        });
      }
      seen.add(next.href);
      const req: HttpRequestOptions = { url: next, purpose: opts.purpose, schema: pageSchema };
      if (opts.headers) req.headers = opts.headers;
      if (opts.signal) req.signal = opts.signal;
      const res = (await request(req)) as HttpResponse<unknown[]>;
      for (let i = 0; i < res.data.length; i++) {
        const parsed = opts.schema.safeParse(res.data[i]);
        if (!parsed.success) {
          throw badShape(serviceNames[opts.purpose], 'GET', next, parsed.error, `item ${i + 1} of page ${page + 1}`);
        }
        yield parsed.data as z.output<S>;
      }
      if (opts.stopOnEmptyPage && res.data.length === 0) return;
      const link = nextLink(res.headers['link'], res.url);
      // A next link on another origin would carry our token there; the API never does that.
      if (link && link.origin !== first.origin) {
        throw new AppError('BAD_RESPONSE', `${serviceNames[opts.purpose]} linked the next page to another host (${link.host}).`, {
          hint: 'The next page was not fetched so the token stays with the original host.',
        });
      }
      next = link;
    }
  }

  return {
    request: request as HttpClient['request'],
    paginate,
    close: async () => {
      await ownAgent?.close();
    },
  };
}

/** Stops reading a body we refuse; the error a destroyed stream emits has no one to hear it. */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => undefined);
  body.destroy();
}

function decode(raw: RawResponse, accept: string, schema: z.ZodType | undefined, service: string, method: string): unknown {
  const text = raw.body.toString('utf8');
  if (!/json/i.test(accept)) {
    if (schema) return validate(text, schema, service, method, raw.url);
    return text;
  }
  if (raw.status === 204 || text.trim() === '') {
    if (schema) return validate(undefined, schema, service, method, raw.url);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const type = raw.headers['content-type']?.split(';')[0] ?? 'unknown type';
    throw new AppError('BAD_RESPONSE', `${service} answered ${method} ${raw.url.pathname} with something that is not JSON (${type}).`, {
      hint: 'A proxy or captive portal may be answering instead of the service; retry, or check the address.',
      retryable: true,
    });
  }
  return schema ? validate(json, schema, service, method, raw.url) : json;
}

function validate(value: unknown, schema: z.ZodType, service: string, method: string, url: URL): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw badShape(service, method, url, parsed.error);
}

function badShape(service: string, method: string, url: URL, error: z.ZodError, where?: string): AppError {
  const issue = error.issues[0];
  const path = issue ? formatPath(issue.path) : '';
  const field = path ? `field "${path}"` : 'the answer';
  const prefix = where ? `${where}, ` : '';
  return new AppError(
    'BAD_RESPONSE',
    `${service} sent an unexpected answer to ${method} ${url.pathname}: ${prefix}${field}: ${issue?.message ?? 'invalid'}.`,
    { hint: 'The service may have changed its API; report this with the log file.' },
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * Redacts this request's own credential values from text built from the answer, in case the
 * remote echoes them (some APIs repeat the token in "invalid token ..." messages).
 */
function scrubberFor(headers: Record<string, string>): (text: string) => string {
  const secrets: string[] = [];
  for (const [k, v] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADER.test(k) || !v) continue;
    secrets.push(v);
    const parts = v.split(/\s+/);
    if (parts.length > 1) secrets.push(parts.slice(1).join(' '));
  }
  const redactor = new Redactor(secrets);
  return (text) => redactor.redact(text);
}
