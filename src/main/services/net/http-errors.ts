import { AppError, type ErrorCode } from '../../../shared/errors';
import { cut } from '../log/redactor';
import type { UrlPurpose } from './host-policy';

/** What the remote said about its error, pulled from whichever shape it uses. */
export interface RemoteErrorInfo {
  /** Okta `errorCode` (E0000011), ThreatLocker's bare code (TOKEN_REVOKED), a SCIM `scimType`. */
  code?: string;
  /** One line a person can read: Okta `errorSummary` (+ first cause), SCIM `detail`, ... */
  summary?: string;
}

/**
 * An HTTP answer the console treats as a failure. Callers branch on `status` and `remoteCode`
 * (E0000011, TOKEN_REVOKED) instead of parsing the message.
 */
export class HttpError extends AppError {
  readonly status: number;
  readonly remoteCode: string | undefined;
  readonly remoteSummary: string | undefined;
  readonly method: string;
  /** Path only: the query is left out so messages stay short. */
  readonly path: string;

  constructor(
    code: ErrorCode,
    message: string,
    detail: { status: number; remoteCode?: string; remoteSummary?: string; method: string; path: string },
    opts: { hint?: string; retryable?: boolean } = {},
  ) {
    super(code, message, opts);
    this.name = 'HttpError';
    this.status = detail.status;
    this.remoteCode = detail.remoteCode;
    this.remoteSummary = detail.remoteSummary;
    this.method = detail.method;
    this.path = detail.path;
  }
}

export const serviceNames: Record<UrlPurpose, string> = {
  okta: 'Okta',
  threatlocker: 'ThreatLocker',
  scim: 'The SCIM endpoint',
};

const MAX_SUMMARY = 300;
/** A bare machine code such as TOKEN_REVOKED (upper case with underscores, no spaces). */
const CODE_SHAPE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^E\d{7}$/;

/** Reads Okta, SCIM, ASP.NET problem+json and plain-text error bodies. Never throws. Pass a redacted body: this cuts. */
export function extractRemoteError(body: string, contentType: string | undefined): RemoteErrorInfo {
  const text = body.trim();
  if (!text) return {};
  let json: unknown;
  if (/json/i.test(contentType ?? '') || text.startsWith('{') || text.startsWith('"')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (typeof json === 'string') return fromPlain(json);
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const o = json as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === 'string' && (o[k] as string).trim() ? (o[k] as string).trim() : undefined);
    const code = str('errorCode') ?? str('scimType') ?? str('code') ?? str('error');
    let summary = str('errorSummary') ?? str('detail') ?? str('message') ?? str('error_description') ?? str('title');
    // Okta puts the useful part in the first cause ("Provisioning is not enabled for the app instance.").
    const causes = o['errorCauses'];
    if (Array.isArray(causes)) {
      const first = causes.find((c) => c && typeof c === 'object' && typeof (c as { errorSummary?: unknown }).errorSummary === 'string') as
        | { errorSummary: string }
        | undefined;
      if (first && first.errorSummary !== summary) summary = summary ? `${summary} (${first.errorSummary})` : first.errorSummary;
    }
    // ThreatLocker answers `{ statusCode: 403, message: "TOKEN_REVOKED" }`: the message is the code.
    if (code === undefined && summary !== undefined && CODE_SHAPE.test(summary)) return { code: summary };
    const info: RemoteErrorInfo = {};
    if (code !== undefined && code !== summary) info.code = cut(code, 60);
    if (summary !== undefined) info.summary = cut(summary, MAX_SUMMARY);
    return info;
  }
  // HTML error pages from proxies and load balancers say nothing useful.
  if (/^<(!doctype|html|\?xml)/i.test(text) || /html/i.test(contentType ?? '')) return {};
  return fromPlain(text);
}

function fromPlain(text: string): RemoteErrorInfo {
  const t = text.trim();
  if (CODE_SHAPE.test(t)) return { code: t };
  const firstLine = t.split(/\r?\n/)[0] ?? '';
  return firstLine ? { summary: cut(firstLine, MAX_SUMMARY) } : {};
}


function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'AUTH_FAILED';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 400 || status === 422) return 'VALIDATION';
  if (status === 429) return 'RATE_LIMITED';
  return 'REMOTE_ERROR';
}

function hintFor(status: number, purpose: UrlPurpose): string | undefined {
  const service = serviceNames[purpose];
  switch (status) {
    case 401:
      return purpose === 'okta'
        ? 'Check that the Okta API token is current and belongs to this org (Security -> API -> Tokens).'
        : `Check that the ${purpose === 'scim' ? 'SCIM bearer' : 'ThreatLocker API'} token is current and was created for this instance.`;
    case 403:
      return `The token is valid but its administrator lacks the permission this step needs in ${purpose === 'okta' ? 'Okta' : 'ThreatLocker'}.`;
    case 400:
    case 422:
      return `${service} refused the request as sent; the message names the value it did not accept.`;
    case 404:
      return 'It may have been deleted, or the ID or URL is wrong.';
    case 409:
      return 'It already exists or was changed meanwhile; refresh and retry.';
    case 429:
      return 'Wait a minute and retry; other tools may be using the same API quota.';
    default:
      return status >= 500 ? `${service} is having trouble; retry in a few minutes.` : undefined;
  }
}

/**
 * Builds the error for a non-2xx answer. `scrub` removes the request's own credential values
 * from anything the remote echoed back, so a token cannot leak through an error message.
 */
export function httpErrorFor(args: {
  status: number;
  method: string;
  url: URL;
  purpose: UrlPurpose;
  body: string;
  contentType: string | undefined;
  scrub: (text: string) => string;
  retryable?: boolean;
}): HttpError {
  // Redact the whole body before anything is cut from it: a cut token is no longer recognisable.
  const remote = extractRemoteError(args.scrub(args.body), args.contentType);
  const code = remote.code;
  const summary = remote.summary;
  const service = serviceNames[args.purpose];
  const what = `${args.method} ${args.url.pathname}`;
  const remoteText = [code, summary].filter(Boolean).join(' ');
  const message = remoteText
    ? `${service} answered ${args.status} to ${what}: ${remoteText}`
    : `${service} answered ${args.status} to ${what}.`;
  const detail: { status: number; remoteCode?: string; remoteSummary?: string; method: string; path: string } = {
    status: args.status,
    method: args.method,
    path: args.url.pathname,
  };
  if (code !== undefined) detail.remoteCode = code;
  if (summary !== undefined) detail.remoteSummary = summary;
  const opts: { hint?: string; retryable?: boolean } = {};
  const hint = hintFor(args.status, args.purpose);
  if (hint !== undefined) opts.hint = hint;
  const retryable = args.retryable ?? (args.status === 429 || args.status >= 500);
  if (retryable) opts.retryable = true;
  return new HttpError(codeForStatus(args.status), message, detail, opts);
}
