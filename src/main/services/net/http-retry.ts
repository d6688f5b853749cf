import { AppError } from '../../../shared/errors';
import type { HttpMethod } from './http-types';

const IDEMPOTENT_METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);
/** Statuses worth another attempt (if the method allows it; see shouldRetry). */
export const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Whether a failed attempt may be repeated. Idempotent methods always may. A POST (e.g.
 * POST /api/v1/apps) may only when the server provably did nothing: a 429 (refused before
 * processing) or a connection that never opened. A 500 or a dropped connection after sending
 * may have created the app already, and a second POST would create a duplicate.
 */
export function shouldRetry(method: HttpMethod, idempotent: boolean | undefined, cause: { status: number } | { notSent: boolean }): boolean {
  if ('status' in cause && cause.status === 429) return true;
  if ('notSent' in cause && cause.notSent) return true;
  return idempotent ?? IDEMPOTENT_METHODS.has(method);
}

/** Exponential with jitter: half fixed, half random, so parallel clients spread out. */
export function backoffDelay(attempt: number, baseMs: number, random: () => number): number {
  const d = Math.min(20_000, baseMs * 2 ** attempt);
  return Math.round(d / 2 + random() * (d / 2));
}

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

export function cancelled(): AppError {
  return new AppError('NETWORK', 'The request was cancelled.', { retryable: true });
}
