import { validationFailed } from './okta-errors';

/**
 * Cursor pagination the way Okta does it: `limit` + an opaque `after`, and `Link` headers with
 * rel="self" and (when more items exist) rel="next" carrying absolute URLs.
 *
 * Every collection is kept in creation order and every record carries a monotonically increasing
 * `seq`. The cursor encodes the last seq served, so items created while a client is paging land
 * after the cursor (served later, once) and deleted items never shift the window: each item is
 * served exactly once and the order is stable.
 */

export interface Sequenced {
  seq: number;
}

export interface LimitRule {
  /** Used when the client sends no limit. */
  def: number;
  min: number;
  max: number;
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page, or undefined on the last page. */
  next?: string;
}

export function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

export function decodeCursor(after: string | null): number | undefined {
  if (after === null || after === '') return undefined;
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const m = /^seq:(-?\d+)$/.exec(text);
  if (!m) throw validationFailed('after', 'after: The cursor is invalid or expired.');
  return Number(m[1]);
}

/** Okta clamps out-of-range limits instead of failing (limit=5000 on app users gives 500). */
export function parseLimit(raw: string | null, rule: LimitRule): number {
  if (raw === null || raw === '') return rule.def;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw validationFailed('limit', 'limit: The value must be an integer.');
  if (n < 0) return rule.def; // Okta treats -1 as "server default"
  return Math.min(rule.max, Math.max(rule.min, n));
}

/** Index of the first element with seq > after (binary search; arrays are sorted by seq). */
function firstAfter<T extends Sequenced>(sorted: readonly T[], after: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.seq <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One page of `sorted` (ascending seq) starting after the cursor, keeping only items that pass
 * `keep`. Scans lazily so a filtered page over 100k users stops as soon as it is full.
 */
export function pageAscending<T extends Sequenced>(
  sorted: readonly T[],
  after: number | undefined,
  limit: number,
  keep: (item: T) => boolean = () => true,
): Page<T> {
  return collectPage(sorted, after === undefined ? 0 : firstAfter(sorted, after), 1, limit, keep);
}

/** Same, newest first (System Log sortOrder=DESCENDING). The cursor then means "seq < after". */
export function pageDescending<T extends Sequenced>(
  sorted: readonly T[],
  after: number | undefined,
  limit: number,
  keep: (item: T) => boolean = () => true,
): Page<T> {
  return collectPage(sorted, after === undefined ? sorted.length - 1 : firstAfter(sorted, after - 1) - 1, -1, limit, keep);
}

/** Walks from `start` in `step` direction; the cursor of the next page is the last item's seq. */
function collectPage<T extends Sequenced>(sorted: readonly T[], start: number, step: 1 | -1, limit: number, keep: (item: T) => boolean): Page<T> {
  const items: T[] = [];
  if (limit <= 0) return { items };
  for (let i = start; i >= 0 && i < sorted.length; i += step) {
    const item = sorted[i]!;
    if (!keep(item)) continue;
    if (items.length === limit) return { items, next: encodeCursor(items[items.length - 1]!.seq) };
    items.push(item);
  }
  return { items };
}

/** Link header values: self is the request URL as received; next swaps in the new cursor. */
export function linkHeaders(requestUrl: URL, next: string | undefined): string[] {
  const links = [`<${requestUrl.toString()}>; rel="self"`];
  if (next !== undefined) {
    const nextUrl = new URL(requestUrl.toString());
    nextUrl.searchParams.set('after', next);
    links.push(`<${nextUrl.toString()}>; rel="next"`);
  }
  return links;
}
