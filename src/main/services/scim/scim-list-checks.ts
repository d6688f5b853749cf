import { plural } from '../../../shared/plural';
import { bodyOf, type CheckContext, isNonEmptyString, pick } from './scim-check-context';
import { describeExchange, hints } from './scim-hints';
import type { ScimExchange, ScimHttpResponse } from './scim-http';
import { integerHint, listEnvelopeIssues, listSize, resourcesOf } from './scim-list-response';

const PAGE_SIZE = 100;

// ---- 8 ------------------------------------------------------------------------------------

interface Page {
  ex: ScimHttpResponse;
  ids: string[];
  total: unknown;
}

export async function checkPaging(ctx: CheckContext): Promise<void> {
  const id = 'paging';
  if (ctx.blocked(id)) return;
  const exchanges: ScimExchange[] = [];
  const pages: Page[] = [];
  const failIssues: string[] = [];
  const warnIssues: string[] = [];
  for (const startIndex of [1, 1 + PAGE_SIZE, 1]) {
    const ex = await ctx.send({ method: 'GET', path: `/Users?startIndex=${startIndex}&count=${PAGE_SIZE}` }, { checkId: id });
    exchanges.push(ex);
    const problem = ctx.problem(ex, { expect: [200], collection: true });
    if (problem || !ex.ok) {
      ctx.record(id, { outcome: 'fail', exchanges, primary: ex, ...problem });
      return;
    }
    const body = bodyOf(ex);
    const { fail } = listEnvelopeIssues(body, { pagingRequired: false });
    failIssues.push(...fail.map((f) => `startIndex=${startIndex}: ${f}`));
    const resources = resourcesOf(body);
    if (resources.length > PAGE_SIZE) failIssues.push(`startIndex=${startIndex}: ${resources.length} resources for count=${PAGE_SIZE}`);
    const ids = resources.map((r) => pick(r, 'id')).filter(isNonEmptyString);
    const dupes = duplicates(ids);
    if (dupes.length > 0) failIssues.push(`startIndex=${startIndex}: id repeated on the page (${dupes.slice(0, 3).join(', ')})`);
    pages.push({ ex, ids, total: pick(body, 'totalResults') });
    if (failIssues.length > 0) break;
  }
  const [first, second, again] = pages;
  if (failIssues.length === 0 && first && second && again) {
    const onBoth = first.ids.filter((x) => second.ids.includes(x));
    if (onBoth.length > 0) {
      failIssues.push(`${plural(onBoth.length, 'id')} on both pages (${onBoth.slice(0, 3).join(', ')})`);
    }
    if (typeof first.total === 'number' && first.total > PAGE_SIZE && second.ids.length === 0) {
      failIssues.push(`totalResults ${first.total} but page 2 is empty`);
    }
    if (first.ids.join('\n') !== again.ids.join('\n')) warnIssues.push('page 1 came back in a different order the second time');
  }
  if (failIssues.length > 0) {
    const integer = failIssues.some((f) => f.includes('integer'));
    ctx.record(id, {
      outcome: 'fail',
      exchanges,
      actual: failIssues.join('; '),
      hint: integer
        ? integerHint
        : 'Paging is broken: startIndex/count are ignored or the order is unstable. Okta would import the same users twice and miss others.',
    });
    return;
  }
  if (warnIssues.length > 0) {
    ctx.record(id, { outcome: 'warn', exchanges, actual: warnIssues.join('; '), hint: 'Sort the users by a stable key (for example id) so pages never shift between requests.' });
    return;
  }
  ctx.record(id, {
    outcome: 'pass',
    exchanges,
    primary: first?.ex,
    actual: `page 1: ${first?.ids.length ?? 0} users, page 2: ${second?.ids.length ?? 0} users, totalResults ${String(first?.total)}`,
  });
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const x of ids) (seen.has(x) ? dupes : seen).add(x);
  return [...dupes];
}

// ---- 9, 10 --------------------------------------------------------------------------------

export async function checkGroupsList(ctx: CheckContext): Promise<void> {
  const id = 'groups-list';
  if (ctx.blocked(id)) return;
  const ex = await ctx.send({ method: 'GET', path: `/Groups?startIndex=1&count=${PAGE_SIZE}` }, { checkId: id });
  if (ex.ok && ex.status === 404) {
    ctx.record(id, {
      outcome: 'skip',
      primary: ex,
      actual: `${describeExchange(ex)}: no /Groups endpoint`,
      hint: "No /Groups: Okta's Push Groups cannot work, and ThreatLocker's Group Mapping only lists groups the IdP pushed.",
    });
    return;
  }
  const problem = ctx.problem(ex, { expect: [200], collection: true });
  if (problem || !ex.ok) {
    ctx.record(id, { outcome: 'fail', primary: ex, ...problem });
    return;
  }
  const { fail } = listEnvelopeIssues(bodyOf(ex), { pagingRequired: false });
  if (fail.length > 0) {
    ctx.record(id, { outcome: 'fail', primary: ex, actual: `${ex.status}: ${fail.join('; ')}`, hint: fail.some((f) => f.includes('integer')) ? integerHint : hints.notScimJson });
    return;
  }
  ctx.record(id, { outcome: 'pass', primary: ex, actual: `${ex.status}: ${listSize(bodyOf(ex))} groups` });
}
