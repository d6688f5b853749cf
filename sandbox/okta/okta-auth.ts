import type { IncomingMessage } from 'node:http';
import { IdFactory } from './okta-ids';

/**
 * The simulator's credentials. They are sandbox values derived from the seed (stable across
 * runs so a demo configuration keeps working), not secrets.
 */
export interface OktaTokens {
  /** SSWS token of a super admin. */
  apiToken: string;
  /** SSWS token of a read-only admin: every manage operation answers 403 E0000006. */
  readOnlyApiToken: string;
  /** OAuth 2.0 access token carrying every okta.* scope the product uses. */
  bearerToken: string;
}

export interface Principal {
  scheme: 'SSWS' | 'Bearer';
  readOnly: boolean;
  /** For an OAuth access token from an authorization server: the scopes it was granted. */
  scopes?: string[];
}

/** Asks the authorization server which scopes a Bearer token carries; undefined: unknown, expired or revoked. */
export type BearerVerifier = (token: string) => Promise<{ scopes: string[] } | undefined>;

export function createTokens(seed: number): OktaTokens {
  const ids = new IdFactory(seed ^ 0x70cc);
  // Okta API tokens are 42 characters starting with "00".
  const apiToken = '00' + ids.token(40);
  const readOnlyApiToken = '00' + ids.token(40);
  const header = Buffer.from(JSON.stringify({ kid: 'sandbox', alg: 'RS256' })).toString('base64url');
  const payload = Buffer.from(
    JSON.stringify({
      ver: 1,
      jti: 'AT.' + ids.token(43),
      iss: 'okta-sandbox',
      aud: 'okta-sandbox',
      cid: '0oa' + ids.token(17, 'base62'),
      scp: [
        'okta.apps.read', 'okta.apps.manage', 'okta.groups.read', 'okta.groups.manage', 'okta.users.read',
        'okta.users.manage', 'okta.logs.read',
      ],
    }),
  ).toString('base64url');
  const bearerToken = `${header}.${payload}.${ids.token(86)}`;
  return { apiToken, readOnlyApiToken, bearerToken };
}

/** Resolves the Authorization header; undefined means 401 E0000011. */
export async function authenticate(req: IncomingMessage, tokens: OktaTokens, verifyBearer?: BearerVerifier): Promise<Principal | undefined> {
  const raw = req.headers.authorization;
  if (!raw) return undefined;
  const m = /^(SSWS|Bearer)\s+(\S+)\s*$/i.exec(raw);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase() === 'ssws' ? 'SSWS' : 'Bearer';
  const token = m[2]!;
  if (scheme === 'SSWS') {
    if (token === tokens.apiToken) return { scheme, readOnly: false };
    if (token === tokens.readOnlyApiToken) return { scheme, readOnly: true };
    return undefined;
  }
  if (token === tokens.bearerToken) return { scheme, readOnly: false };
  const verified = verifyBearer ? await verifyBearer(token) : undefined;
  return verified ? { scheme, readOnly: false, scopes: verified.scopes } : undefined;
}

/**
 * Scopes a route needs, from Okta's published table (okta-api.md section 13): the area is the
 * path's collection, the level the route's access; group push needs apps and groups together.
 */
export function routeScopes(path: string, access: 'read' | 'manage'): string[] {
  const area = /^\/api\/v1\/(apps|groups|users|logs)\b/.exec(path)?.[1];
  if (!area) return [];
  if (area === 'logs') return ['okta.logs.read'];
  if (area === 'apps' && path.includes('/group-push/')) return [`okta.apps.${access}`, `okta.groups.${access}`];
  return [`okta.${area}.${access}`];
}
