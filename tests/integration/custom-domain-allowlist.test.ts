/**
 * A custom Okta domain joins the app-wide allowlist only once a profile naming it is saved: an
 * edit or import refused for another field leaves it out. Real host policy, real profile files.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Redactor } from '../../src/main/services/log/redactor';
import { HostPolicy } from '../../src/main/services/net/host-policy';
import { ProfileStore } from '../../src/main/services/profiles/profile-store';
import { ProfilesService } from '../../src/main/services/profiles/profiles-service';
import { profileUrlRules } from '../../src/main/services/profiles/url-rules';
import { osKeychain } from '../../src/main/services/secrets/os-keychain';
import { SecretStore } from '../../src/main/services/secrets/secret-store';
import { testKeychainService } from '../support/keychain';

describe('custom Okta domain and the allowlist', () => {
  const keychain = testKeychainService();
  afterAll(() => keychain.cleanup());
  let policy: HostPolicy;
  let profiles: ProfilesService;
  beforeEach(async () => {
    policy = new HostPolicy();
    const store = new ProfileStore(await mkdtemp(join(tmpdir(), 'tloc-custom-domain-')));
    profiles = new ProfilesService(store, new SecretStore(osKeychain, new Redactor(), keychain.service), profileUrlRules(policy));
  });

  it('a refused update leaves the custom domain off the allowlist; a saved one adds it', async () => {
    const profile = await profiles.create({ name: 'Acme', oktaOrgUrl: 'acme.okta.com', instance: 'd' });
    await expect(profiles.updateDetails(profile.id, { oktaOrgUrl: 'login.acme.com', oktaCustomDomain: true, scimUrl: 'http://scim.acme.com/scim/v2' })).rejects.toMatchObject({
      code: 'HOST_NOT_ALLOWED',
    });
    expect([...policy.customOktaDomains]).toEqual([]);
    expect((await profiles.get(profile.id)).okta.orgUrl).toBe('https://acme.okta.com');

    const saved = await profiles.updateDetails(profile.id, { oktaOrgUrl: 'login.acme.com', oktaCustomDomain: true });
    expect(saved.okta).toEqual({ orgUrl: 'https://login.acme.com', customDomain: true });
    expect([...policy.customOktaDomains]).toEqual(['login.acme.com']);
  });

  it('a refused import leaves the custom domain off the allowlist', async () => {
    const file = (portalApiUrl: string) =>
      JSON.stringify({
        schemaVersion: 1,
        id: '5f0c6a52-1b7e-4c0e-9a55-2d5c8d1e0a11',
        name: 'Imported',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        sandbox: false,
        okta: { orgUrl: 'https://sso.example-corp.com', customDomain: true },
        threatlocker: { instance: 'd', portalApiUrl },
        setup: { steps: {} },
        mappings: [],
      });
    await expect(profiles.import('evil.tlprofile.json', file('https://portalapi.evil.example/'))).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    expect([...policy.customOktaDomains]).toEqual([]);
    await profiles.import('good.tlprofile.json', file('https://portalapi.d.threatlocker.com'));
    expect([...policy.customOktaDomains]).toEqual(['sso.example-corp.com']);
  });

  it('a custom domain that is no public name is refused and never allowed', async () => {
    await expect(profiles.create({ name: 'Bad', oktaOrgUrl: 'intranet', oktaCustomDomain: true, instance: 'd' })).rejects.toThrow(/^The custom Okta domain/);
    expect([...policy.customOktaDomains]).toEqual([]);
  });
});
