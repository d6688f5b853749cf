import type { Dispatcher } from 'undici';
import { ScimHttpClient } from '../scim/scim-http';
import { defaultScimRetryPolicy, sendWithRetries, type ScimRetryPolicy } from '../scim/scim-retry';
import { normalizeScimBaseUrl } from '../scim/scim-url';
import type { ScimGroupLite, ScimUserLite } from './status-sources';

/** ThreatLocker serves at most 200 resources per page (its filter.maxResults). */
const PAGE = 200;

/** A SCIM read that failed; `health` says what it means for the connection (token, Enabled toggle). */
export class ScimReadError extends Error {
  constructor(message: string, readonly health: string) {
    super(message);
  }
}

/**
 * Read-only lister of ThreatLocker's SCIM Users and Groups, with the profile's SCIM token. Plain
 * http only for loopback (as scim-check); reads are retried on 429/5xx/dropped connections.
 */
export class ScimReader {
  private readonly http: ScimHttpClient;

  constructor(opts: { baseUrl: string; token: string; allowHttpLoopback: boolean; dispatcher?: Dispatcher; retry?: Partial<ScimRetryPolicy> }, private readonly retry: ScimRetryPolicy = { ...defaultScimRetryPolicy, maxRetries: 4, ...opts.retry }) {
    const { base } = normalizeScimBaseUrl(opts.baseUrl, { allowHttpLoopback: opts.allowHttpLoopback });
    this.http = new ScimHttpClient({ baseUrl: base, token: opts.token, ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}) });
  }

  async users(signal: AbortSignal, onPage: (count: number) => void): Promise<ScimUserLite[]> {
    return this.pages('/Users', signal, onPage, (r) => {
      const name = (r.name ?? {}) as { givenName?: unknown; familyName?: unknown };
      return {
        id: String(r.id),
        userName: String(r.userName ?? ''),
        ...(typeof name.givenName === 'string' ? { givenName: name.givenName } : {}),
        ...(typeof name.familyName === 'string' ? { familyName: name.familyName } : {}),
        active: r.active !== false,
      };
    });
  }

  async groups(signal: AbortSignal, onPage: (count: number) => void): Promise<ScimGroupLite[]> {
    return this.pages('/Groups', signal, onPage, (r) => ({
      id: String(r.id),
      displayName: String(r.displayName ?? ''),
      memberIds: Array.isArray(r.members) ? r.members.map((m: { value?: unknown }) => String(m?.value ?? '')).filter(Boolean) : [],
    }));
  }

  /** The administrator with this userName (case-insensitive, as ThreatLocker compares), if any. */
  async findUser(userName: string, signal: AbortSignal): Promise<ScimUserLite | undefined> {
    const filter = encodeURIComponent(`userName eq "${userName.replace(/["\\]/g, '')}"`);
    const ex = await sendWithRetries(this.http, { method: 'GET', path: `/Users?filter=${filter}` }, signal, this.retry);
    if (!ex.ok || ex.status !== 200) return undefined;
    const r = (ex.json as { Resources?: Record<string, unknown>[] } | undefined)?.Resources?.[0];
    return r ? { id: String(r.id), userName: String(r.userName ?? ''), active: r.active !== false } : undefined;
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async pages<T>(path: string, signal: AbortSignal, onPage: (count: number) => void, map: (r: Record<string, unknown>) => T): Promise<T[]> {
    const out: T[] = [];
    for (let start = 1; ; ) {
      const ex = await sendWithRetries(this.http, { method: 'GET', path: `${path}?startIndex=${start}&count=${PAGE}` }, signal, this.retry);
      if (signal.aborted) throw new ScimReadError('Cancelled.', 'Not read');
      if (!ex.ok) throw new ScimReadError(`GET ${path}: ${ex.message}`, `ThreatLocker could not be reached (${ex.kind}).`);
      if (ex.status === 401) throw new ScimReadError(`GET ${path} answered 401: the SCIM token was rejected.`, 'ThreatLocker rejected the SCIM token (401): it was regenerated or revoked.');
      if (ex.status === 403) throw new ScimReadError(`GET ${path} answered 403: the SCIM integration is disabled.`, 'The SCIM integration is disabled in ThreatLocker (403).');
      if (ex.status !== 200) throw new ScimReadError(`GET ${path} answered ${ex.status}.`, `ThreatLocker answered ${ex.status}.`);
      const body = ex.json as { Resources?: Record<string, unknown>[]; totalResults?: number } | undefined;
      const resources = Array.isArray(body?.Resources) ? body.Resources : [];
      for (const r of resources) out.push(map(r));
      onPage(out.length);
      start += resources.length;
      if (resources.length === 0 || (typeof body?.totalResults === 'number' && start > body.totalResults)) return out;
    }
  }
}
