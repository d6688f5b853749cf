/**
 * Sign-in with OAuth 2.0 authorization code + PKCE against a real OpenID Connect provider on
 * 127.0.0.1 (oidc-provider, Okta's org-server paths, PKCE required), tokens in the real keychain,
 * the access token used as Bearer against the Okta simulator, then refresh and revoke.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOktaOidcServer, type OktaOidcServer } from '../../sandbox/okta/okta-oidc-server';
import { startOktaSimulator, type OktaSimulator } from '../../sandbox/okta/okta-simulator';
import { Redactor } from '../../src/main/services/log/redactor';
import { HostPolicy } from '../../src/main/services/net/host-policy';
import { createHttpClient } from '../../src/main/services/net/http-client';
import type { HttpError } from '../../src/main/services/net/http-errors';
import { envProxyResolver, OutboundDispatcher } from '../../src/main/services/net/outbound';
import { memoryLogger } from '../support/loopback';
import { OktaClient } from '../../src/main/services/okta/okta-client';
import { OktaOAuthService } from '../../src/main/services/okta-oauth/okta-oauth-service';
import { osKeychain } from '../../src/main/services/secrets/os-keychain';
import { SecretStore } from '../../src/main/services/secrets/secret-store';
import { testKeychainService } from '../support/keychain';
import { followInBrowser, pageText } from '../support/oauth-browser';

const keychain = testKeychainService();
const redactor = new Redactor();
const secrets = new SecretStore(osKeychain, redactor, keychain.service);
const dispatcher = new OutboundDispatcher({ resolveProxy: envProxyResolver({}), ca: [] });
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});
afterAll(async () => {
  await keychain.cleanup();
  await dispatcher.close();
});

/** A sign-in whose "browser" is driven by the test: `browse` gets the authorize URL. */
function service(browse: (url: string) => Promise<unknown>, opts: { timeoutMs?: number; now?: () => Date } = {}) {
  return new OktaOAuthService({
    secrets,
    redactor,
    dispatcher,
    allowLoopbackHttp: true,
    openBrowser: async (url) => {
      // The console does not wait for the browser: the redirect listener does.
      void browse(url);
    },
    ...opts,
  });
}

async function oidc(opts: Parameters<typeof startOktaOidcServer>[0] = {}): Promise<OktaOidcServer> {
  const server = await startOktaOidcServer(opts);
  stops.push(server.stop);
  return server;
}

