/**
 * The Okta sign-in when the keychain fails half way: a real OIDC provider on 127.0.0.1 and the
 * real keychain, with one keychain call made to fail the way an OS keychain does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startOktaOidcServer } from '../../sandbox/okta/okta-oidc-server';
import { Redactor } from '../../src/main/services/log/redactor';
import { envProxyResolver, OutboundDispatcher } from '../../src/main/services/net/outbound';
import { OktaOAuthService } from '../../src/main/services/okta-oauth/okta-oauth-service';
import { osKeychain } from '../../src/main/services/secrets/os-keychain';
import { SecretStore, type KeytarLike } from '../../src/main/services/secrets/secret-store';
import { testKeychainService } from '../support/keychain';
import { followInBrowser } from '../support/oauth-browser';

const keychain = testKeychainService();
const dispatcher = new OutboundDispatcher({ resolveProxy: envProxyResolver({}), ca: [] });
afterAll(async () => {
  await keychain.cleanup();
  await dispatcher.close();
});

/** The real keychain, except that calls `fails` picks out throw. */
function faultyKeychain(fails: (op: 'set' | 'delete', account: string) => boolean): KeytarLike {
  return {
    getPassword: (s, a) => osKeychain.getPassword(s, a),
    findCredentials: (s) => osKeychain.findCredentials(s),
    setPassword: async (s, a, p) => {
      if (fails('set', a)) throw new Error('Platform secure storage failure');
      return osKeychain.setPassword(s, a, p);
    },
    deletePassword: async (s, a) => {
      if (fails('delete', a)) throw new Error('Platform secure storage failure');
      return osKeychain.deletePassword(s, a);
    },
  };
}

function service(keytar: KeytarLike, now?: () => Date) {
  const redactor = new Redactor();
  return new OktaOAuthService({
    secrets: new SecretStore(keytar, redactor, keychain.service),
    redactor,
    dispatcher,
    allowLoopbackHttp: true,
    openBrowser: async (url) => void followInBrowser(url),
    ...(now ? { now } : {}),
  });
}

describe('Okta sign-in with a failing keychain', () => {
  it('a save cut short after the session leaves no orphan access token, and the next call renews', async () => {
    const idp = await startOktaOidcServer();
    try {
      let failAccess = true;
      const oauth = service(faultyKeychain((op, a) => failAccess && op === 'set' && a.endsWith(':oktaOAuthAccessToken')));
      await expect(oauth.signIn('p-cut', idp.url, idp.clientId)).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
      expect(await osKeychain.getPassword(keychain.service, 'p-cut:oktaOAuthAccessToken')).toBeNull();
      expect(await osKeychain.getPassword(keychain.service, 'p-cut:oktaOAuthSession')).toContain('refreshToken');
      failAccess = false;
      const token = await oauth.accessToken('p-cut', [idp.url]);
      expect(await idp.verify(token)).toBeTruthy();
      expect(await osKeychain.getPassword(keychain.service, 'p-cut:oktaOAuthAccessToken')).toBe(token);
    } finally {
      await idp.stop();
    }
  });

  it('a refused refresh token is reported as such even when forgetting the sign-in fails', async () => {
    const idp = await startOktaOidcServer();
    try {
      let clock = Date.now();
      let failDelete = false;
      const oauth = service(faultyKeychain((op) => failDelete && op === 'delete'), () => new Date(clock));
      await oauth.signIn('p-grant', idp.url, idp.clientId);
      const { refreshToken } = JSON.parse((await osKeychain.getPassword(keychain.service, 'p-grant:oktaOAuthSession'))!) as { refreshToken: string };
      await fetch(`${idp.url}/oauth2/v1/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token', client_id: idp.clientId }),
      });
      clock += 3600_000;
      failDelete = true;
      const err = (await oauth.accessToken('p-grant', [idp.url]).catch((e: unknown) => e)) as Error & { hint?: string };
      expect(err.message).toMatch(/^Okta refused to renew the sign-in \(invalid_grant/);
      expect(err.hint).toBe('Sign in again.');
    } finally {
      await idp.stop();
    }
  });
});
