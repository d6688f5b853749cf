import type { ScimConnectionSettings } from './okta-store';

/**
 * Outbound SCIM 2.0 calls made the way Okta's provisioning agent makes them (see
 * shared/reference/scim-checks.md "What Okta sends"): fixed User-Agent, SCIM media types, and the
 * Authorization header from the SCIM Connection form.
 */

export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const SCIM_PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface ScimResponse {
  status: number;
  body: unknown;
  text: string;
}

/** The SCIM server could not be reached (refused, reset, timeout). */
export class ScimTransportError extends Error {}

const TIMEOUT_MS = 15_000;

/**
 * Okta sends the HTTP Header value as the Authorization header. ThreatLocker hands out a bare
 * token that must travel as "Bearer <token>", so a bare token is prefixed; a value that already
 * names its scheme is sent verbatim.
 */
export function authorizationHeader(headerToken: string): string {
  const t = headerToken.trim();
  return /^(bearer|basic|ssws)\s/i.test(t) ? t : `Bearer ${t}`;
}

/** Okta's exact encoding of a filter query: spaces as %20, quotes as %22. */
export function scimFilterQuery(filter: string, startIndex = 1, count = 100): string {
  return `filter=${encodeURIComponent(filter)}&startIndex=${startIndex}&count=${count}`;
}

export class ScimClient {
  constructor(private readonly conn: ScimConnectionSettings) {}

  url(path: string): string {
    return this.conn.baseUrl.replace(/\/+$/, '') + path;
  }

  async request(method: string, path: string, body?: unknown): Promise<ScimResponse> {
    const headers: Record<string, string> = {
      'User-Agent': 'Okta SCIM Client 1.0.0',
      Authorization: authorizationHeader(this.conn.headerToken),
      Accept: 'application/scim+json',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/scim+json; charset=utf-8';
    let res: Response;
    try {
      res = await fetch(this.url(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ScimTransportError(cause?.code ?? cause?.message ?? (err as Error).message);
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, body: parsed, text };
  }
}

/** A short human reason from a failed SCIM response, for log events and errorSummary. */
export function describeScimFailure(res: ScimResponse): string {
  const body = res.body as { detail?: unknown; message?: unknown } | undefined;
  const detail = typeof body?.detail === 'string' ? body.detail : typeof body?.message === 'string' ? body.message : res.text.slice(0, 120);
  return `${res.status}${detail ? ` ${detail}` : ''}`;
}
