import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkUrl, HostPolicy, normalizeOktaOrgUrl } from '../net/host-policy';
import type { SecretStore } from '../secrets/secret-store';
import { ProfileStore } from './profile-store';
import { ProfilesService } from './profiles-service';

describe('ProfilesService URL rules', () => {
  let policy: HostPolicy;
  let profiles: ProfilesService;
  beforeEach(async () => {
    policy = new HostPolicy();
    const store = new ProfileStore(await mkdtemp(join(tmpdir(), 'tloc-profiles-svc-')));
    profiles = new ProfilesService(store, {} as SecretStore, {
      normalizeOktaOrgUrl: (input) => normalizeOktaOrgUrl(input, policy),
      checkScimUrl: (url) => {
        policy.allowOrigin(url);
        checkUrl(policy, url, 'scim');
      },
      allowCustomOktaDomain: (host) => void policy.allowCustomOktaDomain(host),
    });
  });

  it('turns an admin-console address into the org origin', async () => {
    const p = await profiles.create({ name: 'Acme', oktaOrgUrl: 'https://acme-admin.okta.com/admin/dashboard', instance: 'd' });
    expect(p.okta).toEqual({ orgUrl: 'https://acme.okta.com', customDomain: false });
  });

  it('refuses a custom domain unless the admin says it is the org\'s custom Okta domain', async () => {
    await expect(profiles.create({ name: 'Acme', oktaOrgUrl: 'login.acme.example', instance: 'd' })).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    const p = await profiles.create({ name: 'Acme', oktaOrgUrl: 'login.acme.example', oktaCustomDomain: true, instance: 'd' });
    expect(p.okta).toEqual({ orgUrl: 'https://login.acme.example', customDomain: true });
  });

  it('refuses a SCIM API Url that is not https, saying so', async () => {
    await expect(
      profiles.create({ name: 'Acme', oktaOrgUrl: 'acme.okta.com', instance: 'd', scimUrl: 'http://portalapi.d.threatlocker.com/scim/v2' }),
    ).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED', message: expect.stringContaining('https') });
  });

  it('updates details and clears an optional one with null', async () => {
    const p = await profiles.create({ name: 'Acme', oktaOrgUrl: 'acme.okta.com', instance: 'd', scimUrl: 'https://portalapi.d.threatlocker.com/scim/v2' });
    const updated = await profiles.updateDetails(p.id, { instance: 'g', scimUrl: null });
    expect(updated.threatlocker).toEqual({ instance: 'g' });
  });
});
