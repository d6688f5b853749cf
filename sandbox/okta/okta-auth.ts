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
}

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
export function authenticate(req: IncomingMessage, tokens: OktaTokens): Principal | undefined {
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
  return token === tokens.bearerToken ? { scheme, readOnly: false } : undefined;
}
