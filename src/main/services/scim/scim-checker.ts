import type { Dispatcher } from 'undici';
import { AppError } from '../../../shared/errors';
import { Redactor } from '../log/redactor';
import type { ScimCheckResult, ScimCheckRun } from '../../../shared/scim-check';
import { checkSpecsFor } from './scim-check-catalog';
import { CheckContext } from './scim-check-context';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES, DEFAULT_TOTAL_TIMEOUT_MS, ScimHttpClient } from './scim-http';
import { runReadChecks } from './scim-read-checks';
import { defaultScimRetryPolicy, type ScimRetryPolicy } from './scim-retry';
import { normalizeScimBaseUrl } from './scim-url';
import { defaultTestPrefix, runWriteChecks } from './scim-write-checks';

export interface ScimCheckOptions {
  /** The SCIM base URL ("API Url" in ThreatLocker's SCIM Integration sidebar). */
  baseUrl: string;
  /** The bearer token. Never appears in the returned run. */
  token: string;
  /** Run checks 11-18, which create and remove a test administrator. Only after explicit consent. */
  write?: boolean;
  /** Accept http:// for 127.0.0.1, ::1 and localhost (the sandbox). Other http URLs are always refused. */
  allowHttpLoopback?: boolean;
  /** Called as each result is settled; index counts completed results, total is fixed per mode. */
  onResult?: (r: ScimCheckResult, index: number, total: number) => void;
  /** Cancels the remaining checks; clean-up of created test identities still runs. */
  signal?: AbortSignal;
  timeouts?: { connectMs?: number; totalMs?: number };
  maxBodyBytes?: number;
  /** Prefix of the test identity; default `tl-console-check-<epoch ms>`. */
  testPrefix?: string;
  /** The app's outbound dispatcher (system proxy, OS certificate stores); default a direct pool. */
  dispatcher?: Dispatcher;
  /** How reads are retried on a 429, 5xx or dropped connection (default: 2 retries, Retry-After up to 10 s). */
  retry?: Partial<ScimRetryPolicy>;
}

/**
 * Runs Okta's SCIM connector checks against a base URL. Resolves with a complete run (every
 * planned check has a result) whatever the server does; rejects only for invalid arguments
 * (AppError VALIDATION).
 */
export async function runScimChecks(opts: ScimCheckOptions): Promise<ScimCheckRun> {
  const { base } = normalizeScimBaseUrl(String(opts.baseUrl ?? ''), { allowHttpLoopback: opts.allowHttpLoopback === true });
  const token = validateToken(opts.token);
  const write = opts.write === true;
  const connectMs = positive(opts.timeouts?.connectMs, DEFAULT_CONNECT_TIMEOUT_MS, 'connect timeout');
  const totalMs = positive(opts.timeouts?.totalMs, DEFAULT_TOTAL_TIMEOUT_MS, 'total timeout');
  const maxBodyBytes = positive(opts.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'response size cap');
  const prefix = validatePrefix(opts.testPrefix ?? defaultTestPrefix());

  const startedAt = new Date().toISOString();
  const redactor = new Redactor([token]);
  const redact = (text: string) => redactor.redact(text);
  const http = new ScimHttpClient({ baseUrl: base, token, connectMs, totalMs, maxBodyBytes, ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}) });
  const onResult = opts.onResult;
  const ctx = new CheckContext(
    http,
    checkSpecsFor(write),
    redact,
    onResult
      ? (r, i, n) => {
          // A failing progress listener (a closed window) must not abort a run that may hold test accounts.
          try {
            onResult(r, i, n);
          } catch {
            /* ignored on purpose */
          }
        }
      : undefined,
    opts.signal,
    { ...defaultScimRetryPolicy, ...opts.retry },
  );

  let leftovers: string[] = [];
  try {
    const findings = await runReadChecks(ctx, { deferEmptyUserChecks: write });
    if (write) leftovers = await runWriteChecks(ctx, { prefix, userChecksDeferred: findings.userChecksDeferred });
  } catch (err) {
    // A bug in a check still yields a report, never a crash of the caller.
    ctx.fillMissing(`internal error: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await http.close();
  }
  ctx.fillMissing(opts.signal?.aborted ? 'cancelled' : 'not reached');

  const results = ctx.orderedResults();
  const summary = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const r of results) summary[r.outcome] += 1;
  const run: ScimCheckRun = {
    baseUrl: base,
    startedAt,
    finishedAt: new Date().toISOString(),
    write,
    results,
    leftovers,
    summary,
  };
  // Second net: a hostile server can echo the token back in a body we quote.
  return redactor.redactDeep(run);
}

function validateToken(token: unknown): string {
  if (typeof token !== 'string' || token.trim() === '') {
    throw new AppError('VALIDATION', 'The SCIM bearer token is empty.', {
      hint: 'Generate an API token in ThreatLocker: Integrations -> SCIM Integration -> Generate API Token.',
    });
  }
  const t = token.trim();
  // Whitespace or control characters inside a token mean a bad paste, and would break the header.
  if (/\s/.test(t) || [...t].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw new AppError('VALIDATION', 'The SCIM bearer token contains spaces or control characters.', {
      hint: 'Paste the token again, without "Bearer " and without line breaks.',
    });
  }
  return t;
}

function positive(value: number | undefined, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new AppError('VALIDATION', `The ${label} must be a positive number.`);
  return value;
}

function validatePrefix(prefix: string): string {
  // The prefix ends up in a userName (an e-mail local part) and in a filter string.
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/i.test(prefix)) {
    throw new AppError('VALIDATION', 'The test prefix may contain only letters, digits, ".", "_" and "-" (3-64 characters).');
  }
  return prefix;
}
