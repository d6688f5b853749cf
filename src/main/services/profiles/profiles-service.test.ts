import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { HostPolicy } from '../net/host-policy';
import type { SecretStore } from '../secrets/secret-store';
import { ProfileStore } from './profile-store';
import { ProfilesService } from './profiles-service';
import { profileUrlRules } from './url-rules';

describe('ProfilesService URL rules', () => {
  let policy: HostPolicy;
  let profiles: ProfilesService;
  beforeEach(async () => {
    policy = new HostPolicy();
    const store = new ProfileStore(await mkdtemp(join(tmpdir(), 'tloc-profiles-svc-')));
    profiles = new ProfilesService(store, { delete: async () => undefined } as unknown as SecretStore, profileUrlRules(policy));
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

  it('refuses a plain-http loopback SCIM API Url unless it is the sandbox\'s or --allow-loopback is on', async () => {
    const input = { name: 'Local', oktaOrgUrl: 'acme.okta.com', instance: 'd', scimUrl: 'http://127.0.0.1:9/scim/v2' };
    await expect(profiles.create(input)).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    policy.allowOrigin('http://127.0.0.1:9'); // what the sandbox does for its own servers
    expect((await profiles.create(input)).threatlocker.scimUrl).toBe('http://127.0.0.1:9/scim/v2');
  });

  it('never lets a SCIM API Url\'s host through as an Okta org', async () => {
    await profiles.create({ name: 'Acme', oktaOrgUrl: 'acme.okta.com', instance: 'd', scimUrl: 'https://scim.example.net/scim/v2' });
    await expect(profiles.create({ name: 'Evil', oktaOrgUrl: 'https://scim.example.net', instance: 'd' })).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    expect(policy.allowedOrigins.size).toBe(0);
  });

  it('refuses a SCIM API Url that is not https, saying so', async () => {
    await expect(
      profiles.create({ name: 'Acme', oktaOrgUrl: 'acme.okta.com', instance: 'd', scimUrl: 'http://portalapi.d.threatlocker.com/scim/v2' }),
    ).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED', message: expect.stringContaining('https') });
  });

  it('keeps the custom-domain flag when a patch leaves it out, and applies it alone', async () => {
    const p = await profiles.create({ name: 'Acme', oktaOrgUrl: 'login.acme.example', oktaCustomDomain: true, instance: 'd' });
    expect((await profiles.updateDetails(p.id, { oktaOrgUrl: 'login2.acme.example' })).okta).toEqual({ orgUrl: 'https://login2.acme.example', customDomain: true });
    const q = await profiles.create({ name: 'Beta', oktaOrgUrl: 'beta.okta.com', instance: 'd' });
    expect((await profiles.updateDetails(q.id, { oktaCustomDomain: true })).okta).toEqual({ orgUrl: 'https://beta.okta.com', customDomain: true });
  });

  it('updates details and clears an optional one with null', async () => {
    const p = await profiles.create({ name: 'Acme', oktaOrgUrl: 'acme.okta.com', instance: 'd', scimUrl: 'https://portalapi.d.threatlocker.com/scim/v2' });
    const updated = await profiles.updateDetails(p.id, { instance: 'g', scimUrl: null });
    expect(updated.threatlocker).toEqual({ instance: 'g' });
  });

  const base = { name: 'Acme', oktaOrgUrl: 'acme.okta.com', instance: 'd' };

  it('refuses to send a token to a metadata service, a private address or a private name', async () => {
    const p = await profiles.create(base);
    for (const scimUrl of ['https://169.254.169.254/latest', 'https://10.0.0.5:8443/admin', 'https://[fd00::1]/scim', 'https://0x7f000001/', 'https://scim.corp/v2', 'https://scim/v2']) {
      await expect(profiles.updateDetails(p.id, { scimUrl }), scimUrl).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    }
    for (const oktaOrgUrl of ['10.0.0.5', 'https://192.168.1.1', 'printer.local', 'metadata.google.internal', 'intranet']) {
      await expect(profiles.updateDetails(p.id, { oktaOrgUrl, oktaCustomDomain: true }), oktaOrgUrl).rejects.toMatchObject({ code: expect.stringMatching(/HOST_NOT_ALLOWED|VALIDATION/) });
    }
    expect(policy.customOktaDomains.size).toBe(0);
    expect((await profiles.get(p.id)).threatlocker.scimUrl).toBeUndefined();
  });

  const exportOf = (overrides: Record<string, unknown>) =>
    JSON.stringify({
      schemaVersion: 1,
      id: '11111111-2222-4333-8444-555555555555',
      name: 'Imported',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      okta: { orgUrl: 'https://acme.okta.com', customDomain: false },
      threatlocker: { instance: 'd' },
      ...overrides,
    });

  it('holds an imported file to the same address rules, and never trusts its sandbox flag', async () => {
    const hostile = [
      { threatlocker: { instance: 'd', scimUrl: 'https://10.0.0.5:8443/admin' } },
      { threatlocker: { instance: 'd', scimUrl: 'http://127.0.0.1:9/scim/v2' }, sandbox: true },
      { threatlocker: { instance: 'd', portalApiUrl: 'http://127.0.0.1:9' }, sandbox: true },
      { threatlocker: { instance: 'd', portalApiUrl: 'https://evil.example.net' } },
      { okta: { orgUrl: 'https://10.0.0.5', customDomain: true } },
      { okta: { orgUrl: 'https://evil.example.net', customDomain: false } },
    ];
    for (const overrides of hostile) {
      await expect(profiles.import('x.json', exportOf(overrides)), JSON.stringify(overrides)).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    }
    const imported = await profiles.import('x.json', exportOf({ sandbox: true, threatlocker: { instance: 'd', scimUrl: 'https://portalapi.d.threatlocker.com/scim/v2' } }));
    expect(imported.sandbox).toBe(false);
    expect(imported.id).not.toBe('11111111-2222-4333-8444-555555555555');
  });

  it('gives every import of one name a distinct name', async () => {
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await profiles.import('x.json', exportOf({}))).name);
    expect(names).toEqual(['Imported', 'Imported (imported)', 'Imported (imported 2)']);
  });
});
