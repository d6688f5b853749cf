import type { CheckOutcome, ScimCheckResult } from '../../../shared/scim-check';
import type { CheckSpec } from './scim-check-catalog';
import { describeExchange, hintForFailure, hintForResponse, hints, looksLikeHtml } from './scim-hints';
import type { ScimExchange, ScimHttpClient, ScimHttpResponse, ScimRequest } from './scim-http';
import { defaultScimRetryPolicy, describeRetries, sendWithRetries, type ScimRetryPolicy } from './scim-retry';
import { redactDeepWith } from '../log/redactor';

export interface RecordInput {
  outcome: CheckOutcome;
  /** Every request the check sent; latency is the slowest, request/status come from `primary`. */
  exchanges?: ScimExchange[];
  /** The request shown in the report; defaults to the last exchange. */
  primary?: ScimExchange;
  actual?: string;
  hint?: string;
}

/** Transport failures after which further requests would only wait out the same timeout again. */
const fatalKinds = new Set(['timeout', 'connect-timeout', 'connect', 'dns', 'tls']);

/**
 * Shared state of one run: the HTTP client, the fixed plan, the results so far and the reasons to
 * stop early (cancelled, or the server cannot be reached at all).
 */
export class CheckContext {
  readonly results = new Map<string, ScimCheckResult>();
  /** Content-Type of every successful SCIM JSON response, for check 10. */
  readonly contentTypes: { id: string; contentType: string }[] = [];
  fatal: string | undefined;
  /** The token probe of check 1 answered 200: write checks may run. */
  tokenAccepted = false;
  private completed = 0;
  private readonly specs: Map<string, CheckSpec>;

  constructor(
    readonly http: ScimHttpClient,
    readonly plan: CheckSpec[],
    private readonly redact: (text: string) => string,
    private readonly onResult: ((r: ScimCheckResult, index: number, total: number) => void) | undefined,
    readonly signal: AbortSignal | undefined,
    private readonly retry: ScimRetryPolicy = defaultScimRetryPolicy,
  ) {
    this.specs = new Map(plan.map((s) => [s.id, s]));
  }

  get limits() {
    return { connectMs: this.http.connectMs, totalMs: this.http.totalMs, maxBodyBytes: this.http.maxBodyBytes };
  }

  /**
   * Sends one request (reads are retried on a 429, 5xx or dropped connection), remembering content
   * types and whether the server is reachable at all.
   */
  async send(req: ScimRequest, opts: { signal?: AbortSignal | null; checkId?: string } = {}): Promise<ScimExchange> {
    // signal: null means "ignore cancellation" (clean-up must not be cut short by a cancel).
    const signal = opts.signal === null ? undefined : (opts.signal ?? this.signal);
    // Redacted here, before any check quotes or cuts a piece of the answer.
    const ex = redactExchange(await sendWithRetries(this.http, req, signal, this.retry), this.redact);
    if (!ex.ok && fatalKinds.has(ex.kind) && this.fatal === undefined) this.fatal = describeExchange(ex);
    if (ex.ok && opts.checkId && ex.status >= 200 && ex.status < 300 && ex.text.trim() !== '') {
      this.contentTypes.push({ id: opts.checkId, contentType: ex.contentType });
    }
    return ex;
  }

  /** Records a skip and returns true when the check must not run (cancelled or unreachable). */
  blocked(id: string): boolean {
    if (this.signal?.aborted) {
      this.record(id, { outcome: 'skip', actual: 'cancelled', hint: hints.cancelled });
      return true;
    }
    if (this.fatal !== undefined) {
      this.record(id, { outcome: 'skip', actual: this.fatal, hint: hints.notRunFatal });
      return true;
    }
    return false;
  }

