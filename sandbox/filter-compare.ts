const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isPresent(actual: unknown): boolean {
  if (actual === undefined || actual === null || actual === '') return false;
  if (Array.isArray(actual)) return actual.length > 0;
  return true;
}

/**
 * The one comparison both simulators' filters use (Okta's search/filter parameters and the
 * ThreatLocker SCIM filter): `actual op expected` for one value. Strings ignore case unless
 * `exact`; numbers compare as numbers, booleans accept "true"/"false", ISO dates compare as dates.
 */
export function compareFilterValue(actual: unknown, op: string, expected: unknown, exact: boolean): boolean {
  if (op === 'pr') return isPresent(actual);
  if (op === 'np') return !isPresent(actual);
  if (actual === undefined || actual === null) {
    if (op === 'eq') return expected === null;
    if (op === 'ne') return expected !== null;
    return false;
  }
  if (typeof actual === 'boolean') {
    // Entra ID and others send `active eq "true"`: accept the string forms.
    const wanted = typeof expected === 'string' ? expected.toLowerCase() === 'true' : expected;
    if (op === 'eq') return actual === wanted;
    if (op === 'ne') return actual !== wanted;
    return false;
  }
  if (typeof actual === 'number') {
    const wanted = Number(expected);
    switch (op) {
      case 'eq': return actual === wanted;
      case 'ne': return actual !== wanted;
      case 'gt': return actual > wanted;
      case 'lt': return actual < wanted;
      case 'ge': return actual >= wanted;
      case 'le': return actual <= wanted;
      default: return false;
    }
  }
  let a = String(actual);
  let e = expected === null || expected === undefined ? '' : String(expected);
  if (['gt', 'lt', 'ge', 'le'].includes(op) && isoDate.test(a) && !Number.isNaN(Date.parse(e))) {
    const da = Date.parse(a);
    const de = Date.parse(e);
    return op === 'gt' ? da > de : op === 'lt' ? da < de : op === 'ge' ? da >= de : da <= de;
  }
  if (!exact) {
    a = a.toLowerCase();
    e = e.toLowerCase();
  }
  switch (op) {
    case 'eq': return a === e;
    case 'ne': return a !== e;
    case 'co': return a.includes(e);
    case 'sw': return a.startsWith(e);
    case 'ew': return a.endsWith(e);
    case 'gt': return a > e;
    case 'lt': return a < e;
    case 'ge': return a >= e;
    case 'le': return a <= e;
    default: return false;
  }
}
