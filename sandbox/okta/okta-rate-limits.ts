/**
 * Okta-style rate limiting: per-bucket budgets with fixed windows, and an org-wide concurrency
 * limit.
 *
 * Okta meters each endpoint family separately and reports the state of the bucket that served the
 * request in X-Rate-Limit-Limit / -Remaining / -Reset on every response. Clients are expected to
 * pace themselves from those headers, so the simulator must count honestly.
 *
 * Buckets follow Okta's published management limits (developer.okta.com, "Management rate
 * limits", rl-global-mgmt; see ../shared/reference/okta-api.md): `/api/v1/apps` and everything
 * under `/api/v1/apps/{id}/` share ONE budget, while the bare `/api/v1/apps/{id}` has its own,
 * larger one; users, groups and their `{id}` forms are apart; `/api/v1/logs` is small.
 */

export type RateBucket = 'apps' | 'appById' | 'users' | 'userById' | 'groups' | 'groupById' | 'logs' | 'default';

/** Enterprise (a paid Workforce org) or a free developer org ("Integrator Free"). */
export type OrgType = 'enterprise' | 'developer';

export interface OrgLimits {
  /** Requests per window, per bucket. */
  buckets: Record<RateBucket, number>;
  /** Requests in flight at once, org-wide; over it Okta answers 429 with X-Rate-Limit-Limit: 0. */
  concurrency: number;
}

/** Per minute, from Okta's published table (the developer column is the free org's). */
export const ORG_LIMITS: Record<OrgType, OrgLimits> = {
  enterprise: {
    buckets: { apps: 100, appById: 500, users: 600, userById: 600, groups: 600, groupById: 600, logs: 50, default: 1200 },
    concurrency: 75,
  },
  developer: {
    buckets: { apps: 20, appById: 100, users: 100, userById: 100, groups: 100, groupById: 100, logs: 20, default: 100 },
    concurrency: 35,
  },
};

/** The bucket Okta counts a request path against. */
export function bucketOf(pathname: string): RateBucket {
  const s = pathname.split('/').filter(Boolean);
  if (s[0] !== 'api' || s[1] !== 'v1') return 'default';
  const [resource, id] = [s[2], s[3]];
  const deeper = s.length > 4;
  switch (resource) {
    case 'apps':
      // `/apps` and `/apps/{id}/*` share one budget; only the bare `/apps/{id}` is apart.
      return id && !deeper ? 'appById' : 'apps';
    case 'users':
      return id ? 'userById' : 'users';
    case 'groups':
      // Group rules are counted with the groups collection.
      return id && id !== 'rules' ? 'groupById' : 'groups';
    case 'logs':
      return 'logs';
    default:
      return 'default';
  }
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly windows = new Map<RateBucket, { start: number; used: number }>();
  private readonly limits: Record<RateBucket, number>;
  /** Requests refused because their bucket was spent. */
  refused = 0;

  constructor(
    limits: Record<RateBucket, number>,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...limits };
  }

  /** Counts one request against the bucket and returns the headers to send. */
  take(bucket: RateBucket): RateDecision {
    const limit = this.limits[bucket];
    const t = this.now();
    let w = this.windows.get(bucket);
    if (!w || t >= w.start + this.windowMs) {
      w = { start: t, used: 0 };
      this.windows.set(bucket, w);
    }
    const reset = Math.ceil((w.start + this.windowMs) / 1000);
    if (w.used >= limit) {
      this.refused++;
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

/**
 * Requests in flight, org-wide. Over the limit Okta answers 429 with X-Rate-Limit-Limit: 0 and
 * -Remaining: 0, and its -Reset is only a suggestion (here: the next second).
 */
export class ConcurrencyGate {
  private inFlight = 0;
  /** The most requests ever in flight at once, admitted or not (for tests and demos). */
  peak = 0;
  rejected = 0;
  /** Requests admitted so far (for request-count figures). */
  admitted = 0;

  constructor(
    readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Admits the request (call `release` when its answer is sent), or undefined with the 429 headers. */
  enter(): { release: () => void } | { rejectHeaders: Record<string, string> } {
    this.peak = Math.max(this.peak, this.inFlight + 1);
    if (this.inFlight >= this.limit) {
      this.rejected++;
      return { rejectHeaders: headers(0, 0, Math.ceil(this.now() / 1000) + 1) };
    }
    this.inFlight++;
    this.admitted++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlight--;
      },
    };
  }
}

function headers(limit: number, remaining: number, reset: number): Record<string, string> {
  return {
    'X-Rate-Limit-Limit': String(limit),
    'X-Rate-Limit-Remaining': String(remaining),
    'X-Rate-Limit-Reset': String(reset),
  };
}