  record(id: string, input: RecordInput): ScimCheckResult {
    const spec = this.specs.get(id);
    if (!spec) throw new Error(`unknown check id ${id}`);
    if (this.results.has(id)) return this.results.get(id)!;
    const exchanges = input.exchanges ?? (input.primary ? [input.primary] : []);
    const primary = input.primary ?? exchanges[exchanges.length - 1];
    let outcome = input.outcome;
    let hint = input.hint;
    // A request cut short by the person's cancel says nothing about the server.
    if (outcome === 'fail' && exchanges.some((e) => !e.ok && e.kind === 'aborted')) {
      outcome = 'skip';
      hint = hints.cancelled;
    }
    const latencyMs = exchanges.length > 0 ? Math.max(...exchanges.map((e) => e.latencyMs)) : undefined;
    // Latency only matters for answers that were otherwise right; a fail already says more.
    if (latencyMs !== undefined && latencyMs > spec.latencyLimitMs && (outcome === 'pass' || outcome === 'warn')) {
      const slow = hints.slow(latencyMs, spec.latencyLimitMs);
      hint = hint ? `${hint} ${slow}` : slow;
      outcome = 'warn';
    }
    const result: ScimCheckResult = {
      id: spec.id,
      number: spec.number,
      title: spec.title,
      outcome,
      expected: spec.expected,
    };
    if (primary) {
      result.request = { method: primary.request.method, url: this.redact(primary.request.url) };
      if (primary.ok) result.status = primary.status;
    }
    if (latencyMs !== undefined) result.latencyMs = latencyMs;
    const actual = input.actual ?? (primary ? describeExchange(primary) : undefined);
    if (actual !== undefined) result.actual = this.redact(actual);
    if (hint !== undefined && outcome !== 'pass') result.hint = this.redact(hint);
    const retried = describeRetries(exchanges);
    if (retried) result.retried = retried;
    this.results.set(id, result);
    this.completed += 1;
    this.onResult?.(result, this.completed - 1, this.plan.length);
    return result;
  }

  /** Records skips for every planned check that has no result yet (keeps the plan complete). */
  fillMissing(reason: string): void {
    for (const s of this.plan) {
      if (!this.results.has(s.id)) this.record(s.id, { outcome: 'skip', actual: reason });
    }
  }

  orderedResults(): ScimCheckResult[] {
    return this.plan.map((s) => this.results.get(s.id)).filter((r): r is ScimCheckResult => r !== undefined);
  }

  /**
   * Returns what went wrong when a response is not the expected status or not JSON, or undefined
   * when it is. `collection` tells the hint whether a 404 points at a wrong base path.
   */
  problem(
    ex: ScimExchange,
    opts: { expect: number[]; collection: boolean; json?: boolean },
  ): { actual: string; hint: string } | undefined {
    if (!ex.ok) return { actual: describeExchange(ex), hint: hintForFailure(ex, this.limits) };
    if (!opts.expect.includes(ex.status)) {
      return {
        actual: describeExchange(ex),
        hint: hintForResponse(ex, { collection: opts.collection }) ?? `Expected ${opts.expect.join(' or ')}, got ${ex.status}.`,
      };
    }
    if (opts.json !== false && opts.expect.some((s) => s !== 204) && ex.status !== 204) {
      if (looksLikeHtml(ex)) return { actual: describeExchange(ex), hint: hints.html };
      if (ex.jsonError !== undefined) return { actual: describeExchange(ex), hint: hints.notJson };
      if (!isObject(ex.json)) return { actual: describeExchange(ex), hint: hints.notScimJson };
    }
    return undefined;
  }
}

/**
 * The exchange with the token removed from everything a check may quote: the body, the Location
 * header and transport messages. The parsed values are redacted too, on their own: a token the
 * server echoed JSON-escaped ("\\/", "\\u002b") does not appear in the raw text, only once parsed,
 * and checks quote parsed values cut short (jsonShape), where a cut token is no longer recognised.
 */
function redactExchange(ex: ScimExchange, redact: (text: string) => string): ScimExchange {
  if (!ex.ok) return { ...ex, message: redact(ex.message) };
  const out: ScimHttpResponse = { ...ex, text: redact(ex.text), location: ex.location === undefined ? undefined : redact(ex.location) };
  if (ex.jsonError !== undefined || ex.text.trim() === '') return out;
  const json = redactDeepWith(ex.json, redact);
  if (JSON.stringify(json) !== JSON.stringify(ex.json)) {
    out.json = json;
    // The raw text held the token in a form the text redaction missed: quote the clean values instead.
    out.text = JSON.stringify(json);
  }
  return out;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function bodyOf(ex: ScimHttpResponse): Record<string, unknown> {
  return isObject(ex.json) ? ex.json : {};
}

export function hasSchema(obj: Record<string, unknown>, urn: string): boolean {
  const schemas = obj.schemas;
  return Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase());
}

/** Reads `a.b.c` from parsed JSON; attribute names are case-insensitive in SCIM (RFC 7643 2.1). */
export function pick(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!isObject(cur)) return undefined;
    const found = Object.keys(cur).find((k) => k.toLowerCase() === key.toLowerCase());
    cur = found === undefined ? undefined : cur[found];
  }
  return cur;
}

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** Describes a JSON value's type the way a person debugging the server needs it: "1" vs 1. */
export function jsonShape(v: unknown): string {
  if (v === undefined) return 'missing';
  return `${JSON.stringify(v)?.slice(0, 40)} (${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v})`;
}