describe('Okta sign-in (authorization code + PKCE)', () => {
  let sim: OktaSimulator;
  let idp: OktaOidcServer;
  beforeAll(async () => {
    idp = await startOktaOidcServer({ grantedScopes: ['okta.apps.read', 'okta.apps.manage', 'okta.groups.read', 'okta.users.read', 'okta.logs.read'] });
    sim = await startOktaSimulator({ users: 20, verifyBearer: (t) => idp.verify(t) });
  });
  afterAll(async () => {
    await sim.stop();
    await idp.stop();
  });

  it('signs in, stores the tokens only in the keychain, and calls Okta with the Bearer token within its scopes', async () => {
    const pages: string[] = [];
    const oauth = service(async (url) => pages.push(pageText((await followInBrowser(url)).text)));
    const status = await oauth.signIn('p-ok', idp.url, idp.clientId);

    expect(status).toMatchObject({ signedIn: true, user: 'admin@acme-sandbox.example', name: 'Sandbox Admin', canRefresh: true });
    expect(status.scopes).toEqual(expect.arrayContaining(['okta.apps.read', 'okta.users.read']));
    expect(status.missingScopes).toEqual(['okta.groups.manage', 'okta.users.manage']);
    await expect.poll(() => pages[0]).toContain('You can close this tab and go back to the ThreatLocker Okta Console');

    const access = await osKeychain.getPassword(keychain.service, 'p-ok:oktaOAuthAccessToken');
    const session = await osKeychain.getPassword(keychain.service, 'p-ok:oktaOAuthSession');
    expect(access).toBeTruthy();
    expect(JSON.parse(session!)).toMatchObject({ refreshToken: expect.any(String), clientId: idp.clientId });
    expect(JSON.stringify(status)).not.toContain(access!);

    const policy = new HostPolicy({ allowLoopback: true });
    policy.allowOrigin(sim.url);
    const logger = memoryLogger(redactor);
    const http = createHttpClient({ policy, logger, dispatcher });
    const okta = new OktaClient({ orgUrl: sim.url, http, getToken: async () => ({ kind: 'Bearer', value: await oauth.accessToken('p-ok', [idp.url]) }) });
    // Within the granted scopes: groups and users are read with the Bearer token.
    const group = (await okta.listGroups({ limit: 1 }).next()).value;
    expect(group?.id).toMatch(/^00g/);

    // users.manage was not granted: Okta's 403 E0000006, named with the scope and the fix.
    const user = (await okta.listUsers({ limit: 1 }).next()).value!;
    const refused = (await okta.updateUserProfile(user.id, { nickName: 'x' }).catch((e: unknown) => e)) as HttpError;
    expect(refused.status).toBe(403);
    expect(refused.remoteCode).toBe('E0000006');
    expect(refused.message).toContain('was not granted okta.users.manage');
    expect(refused.hint).toContain('Okta API Scopes and grant okta.users.manage');

    for (const line of [...logger.lines]) expect(line).not.toContain(access!);
    await http.close();
  });

  it('renews silently before expiry (the refresh token rotates) and sign-out revokes both tokens at Okta', async () => {
    let clock = Date.now();
    const oauth = service(async (url) => followInBrowser(url), { now: () => new Date(clock) });
    await oauth.signIn('p-refresh', idp.url, idp.clientId);
    const first = await oauth.accessToken('p-refresh', [idp.url]);
    const firstRefresh = JSON.parse((await secrets.get('p-refresh', 'oktaOAuthSession'))!).refreshToken;
    expect(await idp.verify(first)).toBeTruthy();

    clock += 3600_000 - 60_000; // within the renewal margin of the one-hour token
    const [second, again] = await Promise.all([oauth.accessToken('p-refresh', [idp.url]), oauth.accessToken('p-refresh', [idp.url])]);
    expect(second).not.toBe(first);
    expect(again).toBe(second); // one renewal shared, not two racing with a single-use refresh token
    const renewed = JSON.parse((await secrets.get('p-refresh', 'oktaOAuthSession'))!);
    expect(renewed.refreshToken).not.toBe(firstRefresh);
    expect(renewed.refreshedAt).toBeTruthy();
    expect((await idp.verify(second))?.scopes).toContain('okta.apps.read');

    const out = await oauth.signOut('p-refresh');
    expect(out).toEqual({ revoked: ['refresh token', 'access token'], failed: [] });
    expect(await idp.verify(second)).toBeUndefined();
    expect(await osKeychain.getPassword(keychain.service, 'p-refresh:oktaOAuthAccessToken')).toBeNull();
    expect(await osKeychain.getPassword(keychain.service, 'p-refresh:oktaOAuthSession')).toBeNull();
    expect(await oauth.status('p-refresh')).toEqual({ signedIn: false });
    // The simulator asks the authorization server: the revoked token is refused there too.
    const res = await fetch(`${sim.url}/api/v1/apps?limit=1`, { headers: { authorization: `Bearer ${second}` } });
    expect(res.status).toBe(401);
  });
});

