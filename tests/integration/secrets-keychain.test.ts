import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../src/main/services/log/redactor';
import { ProfileStore } from '../../src/main/services/profiles/profile-store';
import { ProfilesService } from '../../src/main/services/profiles/profiles-service';
import { osKeychain } from '../../src/main/services/secrets/os-keychain';
import { SecretStore } from '../../src/main/services/secrets/secret-store';
import { SecretsService } from '../../src/main/services/profiles/secrets-service';
import { testKeychainService } from '../support/keychain';

/** Real OS keychain (gnome-keyring under CI's D-Bus session), real files. */
describe('secrets in the OS keychain', () => {
  const keychain = testKeychainService();
  let dataDir: string;
  let profiles: ProfilesService;
  let secrets: SecretsService;
  let store: SecretStore;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tloc-secrets-'));
    const profileStore = new ProfileStore(dataDir);
    store = new SecretStore(osKeychain, new Redactor(), keychain.service);
    profiles = new ProfilesService(profileStore, store, {
      normalizeOktaOrgUrl: (u) => u,
      checkScimUrl: () => undefined,
      checkPortalApiUrl: () => undefined,
      allowCustomOktaDomain: () => undefined,
    });
    secrets = new SecretsService(store, profileStore, null);
  });
  afterAll(() => keychain.cleanup());

  const newProfile = (name: string) => profiles.create({ name, oktaOrgUrl: 'https://acme.okta.com', instance: 'd' });

  it('stores a token in the keychain and shows only presence, last four and time', async () => {
    const profile = await newProfile('Acme');
    const canary = `canary-${Date.now()}-Zq9X`;
    const status = await secrets.set(profile.id, 'oktaApiToken', canary);

    expect(status).toMatchObject({ kind: 'oktaApiToken', present: true, fingerprint: 'Zq9X' });
    expect(status.savedAt).toBeTruthy();
    expect(JSON.stringify(status)).not.toContain(canary);
    expect(await osKeychain.getPassword(keychain.service, `${profile.id}:oktaApiToken`)).toBe(canary);

    const all = await secrets.statusAll(profile.id);
    expect(all.find((s) => s.kind === 'oktaApiToken')).toMatchObject({ present: true, fingerprint: 'Zq9X' });
    expect(all.find((s) => s.kind === 'scimBearerToken')).toEqual({ kind: 'scimBearerToken', present: false });

    // Every file, the last good copies in profiles/.last-good included.
    const files = (await readdir(join(dataDir, 'profiles'), { recursive: true })).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      expect(await readFile(join(dataDir, 'profiles', file), 'utf8')).not.toContain(canary);
    }
  });

  it('replaces and deletes a token', async () => {
    const profile = await newProfile('Replace me');
    await secrets.set(profile.id, 'scimBearerToken', 'first-token-AAAA');
    expect(await secrets.set(profile.id, 'scimBearerToken', 'second-token-BBBB')).toMatchObject({ fingerprint: 'BBBB' });
    expect(await store.get(profile.id, 'scimBearerToken')).toBe('second-token-BBBB');
    expect(await secrets.delete(profile.id, 'scimBearerToken')).toEqual({ kind: 'scimBearerToken', present: false });
    expect(await store.get(profile.id, 'scimBearerToken')).toBeNull();
  });

  it('refuses a token already saved for another profile, naming that profile', async () => {
    const a = await newProfile('Tenant A');
    const b = await newProfile('Tenant B');
    await secrets.set(a.id, 'scimBearerToken', 'shared-token-1234');
    await expect(secrets.set(b.id, 'scimBearerToken', 'shared-token-1234')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Tenant A'),
    });
  });

  it('deleting a profile deletes all of its secrets', async () => {
    const profile = await newProfile('Doomed');
    await secrets.set(profile.id, 'oktaApiToken', 'doomed-okta-1111');
    await secrets.set(profile.id, 'threatlockerPortalToken', 'doomed-portal-2222');
    await profiles.delete(profile.id);
    const left = (await osKeychain.findCredentials(keychain.service)).filter((c) => c.account.startsWith(profile.id));
    expect(left).toEqual([]);
    await expect(profiles.get(profile.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('exports a profile without secrets and imports it as a new profile', async () => {
    const profile = await newProfile('Portable');
    await secrets.set(profile.id, 'oktaApiToken', 'portable-secret-9876');
    const exported = await profiles.export(profile.id);
    expect(exported.fileName).toBe('portable.tlprofile.json');
    expect(exported.content).not.toContain('portable-secret-9876');
    expect(exported.content).not.toContain('secretsMeta');

    const imported = await profiles.import(exported.fileName, exported.content);
    expect(imported.id).not.toBe(profile.id);
    expect(imported.name).toBe('Portable (imported)');
    expect((await secrets.statusAll(imported.id)).every((s) => !s.present)).toBe(true);
    await expect(profiles.import('junk.json', '{nope')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('registers the refresh token inside a saved Okta sign-in on its own, so a line holding only it is redacted', async () => {
    const profile = await newProfile('Signed in');
    const refreshToken = `rt-canary-${Date.now()}-QQQQ`;
    const session = JSON.stringify({ issuer: 'https://acme.okta.com', clientId: '0oa1', refreshToken, expiresAt: 1, scopes: [], user: 'a', signedInAt: 'x' });
    const writer = new Redactor();
    await new SecretStore(osKeychain, writer, keychain.service).set(profile.id, 'oktaOAuthSession', session);
    expect(writer.redact(`renewal failed for ${refreshToken}.`)).toBe('renewal failed for [REDACTED].');
    // A later run that only reads the entry registers it too.
    const reader = new Redactor();
    await new SecretStore(osKeychain, reader, keychain.service).get(profile.id, 'oktaOAuthSession');
    expect(reader.redact(`renewal failed for ${refreshToken}.`)).toBe('renewal failed for [REDACTED].');
  });

  it('clears a token when its destination changes, and keeps it when only the path does', async () => {
    const profile = await profiles.create({ name: 'Moving', oktaOrgUrl: 'https://acme.okta.com', instance: 'd', scimUrl: 'https://portalapi.d.threatlocker.com/scim/v2' });
    await secrets.set(profile.id, 'oktaApiToken', 'moving-okta-1111');
    await secrets.set(profile.id, 'scimBearerToken', 'moving-scim-2222');
    await secrets.set(profile.id, 'threatlockerPortalToken', 'moving-portal-3333');

    const samePlace = await profiles.updateDetails(profile.id, { scimUrl: 'https://portalapi.d.threatlocker.com/scim/v2/' });
    expect(Object.keys(samePlace.secretsMeta).sort()).toEqual(['oktaApiToken', 'scimBearerToken', 'threatlockerPortalToken']);

    const moved = await profiles.updateDetails(profile.id, { scimUrl: 'https://scim.elsewhere.net/scim/v2' });
    expect(await store.get(profile.id, 'scimBearerToken')).toBeNull();
    expect(moved.secretsMeta.scimBearerToken).toBeUndefined();
    expect(await store.get(profile.id, 'oktaApiToken')).toBe('moving-okta-1111');

    await profiles.updateDetails(profile.id, { oktaOrgUrl: 'https://other.okta.com' });
    expect(await store.get(profile.id, 'oktaApiToken')).toBeNull();
    expect(await store.get(profile.id, 'threatlockerPortalToken')).toBe('moving-portal-3333');

    const newInstance = await profiles.updateDetails(profile.id, { instance: 'g' });
    expect(await store.get(profile.id, 'threatlockerPortalToken')).toBeNull();
    expect(newInstance.secretsMeta).toEqual({});
  });
});
