import { SCIM_SCHEMAS } from './scim-check-catalog';
import { hasSchema, jsonShape, pick } from './scim-check-context';

/** Reading a SCIM ListResponse: shared by the user, paging and group list checks. */

/** Checks a ListResponse's envelope; returns the problems, empty when it is right. */
export function listEnvelopeIssues(body: Record<string, unknown>, opts: { pagingRequired: boolean }): { fail: string[]; warn: string[] } {
  const fail: string[] = [];
  const warn: string[] = [];
  if (!hasSchema(body, SCIM_SCHEMAS.listResponse)) fail.push('schemas lacks the ListResponse URN');
  const total = pick(body, 'totalResults');
  if (!Number.isInteger(total)) fail.push(`totalResults is ${jsonShape(total)}, not a JSON integer`);
  for (const key of ['itemsPerPage', 'startIndex']) {
    const v = pick(body, key);
    if (v === undefined) (opts.pagingRequired ? fail : warn).push(`${key} missing`);
    else if (!Number.isInteger(v)) fail.push(`${key} is ${jsonShape(v)}, not a JSON integer`);
  }
  const resources = pick(body, 'Resources');
  if (resources !== undefined && !Array.isArray(resources)) fail.push(`Resources is ${jsonShape(resources)}, not an array`);
  return { fail, warn };
}

export function resourcesOf(body: Record<string, unknown>): unknown[] {
  const r = pick(body, 'Resources');
  return Array.isArray(r) ? r : [];
}

export function listSize(body: Record<string, unknown>): number {
  return resourcesOf(body).length;
}

export const integerHint =
  'totalResults, itemsPerPage and startIndex must be JSON numbers (1, not "1"). Okta rejects the response, so ' +
  'imports and user matching fail. This is a server bug to report to ThreatLocker.';
