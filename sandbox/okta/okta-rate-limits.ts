/**
 * Okta-style per-bucket rate limiting with fixed one-minute windows.
 *
 * Okta meters each endpoint family separately and reports the state of the bucket that served the
 * request in X-Rate-Limit-Limit / -Remaining / -Reset on every response. Clients are expected to
 * pace themselves from those headers, so the simulator must count honestly.
 */

export type RateBucket = 'apps' | 'appById' | 'users' | 'groups' | 'logs' | 'default';

/**
 * Defaults modelled on Okta's published org-wide limits for a standard org (per minute):
 * /api/v1/apps 100, /api/v1/apps/{id}/** 500, /api/v1/users 600, /api/v1/groups 500,
 * /api/v1/logs 120, anything else under /api/v1 1200.
 */
export const DEFAULT_RATE_LIMITS: Record<RateBucket, number> = {
  apps: 100,
  appById: 500,
  users: 600,
  groups: 500,
  logs: 120,
  default: 1200,
};

const WINDOW_MS = 60_000;

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly windows = new Map<RateBucket, { start: number; used: number }>();
  private readonly limits: Record<RateBucket, number>;

  constructor(overrides: Partial<Record<RateBucket, number>> = {}, private readonly now: () => number = Date.now) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  }

  /** Counts one request against the bucket and returns the headers to send. */
  take(bucket: RateBucket): RateDecision {
    const limit = this.limits[bucket];
    const t = this.now();
    let w = this.windows.get(bucket);
    if (!w || t >= w.start + WINDOW_MS) {
      w = { start: t, used: 0 };
      this.windows.set(bucket, w);
    }
    const reset = Math.ceil((w.start + WINDOW_MS) / 1000);
    if (w.used >= limit) {
      return { allowed: false, headers: headers(limit, 0, reset) };
    }
    w.used++;
    return { allowed: true, headers: headers(limit, limit - w.used, reset) };
  }

  /**
   * Headers for an injected 429 (faults.next429): the bucket looks exhausted and resets in a
   * second or two, so a well-behaved client waits briefly instead of a whole minute.
   */
  injected(bucket: RateBucket): Record<string, string> {
    return headers(this.limits[bucket], 0, Math.ceil(this.now() / 1000) + 2);
  }
}

function headers(limit: number, remaining: number, reset: number): Record<string, string> {
  return {
    'X-Rate-Limit-Limit': String(limit),
    'X-Rate-Limit-Remaining': String(remaining),
    'X-Rate-Limit-Reset': String(reset),
  };
}
