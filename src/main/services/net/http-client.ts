import { Agent, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { withCallSignal } from './call-scope';
import { ConcurrencyLimiter } from './concurrency-limit';
import { checkUrl } from './host-policy';
import { scrubberFor } from './http-credentials';
import { decode, type RawResponse } from './http-decode';
import { httpErrorFor, serviceNames } from './http-errors';
import { paginate } from './http-paginate';
import { sendWithRedirects, type SendDeps } from './http-redirects';
import { backoffDelay, cancelled, defaultSleep, RETRY_STATUSES, shouldRetry } from './http-retry';
import type { HttpClient, HttpClientOptions, HttpRequestOptions, HttpResponse, PaginateOptions } from './http-types';
import { classifyNetworkError, networkAppError } from './network-errors';
import { bucketKey, RateGovernor, retryDelayFromHeaders } from './rate-limits';

export type { HttpClient, HttpClientOptions, HttpMethod, HttpRequestOptions, HttpResponse, PaginateOptions } from './http-types';

const USER_AGENT = 'threatlocker-okta-console/0.1';

/**
 * The HTTP client every service uses. A request passes these stages, each in its own file:
 * allowlist (host-policy), pacing (rate-limits + concurrency-limit), one attempt with its
 * redirects and size cap (http-redirects), retries (http-retry), decoding (http-decode);
 * errors are worded by http-errors and network-errors, pages followed by http-paginate.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const logger = options.logger;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const maxRetries = options.maxRetries ?? 4;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 120_000;
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
  const sendDeps: SendDeps = { dispatcher, policy: options.policy, logger, maxBodyBytes: options.maxBodyBytes ?? 20 * 1024 * 1024 };

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
        raw = await inFlight.run(url.origin, () => sendWithRedirects(sendDeps, { method, url, headers, body, purpose, signal: controller.signal }));
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (opts.signal?.aborted) throw cancelled();
        const failure = timedOut ? { kind: 'timeout' as const, notSent: false, transient: true } : classifyNetworkError(err);
        const latency = now() - started;
        const retry = failure.transient && attempt < maxRetries && shouldRetry(method, opts.idempotent, failure);
        logger.warn(`net:${purpose}`, `${method} ${url.href} failed (${failure.kind}) after ${latency} ms${retry ? `; retry ${attempt + 1}/${maxRetries}` : ''}`);
        if (retry) {
          await sleep(backoffDelay(attempt, backoffBaseMs, random), opts.signal);
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
        const wait = hinted !== undefined ? hinted + 250 + Math.round(random() * 250) : backoffDelay(attempt, backoffBaseMs, random);
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

  return {
    request: request as HttpClient['request'],
    paginate: <S extends z.ZodType>(opts: PaginateOptions<S>) => paginate(options.policy, request, opts),
    close: async () => {
      await ownAgent?.close();
    },
  };
}
