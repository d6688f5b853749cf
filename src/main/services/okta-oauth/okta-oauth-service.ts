import { randomBytes } from 'node:crypto';
import { buildAuthorizeParams, getOAuthUrls, OktaAuth, type OktaAuthOptions, type TokenParams } from '@okta/okta-auth-js';
import type { Dispatcher } from 'undici';
import { AppError } from '../../../shared/errors';
import { OIDC_SCOPES, OKTA_API_SCOPES, type OAuthStatus } from '../../../shared/okta-oauth';
import type { Redactor } from '../log/redactor';
import type { SecretStore } from '../secrets/secret-store';
import { listenForRedirect, type RedirectResult } from './loopback-redirect';
import { oauthHttpClient } from './oauth-http';
import { oauthErrorToAppError } from './oauth-errors';
import { parseSession, type OAuthSession } from './oauth-session';

export interface OktaOAuthDeps {
  secrets: SecretStore;
  redactor: Redactor;
  /** The one outbound dispatcher (proxy, trusted roots). */
  dispatcher: Dispatcher;
  /** Opens the system browser (Electron: shell.openExternal); the browser host shows a link instead. */
  openBrowser: (url: string) => Promise<void>;
  now?: () => Date;
  /** How long the admin has to finish in the browser; default 5 minutes. */
  timeoutMs?: number;
  /** Renew this long before expiry; default 2 minutes. */
  refreshMarginMs?: number;
  /** Plain-http issuers on 127.0.0.1 this allows (the sandbox, tests); a real org is always https. */
  allowLoopbackHttp?: boolean | ((origin: string) => boolean);
}

/**
 * Sign-in to an Okta org with OAuth 2.0 authorization code + PKCE (RFC 7636) for a native app
 * (RFC 8252): okta-auth-js prepares the PKCE pair and authorize URL, exchanges the code, checks
 * the ID token (issuer, audience, nonce, signature against the org's keys), renews and revokes;
 * its HTTP goes through the console's dispatcher. Tokens live only in the keychain.
 */
export class OktaOAuthService {
  private readonly renewing = new Map<string, Promise<string>>();
  private readonly now: () => Date;

