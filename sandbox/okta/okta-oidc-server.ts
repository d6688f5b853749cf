import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { OKTA_API_SCOPES } from '../../src/shared/okta-oauth';

/**
 * An Okta org authorization server stand-in: a real OpenID Connect provider (oidc-provider) on
 * 127.0.0.1 with Okta's org-server paths (/oauth2/v1/authorize, token, keys, revoke), one native
 * public client, PKCE required, refresh tokens rotated on use. The browser part is automatic: the
 * first visit signs in the configured admin and grants `grantedScopes` (an admin whose role
 * lacks a scope is modelled by leaving it out). The Okta simulator asks `verify` which scopes a
 * Bearer token carries, so a revoked or expired token is refused there too.
 */
export interface OktaOidcServerOptions {
  clientId?: string;
  /** Who signs in; default admin@acme-sandbox.example. */
  user?: string;
  /** Okta API scopes the admin may grant; default all the console asks for. */
  grantedScopes?: readonly string[];
  /** Access token lifetime in seconds; default 3600 (Okta's default). */
  accessTokenTtl?: number;
}

export interface OktaOidcServer {
  /** The issuer: http://127.0.0.1:<port> (an org authorization server has no /oauth2/<id> path). */
  url: string;
  clientId: string;
  /** The scopes an access token carries, or undefined when it is unknown, expired or revoked. */
  verify(token: string): Promise<{ scopes: string[]; user: string } | undefined>;
  stop(): Promise<void>;
}

/** The API "resource" every Okta scope belongs to (Okta's org server has one audience too). */
const RESOURCE = 'urn:okta:org-api';

export async function startOktaOidcServer(opts: OktaOidcServerOptions = {}): Promise<OktaOidcServer> {
  const clientId = opts.clientId ?? '0oaSandboxConsole0001';
  const user = opts.user ?? 'admin@acme-sandbox.example';
  const granted = [...(opts.grantedScopes ?? OKTA_API_SCOPES)];
  const server = createServer((req, res) => {
    void route(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) return signInAutomatically(req, res);
    provider.callback()(req, res);
  };

  // The admin "signs in and consents": the grant holds the OIDC scopes asked for and the API scopes allowed.
  const signInAutomatically = async (req: IncomingMessage, res: ServerResponse) => {
    const details = await provider.interactionDetails(req, res);
    const asked = String(details.params['scope'] ?? '').split(' ');
    const grant = new provider.Grant({ accountId: user, clientId });
    grant.addOIDCScope(asked.filter((s) => ['openid', 'profile', 'offline_access'].includes(s)).join(' '));
    grant.addResourceScope(RESOURCE, asked.filter((s) => granted.includes(s)).join(' '));
    // Refused, like an Okta admin role without them: the token is issued without these scopes.
    const refused = asked.filter((s) => s.startsWith('okta.') && !granted.includes(s));
    if (refused.length) grant.rejectResourceScope(RESOURCE, refused.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: user }, consent: { grantId } }, { mergeWithLastSubmission: false });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/authorization-code/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    routes: {
      authorization: '/oauth2/v1/authorize',
      token: '/oauth2/v1/token',
      jwks: '/oauth2/v1/keys',
      revocation: '/oauth2/v1/revoke',
      userinfo: '/oauth2/v1/userinfo',
      end_session: '/oauth2/v1/logout',
    },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, preferred_username: sub, name: 'Sandbox Admin' }) }),
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: OKTA_API_SCOPES.join(' '), accessTokenFormat: 'opaque', accessTokenTTL: opts.accessTokenTtl ?? 3600 }),
      },
    },
    // Okta issues a refresh token when the app allows the grant and offline_access is asked for.
    // oidc-provider drops offline_access unless prompt=consent (Okta does not), so the grant decides here.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: { AccessToken: opts.accessTokenTtl ?? 3600, AuthorizationCode: 60, Interaction: 300, Session: 600, Grant: 3600, RefreshToken: 86_400 },
  };
  // Used by the handlers above, which run only after this point (the first request comes later).
  const provider = new Provider(url, configuration);
  provider.proxy = false;

  return {
    url,
    clientId,
    async verify(token) {
      const found = await provider.AccessToken.find(token);
      if (!found || found.isExpired) return undefined;
      return { scopes: String(found.scope ?? '').split(' ').filter(Boolean), user: String(found.accountId) };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