describe('Okta sign-in refusals', () => {
  it('a refresh token revoked at Okta ends the sign-in with a clear message, and the profile shows signed out', async () => {
    const idp = await oidc();
    let clock = Date.now();
    const oauth = service(async (url) => followInBrowser(url), { now: () => new Date(clock) });
    await oauth.signIn('p-revoked', idp.url, idp.clientId);
    const session = JSON.parse((await secrets.get('p-revoked', 'oktaOAuthSession'))!) as { refreshToken: string };
    // An Okta admin revokes the console's refresh token (Okta: the app's Tokens tab).
    const res = await fetch(`${idp.url}/oauth2/v1/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: session.refreshToken, token_type_hint: 'refresh_token', client_id: idp.clientId }),
    });
    expect(res.status).toBe(200);
    clock += 3600_000;
    const err = (await oauth.accessToken('p-revoked', [idp.url]).catch((e: unknown) => e)) as Error & { hint?: string };
    expect(err.message).toMatch(/^Okta refused to renew the sign-in \(invalid_grant: .+\)\. The refresh token was revoked or has expired\.$/);
    expect(err.hint).toBe('Sign in again.');
    expect(await oauth.status('p-revoked')).toEqual({ signedIn: false });
    expect(await osKeychain.getPassword(keychain.service, 'p-revoked:oktaOAuthAccessToken')).toBeNull();
  });

  it('signing out with an unreadable sign-in record says plainly that nothing was revoked at Okta, and what to do', async () => {
    const idp = await oidc();
    const oauth = service(async (url) => followInBrowser(url));
    await oauth.signIn('p-unreadable', idp.url, idp.clientId);
    const access = (await osKeychain.getPassword(keychain.service, 'p-unreadable:oktaOAuthAccessToken'))!;
    await osKeychain.setPassword(keychain.service, 'p-unreadable:oktaOAuthSession', '{"cut in half');
    const out = await oauth.signOut('p-unreadable');
    expect(out.revoked).toEqual([]);
    expect(out.failed).toHaveLength(1);
    expect(out.failed[0]).toContain('could not tell Okta to revoke its tokens; it removed them from this computer only');
    expect(out.failed[0]).toContain('Clear User Sessions');
    // True to the letter: Okta still accepts the token.
    expect(await idp.verify(access)).toBeTruthy();
    expect(await osKeychain.getPassword(keychain.service, 'p-unreadable:oktaOAuthAccessToken')).toBeNull();
    expect(await oauth.status('p-unreadable')).toEqual({ signedIn: false });
  });

  it('refuses a redirect with a tampered state and keeps waiting for the real one', async () => {
    const idp = await oidc();
    const tampered: string[] = [];
    const oauth = service(async (url) => {
      const held = await followInBrowser(url, { stopAt: (u) => u.includes('/authorization-code/callback') });
      const forged = new URL(held.url);
      forged.searchParams.set('state', 'forged-state');
      tampered.push(pageText(await (await fetch(forged)).text()));
      await fetch(held.url);
    });
    const status = await oauth.signIn('p-state', idp.url, idp.clientId);
    expect(tampered[0]).toContain('did not carry the state the console sent, so it was not accepted');
    expect(status.signedIn).toBe(true);
    await oauth.signOut('p-state');
  });

  it('refuses a redirect to another path on the loopback port', async () => {
    const idp = await oidc();
    let wrongPath = '';
    const oauth = service(async (url) => {
      const held = await followInBrowser(url, { stopAt: (u) => u.includes('/authorization-code/callback') });
      const wrong = new URL(held.url);
      wrong.pathname = '/callback';
      const res = await fetch(wrong);
      wrongPath = `${res.status} ${pageText(await res.text())}`;
      await fetch(held.url);
    });
    await oauth.signIn('p-path', idp.url, idp.clientId);
    expect(wrongPath).toMatch(/^404 .*only receives the Okta sign-in redirect/);
    await oauth.signOut('p-path');
  });

  it('refuses an authorize request whose redirect is not the registered one (the provider answers, no code is issued)', async () => {
    const idp = await oidc();
    const visit = await new Promise<Awaited<ReturnType<typeof followInBrowser>>>((resolve, reject) => {
      const oauth = service(async (url) => {
        const bad = new URL(url);
        bad.searchParams.set('redirect_uri', 'http://127.0.0.1:1/elsewhere');
        resolve(await followInBrowser(bad.href));
      }, { timeoutMs: 3000 });
      oauth.signIn('p-redirect', idp.url, idp.clientId).catch(() => undefined);
      setTimeout(() => reject(new Error('no answer')), 5000);
    });
    expect(visit.status).toBe(400);
    expect(visit.text).toContain('redirect_uri did not match any of the client');
  });

  it('refuses a replayed authorization code with a clear message', async () => {
    const idp = await oidc();
    let callback = '';
    const first = service(async (url) => {
      const held = await followInBrowser(url, { stopAt: (u) => u.includes('/authorization-code/callback') });
      callback = held.url;
      await fetch(held.url);
    });
    await first.signIn('p-replay', idp.url, idp.clientId);
    // An attacker who saw the redirect replays the code against the token endpoint with a verifier of their own.
    const code = new URL(callback).searchParams.get('code')!;
    const res = await fetch(`${idp.url}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: idp.clientId, redirect_uri: new URL(callback).origin + new URL(callback).pathname, code_verifier: 'x'.repeat(43) }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
    // And the console's own exchange of a used code says what happened.
    let tab = '';
    const replay = service(async (url) => {
      const held = await followInBrowser(url, { stopAt: (u) => u.includes('/authorization-code/callback') });
      const again = new URL(held.url);
      again.searchParams.set('code', code);
      const res = await fetch(again);
      tab = `${res.status} ${pageText(await res.text())}`;
    });
    const err = (await replay.signIn('p-replay-2', idp.url, idp.clientId).catch((e: unknown) => e)) as Error & { hint?: string };
    expect(err.message).toContain('Okta refused the authorization code (invalid_grant');
    expect(err.message).toContain('A code works once');
    // The browser tab is answered after the exchange, with the failure, not "Signed in".
    await expect.poll(() => tab).toMatch(/^502 Sign-in failed Sign-in failed Okta refused the authorization code \(invalid_grant/);
    expect(tab).toContain('Go back to the console for what to do next.');
    expect(tab).not.toContain(code);
    expect(await secrets.get('p-replay-2', 'oktaOAuthAccessToken')).toBeNull();
    await first.signOut('p-replay');
  });

  it('times out cleanly when the browser never comes back, and the port is closed', async () => {
    const idp = await oidc();
    let redirectPort = '';
    const oauth = service(async (url) => {
      redirectPort = new URL(new URL(url).searchParams.get('redirect_uri')!).port;
    }, { timeoutMs: 300 });
    const err = (await oauth.signIn('p-timeout', idp.url, idp.clientId).catch((e: unknown) => e)) as Error & { code?: string; hint?: string };
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toBe('Sign-in timed out: no answer from the browser within 0 seconds.');
    expect(err.hint).toContain('Start the sign-in again');
    await expect(fetch(`http://127.0.0.1:${redirectPort}/authorization-code/callback`)).rejects.toThrow();
  });
});
