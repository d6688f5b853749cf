/**
 * An Okta sign-in belongs to the org that issued it: moving the profile to another org signs it
 * out, and a sign-in from another authorization server is never sent as Bearer. Real OIDC
 * provider and Okta simulator on 127.0.0.1, real keychain, real profile files.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktaOidcServer, type OktaOidcServer } from '../../sandbox/okta/okta-oidc-server';
import { startOktaSimulator, type OktaSimulator } from '../../sandbox/okta/okta-simulator';
import { Redactor } from '../../src/main/services/log/redactor';
import { HostPolicy } from '../../src/main/services/net/host-policy';
import { createHttpClient } from '../../src/main/services/net/http-client';
import { envProxyResolver, OutboundDispatcher } from '../../src/main/services/net/outbound';
import type { HttpError } from '../../src/main/services/net/http-errors';
import { OktaClient } from '../../src/main/services/okta/okta-client';
import { OktaOAuthService } from '../../src/main/services/okta-oauth/okta-oauth-service';
import { ProfileClients } from '../../src/main/services/profile-clients';
import { ProfileStore } from '../../src/main/services/profiles/profile-store';
import { ProfilesService } from '../../src/main/services/profiles/profiles-service';
import { osKeychain } from '../../src/main/services/secrets/os-keychain';
import { SecretStore } from '../../src/main/services/secrets/secret-store';
import { testKeychainService } from '../support/keychain';
import { memoryLogger } from '../support/loopback';
import { followInBrowser } from '../support/oauth-browser';

const keychain = testKeychainService();
const redactor = new Redactor();
const secrets = new SecretStore(osKeychain, redactor, keychain.service);
const dispatcher = new OutboundDispatcher({ resolveProxy: envProxyResolver({}), ca: [] });
const oauth = new OktaOAuthService({ secrets, redactor, dispatcher, allowLoopbackHttp: true, openBrowser: async (url) => void followInBrowser(url) });
const rules = { normalizeOktaOrgUrl: (u: string) => u, checkScimUrl: () => undefined, checkPortalApiUrl: () => undefined, allowCustomOktaDomain: () => undefined };

describe('an Okta sign-in stays with its org', () => {
  let idp: OktaOidcServer;
  let sim: OktaSimulator;
  let store: ProfileStore;
  let profiles: ProfilesService;
  beforeAll(async () => {
    idp = await startOktaOidcServer({ grantedScopes: ['okta.groups.read'] });
    sim = await startOktaSimulator({ users: 2, verifyBearer: (t) => idp.verify(t) });
    store = new ProfileStore(await mkdtemp(join(tmpdir(), 'tloc-oauth-origin-')));
    profiles = new ProfilesService(store, secrets, rules);
  });
  afterAll(async () => {
    await sim.stop();
    await idp.stop();
    await keychain.cleanup();
    await dispatcher.close();
  });

  it('changing the Okta org URL removes the sign-in (access and refresh token), as it does the API token', async () => {
    const profile = await profiles.create({ name: 'Org A', oktaOrgUrl: idp.url, instance: 'd' });
    await oauth.signIn(profile.id, idp.url, idp.clientId);
    await secrets.set(profile.id, 'oktaApiToken', 'org-a-api-token-1111');
    expect(await oauth.signedIn(profile.id)).toBe(true);

    // Same origin, another path: nothing moves.
    await profiles.updateDetails(profile.id, { oktaOrgUrl: `${idp.url}/` });
    expect(await oauth.signedIn(profile.id)).toBe(true);

    await profiles.updateDetails(profile.id, { oktaOrgUrl: 'https://org-b.okta.com' });
    expect(await oauth.status(profile.id)).toEqual({ signedIn: false });
    expect(await osKeychain.getPassword(keychain.service, `${profile.id}:oktaOAuthAccessToken`)).toBeNull();
    expect(await osKeychain.getPassword(keychain.service, `${profile.id}:oktaOAuthSession`)).toBeNull();
    expect(await osKeychain.getPassword(keychain.service, `${profile.id}:oktaApiToken`)).toBeNull();
  });

  it('refuses to send a sign-in made at another authorization server to the profile\'s org', async () => {
    const policy = new HostPolicy({ allowLoopback: true });
    policy.allowOrigin(sim.url);
    const http = createHttpClient({ policy, logger: memoryLogger(redactor), dispatcher });
    const clients = new ProfileClients({ store, secrets, http, policy, oauth, sandboxIssuer: () => idp.url });
    // The profile points at the simulator's org; its keychain holds a sign-in issued by idp (another origin).
    const profile = await profiles.create({ name: 'Org B', oktaOrgUrl: sim.url, instance: 'd' });
    await oauth.signIn(profile.id, idp.url, idp.clientId);
    const err = (await clients.okta(profile).listGroups({ limit: 1 }).next().catch((e: unknown) => e)) as Error & { code?: string; hint?: string };
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toBe(`This profile's Okta sign-in was made at ${idp.url}, not at the profile's Okta org, so its token was not sent.`);
    expect(err.hint).toContain('sign in again');

    // The running sandbox's provider is the one other issuer a sandbox profile accepts.
    const sandboxProfile = { ...profile, sandbox: true };
    const group = (await clients.okta(sandboxProfile).listGroups({ limit: 1 }).next()).value;
    expect(group?.id).toMatch(/^00g/);
    await http.close();
  });

  it('a 401 under a sign-in says to sign in again, not to check an API token', async () => {
    const policy = new HostPolicy({ allowLoopback: true });
    policy.allowOrigin(sim.url);
    const http = createHttpClient({ policy, logger: memoryLogger(redactor), dispatcher });
    const okta = new OktaClient({ orgUrl: sim.url, http, getToken: async () => ({ kind: 'Bearer', value: 'eyJ.revoked-access-token.sig' }) });
    const err = (await okta.listGroups({ limit: 1 }).next().catch((e: unknown) => e)) as HttpError;
    expect(err.status).toBe(401);
    expect(err.message).toMatch(/^Okta refused the console's sign-in for GET \/api\/v1\/groups.*: it was revoked or has expired\.$/);
    expect(err.hint).toBe("Sign in again with Okta in the profile's Okta sign-in panel.");
    expect(err.hint).not.toContain('Security -> API -> Tokens');
    // A call with an API token keeps the API-token hint.
    const ssws = new OktaClient({ orgUrl: sim.url, http, getToken: async () => ({ kind: 'SSWS', value: 'not-a-real-api-token' }) });
    const tokenErr = (await ssws.listGroups({ limit: 1 }).next().catch((e: unknown) => e)) as HttpError;
    expect(tokenErr.status).toBe(401);
    expect(tokenErr.hint).toContain('Security -> API -> Tokens');
    await http.close();
  });
});
