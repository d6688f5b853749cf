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

import { compareFilterValue } from '../filter-compare';

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

function compare(actual: unknown, comparison: Comparison, path: string, caseExact: CaseExactPaths): boolean {
  const negate = String(comparison[0]).toLowerCase() === 'not';
  const [rawOp, rawExpected] = negate ? comparison.slice(1) : comparison;
  const op = String(rawOp).toLowerCase();
  const result = compareFilterValue(actual, op, rawExpected, caseExact.has(path));
  return negate ? !result : result;
}
