/**
 * Reading rate-limit headers and pacing from them. Okta sends X-Rate-Limit-Limit / -Remaining /
 * -Reset (epoch seconds) on every answer, per endpoint bucket; the quota is shared with every
 * other integration of the org, so the governor stops short of the ceiling instead of waiting
 * for 429s.
 */

export type HeaderBag = Record<string, string | undefined>;

/**
 * Milliseconds from "now" until the server's epoch-seconds `reset`. Measured against the
 * server's own Date header when present, so a skewed local clock does not stretch or shrink
 * the wait; Date has one-second resolution, which only ever errs towards waiting longer.
 */
export function msUntilReset(reset: number, headers: HeaderBag, now: number): number {
  const serverDate = headers['date'] ? Date.parse(headers['date']) : NaN;
  const reference = Number.isFinite(serverDate) ? serverDate : now;
  return Math.max(0, reset * 1000 - reference);
}

/** Retry-After as seconds or an HTTP date; X-Rate-Limit-Reset as epoch seconds. Undefined if neither. */
export function retryDelayFromHeaders(headers: HeaderBag, now: number): number | undefined {
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) {
      const serverDate = headers['date'] ? Date.parse(headers['date']) : NaN;
      return Math.max(0, at - (Number.isFinite(serverDate) ? serverDate : now));
    }
  }
  const reset = Number(headers['x-rate-limit-reset']);
  if (headers['x-rate-limit-reset'] && Number.isFinite(reset) && reset > 0) return msUntilReset(reset, headers, now);
  return undefined;
}

/**
 * Rate-limit bucket of a URL, as Okta counts it (published management limits): `/api/v1/apps`
 * and everything under `/api/v1/apps/{id}/` share ONE small budget, while the bare
 * `/api/v1/apps/{id}` has its own larger one; elsewhere a collection (`/api/v1/users`) is apart
 * from its members (`/api/v1/users/{id}` and what is under it), and group rules count with
 * `/api/v1/groups`. Keys that mix buckets would let one answer's headers overwrite another's.
 * Elsewhere (ThreatLocker's /portalapi/<Area>/<Action>) the first two path segments.
 */
export function bucketKey(url: URL): string {
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments[0] === 'api' && segments[1] === 'v1' && segments[2]) {
    const [resource, id] = [segments[2], segments[3]];
    if (!id) return resource;
    if (resource === 'apps') return segments.length > 4 ? 'apps' : 'apps/{id}';
    if (resource === 'groups' && id === 'rules') return 'groups';
    return `${resource}/*`;
  }
  return segments.slice(0, 2).join('/').toLowerCase();
}

interface BucketState {
  limit: number;
  remaining: number;
  /** Local clock time (ms) at which the window resets. */
  resetAt: number;
}

export interface GovernorOptions {
  now: () => number;
  /** Pause when fewer than this fraction of the limit remains. */
  reserveFraction?: number;
  /** ... or when fewer than this many requests remain. */
  reserveMin?: number;
  /** Never wait longer than this for a window, so a bogus reset cannot hang the app. */
  maxWaitMs?: number;
}

export class RateGovernor {
  private readonly buckets = new Map<string, BucketState>();
  private readonly now: () => number;
  private readonly reserveFraction: number;
  private readonly reserveMin: number;
  private readonly maxWaitMs: number;

  constructor(opts: GovernorOptions) {
    this.now = opts.now;
    this.reserveFraction = opts.reserveFraction ?? 0.1;
    this.reserveMin = opts.reserveMin ?? 2;
    this.maxWaitMs = opts.maxWaitMs ?? 65_000;
  }

  /**
   * How long to wait before sending to `key`, and counts the request against the local copy of
   * the budget, so concurrent callers do not all spend the same remaining slot.
   */
  reserve(key: string): number {
    const state = this.buckets.get(key);
    if (!state) return 0;
    const now = this.now();
    if (now >= state.resetAt) {
      // The window has rolled over; the next answer's headers will say what is left.
      this.buckets.delete(key);
      return 0;
    }
    const low = state.remaining < this.reserveMin || state.remaining < state.limit * this.reserveFraction;
    // Every caller waits for the same reset; once it passes the entry is dropped (above).
    if (low) return Math.min(this.maxWaitMs, state.resetAt - now);
    state.remaining -= 1;
    return 0;
  }

  /** Records what the server said about the bucket. Answers without the headers change nothing. */
  observe(key: string, headers: HeaderBag, status: number): void {
    const limit = Number(headers['x-rate-limit-limit']);
    const remaining = Number(headers['x-rate-limit-remaining']);
    const reset = Number(headers['x-rate-limit-reset']);
    const now = this.now();
    if (status === 429 && headers['x-rate-limit-limit'] === '0') {
      // Okta's concurrency limit, not this bucket: the budget is intact, only too many were in flight.
      return;
    }
    if (status === 429) {
      // Whatever the other headers say, the window is spent until it resets.
      const wait = retryDelayFromHeaders(headers, now);
      if (wait !== undefined) {
        this.buckets.set(key, { limit: Number.isFinite(limit) && limit > 0 ? limit : 1, remaining: 0, resetAt: now + wait });
      }
      return;
    }
    if (!headers['x-rate-limit-remaining'] || !Number.isFinite(remaining) || !Number.isFinite(reset) || reset <= 0) return;
    this.buckets.set(key, {
      limit: Number.isFinite(limit) && limit > 0 ? limit : remaining,
      remaining,
      resetAt: now + msUntilReset(reset, headers, now),
    });
  }
}
