import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { checkUrl, type HostPolicyConfig } from './host-policy';
import { badShape } from './http-decode';
import { serviceNames } from './http-errors';
import type { HttpRequestOptions, HttpResponse, PaginateOptions } from './http-types';
import { nextLink } from './link-header';

type RequestFn = (opts: HttpRequestOptions) => Promise<HttpResponse<unknown>>;

/** Follows Link rel="next" page by page, yielding each item checked against the item schema. */
export async function* paginate<S extends z.ZodType>(
  policy: HostPolicyConfig,
  request: RequestFn,
  opts: PaginateOptions<S>,
): AsyncGenerator<z.output<S>, void, undefined> {
  const first = checkUrl(policy, opts.url, opts.purpose);
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
