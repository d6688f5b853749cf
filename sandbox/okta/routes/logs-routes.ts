import { validationFailed } from '../okta-errors';
import { matchFilter, parseFilter, readPath } from '../okta-filter';
import type { RouteSpec } from '../okta-http';
import { decodeCursor, pageAscending, pageDescending, parseLimit } from '../okta-pagination';
import type { LogEventRecord } from '../okta-store';
import { pageResult, type RouteDeps } from './route-deps';

const DAY = 86_400_000;

function parseTime(raw: string | null, name: string): number | undefined {
  if (raw === null || raw === '') return undefined;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw validationFailed(name, `${name}: Invalid ISO 8601 date-time: ${raw}`);
  return t;
}

/**
 * System Log (listLogEvents). Deviation: Okta always returns a rel="next" link on the logs
 * endpoint in polling mode (no `until`); the simulator only returns one when more events exist,
 * so a client that follows next links to the end terminates.
 */
export function logsRoutes({ store }: RouteDeps): RouteSpec[] {
  return [
    {
      method: 'GET', path: '/api/v1/logs', access: 'read',
      handler: (ctx) => {
        const until = parseTime(ctx.query.get('until'), 'until') ?? Date.now() + 1000;
        const since = parseTime(ctx.query.get('since'), 'since') ?? until - 7 * DAY;
        const limit = parseLimit(ctx.query.get('limit'), { def: 100, min: 0, max: 1000 });
        const sortOrder = (ctx.query.get('sortOrder') ?? 'ASCENDING').toUpperCase();
        if (sortOrder !== 'ASCENDING' && sortOrder !== 'DESCENDING') throw validationFailed('sortOrder', 'sortOrder: Must be ASCENDING or DESCENDING');
        const filterText = ctx.query.get('filter');
        // "All operators except [ ] are supported" for the System Log filter.
        const filter = filterText ? parseFilter(filterText, () => undefined, true) : undefined;
        const keywords = (ctx.query.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        if (keywords.length > 10 || keywords.some((k) => k.length > 40)) {
          throw validationFailed('q', 'q: At most 10 keywords of at most 40 characters each');
        }
        const keep = (rec: LogEventRecord) => {
          const t = Date.parse(rec.published);
          if (t < since || t >= until) return false;
          if (filter && !matchFilter(filter, (attr) => readPath(rec.event, attr))) return false;
          if (keywords.length > 0) {
            const haystack = JSON.stringify(rec.event).toLowerCase();
            if (!keywords.every((k) => haystack.includes(k))) return false;
          }
          return true;
        };
        const after = decodeCursor(ctx.query.get('after'));
        const page = sortOrder === 'ASCENDING' ? pageAscending(store.logs, after, limit, keep) : pageDescending(store.logs, after, limit, keep);
        return pageResult(ctx, page, (rec) => rec.event);
      },
    },
  ];
}