  constructor(private readonly deps: OktaOAuthDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Signs in end to end: opens the browser, waits for the redirect, stores the tokens. */
  async signIn(profileId: string, issuer: string, clientId: string, opts: { signal?: AbortSignal } = {}): Promise<OAuthStatus> {
    const pending = await this.start(profileId, issuer, clientId, opts);
    await this.deps.openBrowser(pending.authorizeUrl);
    return pending.finished;
  }

  /**
   * Prepares a sign-in and starts listening for the redirect; `finished` settles when the admin
   * comes back (or the wait times out). The loopback port is closed either way.
   */
  async start(profileId: string, issuer: string, clientId: string, opts: { signal?: AbortSignal } = {}): Promise<{ authorizeUrl: string; finished: Promise<OAuthStatus> }> {
    const state = randomBytes(24).toString('base64url');
    const redirect = await listenForRedirect({ state, timeoutMs: this.deps.timeoutMs ?? 300_000, ...(opts.signal ? { signal: opts.signal } : {}) });
    try {
      const sdk = this.sdk(issuer, clientId, redirect.redirectUri);
      const params: TokenParams = await sdk.token.prepareTokenParams({ state, responseType: 'code', pkce: true }).catch((e: unknown) => {
        throw oauthErrorToAppError(e, 'prepare', this.deps.redactor);
      });
      const authorizeUrl = `${getOAuthUrls(sdk).authorizeUrl}${buildAuthorizeParams(params)}`;
      const finished = this.finish(profileId, sdk, params, redirect.result).finally(() => redirect.close());
      // Settled by the caller; never an unhandled rejection if it stops listening.
      finished.catch(() => undefined);
      return { authorizeUrl, finished };
    } catch (err) {
      await redirect.close();
      throw err;
    }
  }

  private async finish(profileId: string, sdk: OktaAuth, params: TokenParams, redirect: Promise<RedirectResult>): Promise<OAuthStatus> {
    const { code, respond } = await redirect;
    try {
      const status = await this.complete(profileId, sdk, params, code);
      respond({ ok: true });
      return status;
    } catch (err) {
      // The tab says why (the same redacted message the console shows), never a token.
      const reason = err instanceof AppError ? err.message : 'The console could not finish the sign-in.';
      respond({ ok: false, reason: this.deps.redactor.redact(reason) });
      throw err;
    }
  }

  /** Exchanges the code (okta-auth-js checks the ID token) and saves the session. */
  private async complete(profileId: string, sdk: OktaAuth, params: TokenParams, code: string): Promise<OAuthStatus> {
    const { tokens } = await sdk.token.exchangeCodeForTokens({ ...params, authorizationCode: code }).catch((e: unknown) => {
      throw oauthErrorToAppError(e, 'exchange', this.deps.redactor);
    });
    if (!tokens.accessToken) throw new AppError('BAD_RESPONSE', 'Okta answered the sign-in without an access token.', { hint: 'Check the OIDC app allows Authorization Code, then sign in again.' });
    const claims: Record<string, unknown> = tokens.idToken?.claims ?? {};
    const session: OAuthSession = {
      issuer: sdk.options.issuer!,
      clientId: sdk.options.clientId!,
      expiresAt: tokens.accessToken.expiresAt,
      scopes: tokens.accessToken.scopes,
      user: String(claims['preferred_username'] ?? claims['email'] ?? claims['sub'] ?? 'unknown'),
      ...(typeof claims['name'] === 'string' ? { name: claims['name'] } : {}),
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken.refreshToken } : {}),
      signedInAt: this.now().toISOString(),
    };
    await this.save(profileId, session, tokens.accessToken.accessToken);
    return toStatus(session);
  }

  async status(profileId: string): Promise<OAuthStatus> {
    const session = parseSession(await this.deps.secrets.get(profileId, 'oktaOAuthSession'));
    return session ? toStatus(session) : { signedIn: false };
  }

  async signedIn(profileId: string): Promise<boolean> {
    return (await this.status(profileId)).signedIn;
  }

  /**
   * A valid access token, renewed silently with the refresh token when it is near expiry.
   * `issuerOrigins` are the origins this profile's calls go to (its org, or the sandbox's
   * provider): a sign-in made at any other authorization server is refused, so one org's token
   * is never sent to another.
   */
  async accessToken(profileId: string, issuerOrigins: readonly string[]): Promise<string> {
    const session = parseSession(await this.deps.secrets.get(profileId, 'oktaOAuthSession'));
    const token = await this.deps.secrets.get(profileId, 'oktaOAuthAccessToken');
    if (!session) throw notSignedIn();
    const issuer = originOf(session.issuer);
    if (!issuerOrigins.map(originOf).includes(issuer)) {
      throw new AppError('AUTH_FAILED', `This profile's Okta sign-in was made at ${issuer}, not at the profile's Okta org, so its token was not sent.`, {
        hint: 'Sign out, then sign in again from this profile.',
      });
    }
    const margin = this.deps.refreshMarginMs ?? 120_000;
    if (token && session.expiresAt * 1000 - margin > this.now().getTime()) return token;
    // Near expiry, or the access token entry is missing (a save cut short): renew.
    return this.refresh(profileId);
  }

  /** Renews now; concurrent callers share one renewal (a refresh token may be single use). */
  refresh(profileId: string): Promise<string> {
    const running = this.renewing.get(profileId);
    if (running) return running;
    const job = this.renew(profileId).finally(() => this.renewing.delete(profileId));
    this.renewing.set(profileId, job);
    return job;
  }

  /**
   * Revokes the refresh and access tokens at Okta, then forgets them. The keychain entries go
   * even if Okta cannot be reached; the answer says which revocations Okta confirmed.
   */
  async signOut(profileId: string): Promise<{ revoked: Array<'refresh token' | 'access token'>; failed: string[] }> {
    const session = parseSession(await this.deps.secrets.get(profileId, 'oktaOAuthSession'));
    const access = await this.deps.secrets.get(profileId, 'oktaOAuthAccessToken');
    const revoked: Array<'refresh token' | 'access token'> = [];
    const failed: string[] = [];
    if (session) {
      const sdk = this.sdk(session.issuer, session.clientId);
      const attempts: Array<['refresh token' | 'access token', string | undefined, 'refresh_token' | 'access_token']> = [
        ['refresh token', session.refreshToken, 'refresh_token'],
        ['access token', access ?? undefined, 'access_token'],
      ];
      for (const [label, value, hint] of attempts) {
        if (!value) continue;
        try {
          await this.revoke(sdk, session.clientId, value, hint);
          revoked.push(label);
        } catch (e) {
          failed.push(`${label}: ${oauthErrorToAppError(e, 'revoke', this.deps.redactor).message}`);
        }
      }
    } else if (access) {
      // Without the session the console knows neither the org that issued the token nor the app: it cannot revoke.
      failed.push(
        'The sign-in record in the keychain could not be read, so the console could not tell Okta to revoke its tokens; it removed them from this computer only. ' +
          'The access token stays valid at Okta until it expires (at most an hour); the refresh token, if one was issued, until Okta revokes it. ' +
          'To end them now, an Okta admin can clear the user\'s sessions and tokens in Okta (Directory → People → the user → Clear User Sessions).',
      );
    }
    await this.forget(profileId);
    return { revoked, failed };
  }

  private async forget(profileId: string): Promise<void> {
    await this.deps.secrets.delete(profileId, 'oktaOAuthAccessToken');
    await this.deps.secrets.delete(profileId, 'oktaOAuthSession');
  }

  private async renew(profileId: string): Promise<string> {
    const session = parseSession(await this.deps.secrets.get(profileId, 'oktaOAuthSession'));
    if (!session) throw notSignedIn();
    if (!session.refreshToken) {
      throw new AppError('AUTH_FAILED', 'The Okta sign-in has expired and cannot be renewed (Okta gave no refresh token).', {
        hint: 'Sign in again; to stay signed in, allow the Refresh Token grant on the OIDC app and the offline_access scope.',
      });
    }
    const sdk = this.sdk(session.issuer, session.clientId);
    const urls = getOAuthUrls(sdk);
    const refreshTokenObject = {
      refreshToken: session.refreshToken,
      expiresAt: 0,
      scopes: session.scopes,
      tokenUrl: urls.tokenUrl!,
      authorizeUrl: urls.authorizeUrl!,
      issuer: session.issuer,
    };
    const tokens = await sdk.token.renewTokensWithRefresh({ scopes: session.scopes }, refreshTokenObject).catch(async (e: unknown) => {
      const err = oauthErrorToAppError(e, 'refresh', this.deps.redactor);
      // Okta will not renew this sign-in again (revoked, expired, app changed): forget it, so the profile shows signed out.
      if ((e as { errorCode?: string }).errorCode === 'invalid_grant') {
        // A keychain failure here must not hide why the sign-in ended.
        await this.forget(profileId).catch(() => undefined);
      }
      throw err;
    });
    if (!tokens.accessToken) throw new AppError('BAD_RESPONSE', 'Okta renewed the sign-in without an access token.', { hint: 'Sign in again.' });
    const next: OAuthSession = {
      ...session,
      expiresAt: tokens.accessToken.expiresAt,
      scopes: tokens.accessToken.scopes,
      refreshedAt: this.now().toISOString(),
      // Okta may rotate refresh tokens: keep the newest.
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken.refreshToken } : {}),
    };
    await this.save(profileId, next, tokens.accessToken.accessToken);
    return tokens.accessToken.accessToken;
  }

  /**
   * RFC 7009 revocation for a public client: client_id in the form body. (okta-auth-js's own
   * revokeToken sends the client id as HTTP Basic with no secret, which a standard server
   * refuses for a client registered with token_endpoint_auth_method "none".)
   */
  private async revoke(sdk: OktaAuth, clientId: string, token: string, hint: 'refresh_token' | 'access_token'): Promise<void> {
    const http = oauthHttpClient(this.deps.dispatcher);
    await http('POST', getOAuthUrls(sdk).revokeUrl!, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      data: { token, token_type_hint: hint, client_id: clientId },
    });
  }

  /**
   * The session first, then the access token: a failure in between leaves a session without an
   * access token (shown signed in, renewed on next use), never an access token no session owns.
   * Both tokens are registered on their own before anything can log them.
   */
  private async save(profileId: string, session: OAuthSession, accessToken: string): Promise<void> {
    this.deps.redactor.register(accessToken);
    if (session.refreshToken) this.deps.redactor.register(session.refreshToken);
    await this.deps.secrets.set(profileId, 'oktaOAuthSession', JSON.stringify(session));
    await this.deps.secrets.set(profileId, 'oktaOAuthAccessToken', accessToken);
  }

  private sdk(issuer: string, clientId: string, redirectUri?: string): OktaAuth {
    const origin = new URL(issuer).origin;
    const allow = this.deps.allowLoopbackHttp;
    const loopbackHttp = /^http:\/\/127\.0\.0\.1(:\d+)?$/.test(origin) && (typeof allow === 'function' ? allow(origin) : allow === true);
    if (!issuer.startsWith('https://') && !loopbackHttp) {
      throw new AppError('HOST_NOT_ALLOWED', `Sign-in needs the Okta org over https; ${new URL(issuer).origin} is not.`, { hint: 'Check the Okta org URL in the profile.' });
    }
    const memory = memoryStorage();
    const options: OktaAuthOptions = {
      issuer: new URL(issuer).origin,
      clientId,
      scopes: [...OIDC_SCOPES, ...OKTA_API_SCOPES],
      pkce: true,
      httpRequestClient: oauthHttpClient(this.deps.dispatcher) as unknown as OktaAuthOptions['httpRequestClient'],
      // Nothing kept by the SDK: the keychain is the only store.
      // A memory store per instance: the SDK keeps nothing beyond one call (the keychain is the only store).
      tokenManager: { storage: memory, autoRenew: false, autoRemove: false, syncStorage: false },
      storageManager: { token: { storageProvider: memory }, transaction: { storageProvider: memory } },
      services: { autoRenew: false, autoRemove: false, syncStorage: false },
      ...(loopbackHttp ? { testing: { disableHTTPSCheck: true } } : {}),
    };
    if (redirectUri) options.redirectUri = redirectUri;
    return new OktaAuth(options);
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

function notSignedIn(): AppError {
  return new AppError('SECRET_MISSING', 'This profile is not signed in to Okta.', { hint: 'Sign in with Okta in the profile, or save an Okta API token.' });
}

function toStatus(session: OAuthSession): OAuthStatus {
  const granted = new Set(session.scopes);
  return {
    signedIn: true,
    clientId: session.clientId,
    user: session.user,
    ...(session.name ? { name: session.name } : {}),
    signedInAt: session.signedInAt,
    ...(session.refreshedAt ? { refreshedAt: session.refreshedAt } : {}),
    expiresAt: new Date(session.expiresAt * 1000).toISOString(),
    scopes: session.scopes,
    missingScopes: OKTA_API_SCOPES.filter((s) => !granted.has(s)),
    canRefresh: Boolean(session.refreshToken),
  };
}
