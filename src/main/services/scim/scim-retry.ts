import { defaultSleep, RETRY_STATUSES } from '../net/http-retry';
import { retryDelayFromHeaders } from '../net/rate-limits';
import type { ScimExchange, ScimHttpClient, ScimRequest } from './scim-http';

/** How the checker repeats a read that met a passing fault (a 429, a 5xx, a dropped connection). */
export interface ScimRetryPolicy {
  /** Retries after the first attempt. Default 2. */
  maxRetries: number;
  /** Base of the exponential backoff when the server names no wait. Default 500 ms. */
  baseMs: number;
  /** A Retry-After longer than this is not waited out: the check reports the 429/503 instead. Default 10 s. */
  maxWaitMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const defaultScimRetryPolicy: ScimRetryPolicy = { maxRetries: 2, baseMs: 500, maxWaitMs: 10_000, sleep: defaultSleep };

/** An exchange plus what the earlier attempts met, e.g. ['500', 'dropped connection']. */
export type RetriedExchange = ScimExchange & { retried?: string[] };

/** Why an attempt may be repeated, or undefined when its answer stands. */
function transientCause(ex: ScimExchange): string | undefined {
  if (ex.ok) return RETRY_STATUSES.has(ex.status) ? String(ex.status) : undefined;
  // A dropped connection is worth another try; a timeout or a refused connect would only repeat itself.
  return ex.kind === 'network' ? 'dropped connection' : undefined;
}

/**
 * Sends `req`, repeating it on a transient failure the way Okta's client does: only reads (GET
 * cannot create anything twice), Retry-After honoured up to a bound, otherwise exponential
 * backoff. The returned exchange is the last attempt, carrying the causes of the earlier ones.
 */
export async function sendWithRetries(
  http: ScimHttpClient,
  req: ScimRequest,
  signal: AbortSignal | undefined,
  policy: ScimRetryPolicy,
): Promise<RetriedExchange> {
  const retried: string[] = [];
  for (let attempt = 0; ; attempt++) {
    const ex: RetriedExchange = await http.send(req, signal);
    const cause = req.method === 'GET' ? transientCause(ex) : undefined;
    if (cause === undefined || attempt >= policy.maxRetries || signal?.aborted) {
      if (retried.length > 0) ex.retried = retried;
      return ex;
    }
    const hinted = ex.ok && ex.retryAfter ? retryDelayFromHeaders({ 'retry-after': ex.retryAfter }, Date.now()) : undefined;
    if (hinted !== undefined && hinted > policy.maxWaitMs) {
      if (retried.length > 0) ex.retried = retried;
      return ex;
    }
    try {
      await policy.sleep(hinted ?? policy.baseMs * 2 ** attempt, signal);
    } catch {
      if (retried.length > 0) ex.retried = retried;
      return ex; // cancelled while waiting: the last answer stands, and the run stops as cancelled
    }
    retried.push(cause);
  }
}

/** "after 1 retry (500)" for a check's result, or undefined when nothing was retried. */
export function describeRetries(exchanges: readonly RetriedExchange[]): string | undefined {
  const causes = exchanges.flatMap((e) => e.retried ?? []);
  if (causes.length === 0) return undefined;
  return `after ${causes.length} ${causes.length === 1 ? 'retry' : 'retries'} (${causes.join(', ')})`;
}
