import { compareFilterValue } from '../filter-compare';
import { invalidSearch } from './okta-errors';

/**
 * A small parser/evaluator for the SCIM-style expressions Okta accepts in `search` and `filter`
 * query parameters, e.g. `profile.department eq "Security" and (status eq "ACTIVE" or status eq
 * "SUSPENDED")`. Each endpoint passes a policy saying which attributes and operators it allows,
 * because Okta differs per endpoint (filter on /users only allows eq on a few attributes, etc.).
 */

export type FilterOp = 'eq' | 'ne' | 'sw' | 'co' | 'ew' | 'gt' | 'ge' | 'lt' | 'le' | 'pr';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; inner: FilterNode }
  | { kind: 'cmp'; attr: string; op: FilterOp; value: string | number | boolean | null };

/** Throws (with a reason) when an attribute/operator pair is not supported by the endpoint. */
export type FilterPolicy = (attr: string, op: FilterOp) => void;

const OPS = new Set<FilterOp>(['eq', 'ne', 'sw', 'co', 'ew', 'gt', 'ge', 'lt', 'le', 'pr']);

type Token = { t: 'word'; v: string } | { t: 'str'; v: string } | { t: 'lp' } | { t: 'rp' };

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      out.push({ t: 'lp' });
      i++;
    } else if (c === ')') {
      out.push({ t: 'rp' });
      i++;
    } else if (c === '"') {
      let v = '';
      i++;
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\' && i + 1 < input.length) i++;
        v += input[i];
        i++;
      }
      if (i >= input.length) throw invalidSearch('Unterminated string literal');
      i++;
      out.push({ t: 'str', v });
    } else {
      let v = '';
      while (i < input.length && !/[\s()"]/.test(input[i]!)) v += input[i++];
      out.push({ t: 'word', v });
    }
  }
  return out;
}

export function parseFilter(input: string, policy: FilterPolicy, allowNot = false): FilterNode {
  const tokens = tokenize(input);
  let pos = 0;
  const peekWord = (): string | undefined => {
    const tok = tokens[pos];
    return tok?.t === 'word' ? tok.v.toLowerCase() : undefined;
  };

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (peekWord() === 'or') {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterNode => {
    let left = parseUnary();
    while (peekWord() === 'and') {
      pos++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): FilterNode => {
    if (peekWord() === 'not') {
      if (!allowNot) throw invalidSearch('The not operator is not supported');
      pos++;
      return { kind: 'not', inner: parsePrimary() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): FilterNode => {
    const tok = tokens[pos];
    if (!tok) throw invalidSearch('Unexpected end of expression');
    if (tok.t === 'lp') {
      pos++;
      const inner = parseOr();
      if (tokens[pos]?.t !== 'rp') throw invalidSearch('Missing closing parenthesis');
      pos++;
      return inner;
    }
    if (tok.t !== 'word') throw invalidSearch('Expected an attribute name');
    const attr = tok.v;
    pos++;
    const opTok = tokens[pos];
    const op = (opTok?.t === 'word' ? opTok.v.toLowerCase() : '') as FilterOp;
    if (!OPS.has(op)) throw invalidSearch(`Unsupported operator after ${attr}`);
    pos++;
    policy(attr, op);
    if (op === 'pr') return { kind: 'cmp', attr, op, value: null };
    const valTok = tokens[pos];
    if (!valTok || valTok.t === 'lp' || valTok.t === 'rp') throw invalidSearch(`Missing value for ${attr}`);
    pos++;
    if (valTok.t === 'str') return { kind: 'cmp', attr, op, value: valTok.v };
    const raw = valTok.v;
    if (raw === 'true' || raw === 'false') return { kind: 'cmp', attr, op, value: raw === 'true' };
    if (raw === 'null') return { kind: 'cmp', attr, op, value: null };
    if (/^-?\d+(\.\d+)?$/.test(raw)) return { kind: 'cmp', attr, op, value: Number(raw) };
    throw invalidSearch(`Values must be quoted: ${raw}`);
  };

  const node = parseOr();
  if (pos !== tokens.length) throw invalidSearch('Unexpected trailing tokens');
  return node;
}

/** Evaluates a parsed expression. String comparisons ignore case, like Okta's search. */
export function matchFilter(node: FilterNode, get: (attr: string) => unknown): boolean {
  switch (node.kind) {
    case 'and':
      return matchFilter(node.left, get) && matchFilter(node.right, get);
    case 'or':
      return matchFilter(node.left, get) || matchFilter(node.right, get);
    case 'not':
      return !matchFilter(node.inner, get);
    case 'cmp':
      return compare(get(node.attr), node.op, node.value);
  }
}

function compare(actual: unknown, op: FilterOp, expected: string | number | boolean | null): boolean {
  if (op === 'pr') return actual !== undefined && actual !== null && actual !== '';
  if (Array.isArray(actual)) return actual.some((a) => compare(a, op, expected));
  return compareFilterValue(actual, op, expected, false);
}

/** Reads `a.b.c` from a plain object; arrays fan out (target.id matches any target's id). */
export function readPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (Array.isArray(cur)) {
      cur = cur.map((item) => (item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[part] : undefined));
      continue;
    }
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
