/**
 * Evaluates a parsed SCIMMY filter against one SCIM-shaped record.
 *
 * Why not SCIMMY's own Filter.match: it compares every string case-sensitively, but RFC 7643
 * makes userName, displayName, emails.value ... case-insensitive ("caseExact": false), and Okta
 * looks users up with `userName eq "<login>"` in whatever case the login has. So SCIMMY parses
 * (its parser is fine) and this walks the parsed expression with per-attribute case rules.
 *
 * Parsed shape (SCIMMY 1.x): the filter is an array of alternatives (OR); each alternative is an
 * object whose keys are attribute names (AND). A value is either a comparison
 * `[op, expected]` / `['not', op, expected]`, a list of such comparisons (AND on one attribute),
 * or a nested object for a complex / multi-valued attribute (`name.givenName`, `members[...]`).
 */

type Comparison = readonly unknown[];
type Alternative = Readonly<Record<string, unknown>>;

/** Attribute paths (lower-case, dotted) whose string values compare case-sensitively. */
export type CaseExactPaths = ReadonlySet<string>;

export function matchesFilter(filter: ReadonlyArray<unknown>, record: unknown, caseExact: CaseExactPaths): boolean {
  return filter.some((alternative) => matchAlternative(alternative as Alternative, record, '', caseExact));
}

function lookup(record: unknown, attribute: string): unknown {
  if (record === null || typeof record !== 'object') return undefined;
  const key = Object.keys(record).find((k) => k.toLowerCase() === attribute.toLowerCase());
  return key === undefined ? undefined : (record as Record<string, unknown>)[key];
}

function isComparison(value: unknown): value is Comparison {
  return Array.isArray(value) && typeof value[0] === 'string';
}

function matchAlternative(alternative: Alternative, record: unknown, prefix: string, caseExact: CaseExactPaths): boolean {
  return Object.entries(alternative).every(([attribute, expression]) => {
    const path = (prefix ? `${prefix}.${attribute}` : attribute).toLowerCase();
    const actual = lookup(record, attribute);
    return matchAttribute(actual, expression, path, caseExact);
  });
}

function matchAttribute(actual: unknown, expression: unknown, path: string, caseExact: CaseExactPaths): boolean {
  // A list of comparisons on one attribute ("a gt 1 and a lt 5") must all hold.
  if (Array.isArray(expression) && expression.length > 0 && expression.every(isComparison)) {
    return expression.every((c) => matchAttribute(actual, c, path, caseExact));
  }
  if (isComparison(expression)) {
    if (Array.isArray(actual)) {
      // "emails co 'x'" on a multi-valued attribute compares each value's "value" sub-attribute.
      const op = String(expression[expression[0] === 'not' ? 1 : 0]).toLowerCase();
      if (op === 'pr' || op === 'np') return compare(actual, expression, path, caseExact);
      return actual.some((item) =>
        compare(item !== null && typeof item === 'object' ? lookup(item, 'value') : item, expression, `${path}.value`, caseExact),
      );
    }
    return compare(actual, expression, path, caseExact);
  }
  // Nested filter: complex attribute (name.givenName) or value filter (members[value eq "x"]).
  const nested = (Array.isArray(expression) ? expression : [expression]) as Alternative[];
  const items = Array.isArray(actual) ? actual : [actual];
  return nested.some((alternative) => items.some((item) => matchAlternative(alternative, item ?? {}, path, caseExact)));
}

const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function compare(actual: unknown, comparison: Comparison, path: string, caseExact: CaseExactPaths): boolean {
  const negate = String(comparison[0]).toLowerCase() === 'not';
  const [rawOp, rawExpected] = negate ? comparison.slice(1) : comparison;
  const op = String(rawOp).toLowerCase();
  const result = evaluate(actual, op, rawExpected, caseExact.has(path));
  return negate ? !result : result;
}

function isPresent(actual: unknown): boolean {
  if (actual === undefined || actual === null || actual === '') return false;
  if (Array.isArray(actual)) return actual.length > 0;
  return true;
}

function evaluate(actual: unknown, op: string, expected: unknown, exact: boolean): boolean {
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
