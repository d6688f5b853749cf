import type { OktaDirectory } from '../okta-directory';
import type { RequestContext, RouteResult } from '../okta-http';
import { linkHeaders, type Page } from '../okta-pagination';
import type { OktaStore } from '../okta-store';
import { validationFailed } from '../okta-errors';

/** What every route module needs. */
export interface RouteDeps {
  store: OktaStore;
  directory: OktaDirectory;
}

/** A 200 list response with Okta's Link headers (self always, next when there is more). */
export function pageResult<T>(ctx: RequestContext, page: Page<T>, render: (item: T) => unknown): RouteResult {
  return { status: 200, body: page.items.map(render), headers: { Link: linkHeaders(ctx.url, page.next) } };
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses boolean query values the way Okta does ("true"/"false"), undefined when absent. */
export function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw validationFailed(name, `${name}: The value must be true or false.`);
}
