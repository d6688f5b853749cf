import { AppError } from '../../../shared/errors';
import type { HttpMethod } from '../net/http-client';
import { HttpError } from '../net/http-errors';

export interface PermissionCheck {
  scope: string;
  ok: boolean;
  detail?: string;
}

export interface PermissionProbeResult {
  checked: PermissionCheck[];
  /** Scopes (or, for an SSWS token, the matching admin permissions) the token lacks; no repeats. */
  missing: string[];
}

export interface ProbeTransport {
  tokenKind: () => Promise<'SSWS' | 'Bearer'>;
  /** Resolves on 2xx, throws HttpError otherwise. */
  send: (method: HttpMethod, path: string, query: Record<string, string | number>, json?: unknown) => Promise<void>;
}

interface Probe {
  scope: string;
  area: string;
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number>;
  json?: unknown;
  /** Statuses that prove the permission is there even though the call "failed". */
  allowedStatuses?: number[];
  /** Reported, but never listed as missing: no setup step needs it. */
  informational?: boolean;
}

/** Okta ids are random base62; these can never name a real user or group. */
const PROBE_USER = '00uPERMISSIONPROBE00';
const PROBE_GROUP = '00gPERMISSIONPROBE00';

/**
 * Reads: one limit=1 GET per area.
 *
 * Manage, without side effects: a write Okta must refuse for another reason. Okta checks the
 * caller's permission before it looks at the body or the object, so 403 means "not allowed",
 * while the other refusal proves the permission:
 * - apps: POST /api/v1/apps with an empty body -> 400 E0000001 (label, signOnMode required), so
 *   no app can be created;
 * - users: POST (partial update) of a user id that cannot exist, empty body -> 404;
 * - groups: PUT membership of a user that cannot exist into a group that cannot exist -> 404.
 * Limits of the trick: it proves the permission in general, not for one particular app or group
 * (a custom admin role scoped to some apps can pass here and still be refused later); and if
 * Okta ever validated or looked up before authorising, a missing permission would look granted.
 * Group push needs apps.manage + groups.manage together, both covered here.
 */
const probes: Probe[] = [
  { scope: 'okta.apps.read', area: 'apps', method: 'GET', path: '/api/v1/apps', query: { limit: 1 } },
  { scope: 'okta.users.read', area: 'users', method: 'GET', path: '/api/v1/users', query: { limit: 1 } },
  { scope: 'okta.groups.read', area: 'groups', method: 'GET', path: '/api/v1/groups', query: { limit: 1 } },
  { scope: 'okta.groups.read', area: 'group rules', method: 'GET', path: '/api/v1/groups/rules', query: { limit: 1 } },
  // Only for diagnosing failed pushes later; a token without it can still run the whole setup.
  { scope: 'okta.logs.read', area: 'system log', method: 'GET', path: '/api/v1/logs', query: { limit: 1, sortOrder: 'DESCENDING' }, informational: true },
  { scope: 'okta.apps.manage', area: 'manage apps', method: 'POST', path: '/api/v1/apps', json: {}, allowedStatuses: [400] },
  { scope: 'okta.users.manage', area: 'manage users', method: 'POST', path: `/api/v1/users/${PROBE_USER}`, json: {}, allowedStatuses: [404] },
  {
    scope: 'okta.groups.manage',
    area: 'manage groups',
    method: 'PUT',
    path: `/api/v1/groups/${PROBE_GROUP}/users/${PROBE_USER}`,
    allowedStatuses: [404],
  },
];

export async function probeOktaPermissions(t: ProbeTransport): Promise<PermissionProbeResult> {
  const kind = await t.tokenKind();
  // The first call alone tells a dead token from a weak one, before seven more calls fail the same way.
  const [first, ...rest] = probes;
  const results = [await runProbe(t, first!, kind)];
  results.push(...(await Promise.all(rest.map((p) => runProbe(t, p, kind)))));
  const missing = [...new Set(results.filter((c, i) => !c.ok && !c.unverified && !probes[i]!.informational).map((c) => c.scope))];
  return { checked: results.map(({ unverified: _unverified, ...check }) => check), missing };
}

async function runProbe(t: ProbeTransport, probe: Probe, kind: 'SSWS' | 'Bearer'): Promise<PermissionCheck & { unverified?: boolean }> {
  const query = probe.query ?? {};
  const what = `${probe.method} ${probe.path}`;
  try {
    await t.send(probe.method, probe.path, query, probe.json);
    return { scope: probe.scope, ok: true, detail: `${probe.area}: ${what} succeeded` };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    if (err.status === 401) throw tokenRejected(err, kind);
    if (probe.allowedStatuses?.includes(err.status)) {
      return { scope: probe.scope, ok: true, detail: `${probe.area}: allowed (Okta refused the harmless test call with ${err.status}, as intended)` };
    }
    if (err.status === 403) {
      return { scope: probe.scope, ok: false, detail: `${probe.area}: ${what} was refused${remote(err)}` };
    }
    // Outages are the caller's problem to retry, not a verdict on the token.
    if (err.code === 'RATE_LIMITED' || err.status >= 500) throw err;
    // Any other answer (404, 405...) proves nothing either way: not ok, but not called missing.
    return { scope: probe.scope, ok: false, unverified: true, detail: `${probe.area}: could not be verified (${err.status}${remote(err)})` };
  }
}

function remote(err: HttpError): string {
  const text = [err.remoteCode, err.remoteSummary].filter(Boolean).join(' ');
  return text ? `: ${text}` : '';
}

function tokenRejected(err: HttpError, kind: 'SSWS' | 'Bearer'): AppError {
  const code = err.remoteCode ?? 'E0000011';
  return new AppError('AUTH_FAILED', `The Okta API token was rejected (${code}${err.remoteSummary ? ` ${err.remoteSummary}` : ''}).`, {
    hint:
      kind === 'SSWS'
        ? 'Create a new token in the Okta Admin Console under Security -> API -> Tokens and save it in this profile (tokens unused for 30 days expire).'
        : 'The access token is invalid or expired; sign in again to get a new one.',
    cause: err,
  });
}
