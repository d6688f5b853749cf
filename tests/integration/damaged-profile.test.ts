import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestOf, ResultOf } from '../../src/shared/ipc-contract';
import type { NewProfileInput } from '../../src/shared/profile';
import { testAppServices } from '../support/app-services';
import { createDispatch } from '../../src/main/ipc/handle';
import { osKeychain } from '../../src/main/services/secrets/os-keychain';
import { testKeychainService } from '../support/keychain';
import { newDataDir } from '../support/setup-harness';

/**
 * A profile file cut in half: its tokens are still in the keychain under its id, and the
 * console refuses the same token for another profile. From the notice the admin restores the
 * last good copy, or moves the tokens to a new profile, or deletes them; nothing is lost.
 */
describe('damaged profile recovery', () => {
  const keychain = testKeychainService();
  afterAll(() => keychain.cleanup());

  const tokens = {
    oktaApiToken: `00okta-${Date.now()}-damaged-AAAA`,
    threatlockerPortalToken: `portal-${Date.now()}-damaged-BBBB`,
    scimBearerToken: `scim-${Date.now()}-damaged-CCCC`,
  };
  const input: NewProfileInput = { name: 'Acme', oktaOrgUrl: 'https://acme.okta.com', instance: 'd', scimUrl: 'https://portalapi.d.threatlocker.com/scim/v2' };

  let dataDir: string;
  let call: <C extends keyof typeof services.handlers>(channel: C, payload: RequestOf<C>) => Promise<ResultOf<C>>;
  let services: ReturnType<typeof testAppServices>;
  let damagedFile: string;

  beforeEach(async () => {
    await keychain.cleanup();
    dataDir = await newDataDir();
    services = testAppServices({
      dataDir,
      keychainService: keychain.service,
    });
    const dispatch = createDispatch(services.handlers, services.logger);
    call = (async (channel: string, payload: unknown) => {
      const env = await dispatch(channel, payload, { trusted: true, description: 'test' });
      if (!env.ok) throw Object.assign(new Error(`${env.error.code}: ${env.error.message}`), { envelope: env.error });
      return env.value;
    }) as typeof call;

    const profile = await call('profiles:create', input);
    for (const [kind, value] of Object.entries(tokens)) await call('secrets:set', { profileId: profile.id, kind: kind as keyof typeof tokens, value });
    // An Okta sign-in's entries, as the OAuth service writes them.
    await osKeychain.setPassword(keychain.service, `${profile.id}:oktaOAuthSession`, '{"refreshToken":"rt-canary-DDDD"}');
    await osKeychain.setPassword(keychain.service, `${profile.id}:oktaOAuthAccessToken`, 'at-canary-EEEE');
    await call('profiles:rename', { profileId: profile.id, name: 'Acme (with progress)' });
    // Cut the profile file in half, as a disk error or a bad edit would.
    damagedFile = `${profile.id}.json`;
    const path = join(dataDir, 'profiles', damagedFile);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, Math.floor(text.length / 2)));
  });

  const problems = async () => (await call('profiles:list', {})).problems;

  it('the notice lists its keychain entries (last four only) and a last good copy', async () => {
    expect((await problems()).map((p) => p.file)).toEqual([damagedFile]);
    // The dead end the admin hit: the same token cannot go into a new profile.
    const other = await call('profiles:create', { ...input, name: 'Acme again' });
    await expect(call('secrets:set', { profileId: other.id, kind: 'oktaApiToken', value: tokens.oktaApiToken })).rejects.toThrow(
      `saved for the profile file ${damagedFile}, which cannot be read`,
    );

    const info = await call('profiles:damagedInfo', { file: damagedFile });
    expect(info.secrets.map((s) => [s.kind, s.fingerprint])).toEqual([
      ['oktaApiToken', 'AAAA'],
      ['threatlockerPortalToken', 'BBBB'],
      ['scimBearerToken', 'CCCC'],
    ]);
    expect(info.backup).toMatchObject({ name: 'Acme (with progress)' });
    for (const token of Object.values(tokens)) expect(JSON.stringify(info)).not.toContain(token);
    await expect(call('profiles:damagedInfo', { file: '../secrets.json' })).rejects.toThrow(/not a profile file name/);
  });

  it('re-attaches the tokens to a new profile that then works with the same tokens; the damaged file is kept aside', async () => {
    const before = await readFile(join(dataDir, 'profiles', damagedFile));
    const { profile: fresh, leftBehind } = await call('profiles:recoverDamaged', { file: damagedFile, profile: { ...input, name: 'Acme recovered' } });
    expect(leftBehind).toEqual([]);
    const status = await call('secrets:status', { profileId: fresh.id });
    expect(status.secrets.map((s) => [s.kind, s.present, s.fingerprint])).toEqual([
      ['oktaApiToken', true, 'AAAA'],
      ['threatlockerPortalToken', true, 'BBBB'],
      ['scimBearerToken', true, 'CCCC'],
    ]);
    expect(await osKeychain.getPassword(keychain.service, `${fresh.id}:oktaApiToken`)).toBe(tokens.oktaApiToken);
    // The Okta sign-in moved too, and nothing of it was left behind.
    expect(await osKeychain.getPassword(keychain.service, `${fresh.id}:oktaOAuthAccessToken`)).toBe('at-canary-EEEE');
    expect(await osKeychain.getPassword(keychain.service, `${fresh.id}:oktaOAuthSession`)).toContain('rt-canary-DDDD');
    expect(await osKeychain.getPassword(keychain.service, `${damagedFile.replace('.json', '')}:oktaOAuthSession`)).toBeNull();
    // Saving the same token again (what the admin tried first) is no longer refused.
    await call('secrets:set', { profileId: fresh.id, kind: 'oktaApiToken', value: tokens.oktaApiToken });
    expect(await problems()).toEqual([]);
    expect((await call('profiles:list', {})).profiles.map((p) => p.name)).toEqual(['Acme recovered']);
    const aside = await readdir(join(dataDir, 'profiles', '.damaged'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dataDir, 'profiles', '.damaged', aside[0]!))).toEqual(before);
  });

  it('moves a token only to the same destination: a new profile on another Okta org gets no Okta token or sign-in, which stay for delete', async () => {
    const { profile: fresh, leftBehind } = await call('profiles:recoverDamaged', {
      file: damagedFile,
      profile: { ...input, name: 'Other org', oktaOrgUrl: 'https://other-org.okta.com' },
    });
    expect(leftBehind).toEqual(['Okta API token', 'Okta sign-in (refresh token)', 'Okta sign-in (access token)']);
    const status = await call('secrets:status', { profileId: fresh.id });
    expect(status.secrets.map((s) => [s.kind, s.present])).toEqual([
      ['oktaApiToken', false],
      ['threatlockerPortalToken', true],
      ['scimBearerToken', true],
    ]);
    expect(await osKeychain.getPassword(keychain.service, `${fresh.id}:oktaOAuthSession`)).toBeNull();
    expect(await osKeychain.getPassword(keychain.service, `${fresh.id}:oktaOAuthAccessToken`)).toBeNull();
    // The damaged file stays listed with what is left, so its notice can still delete it.
    expect((await problems()).map((p) => p.file)).toEqual([damagedFile]);
    expect((await call('profiles:damagedInfo', { file: damagedFile })).secrets.map((s) => s.kind)).toEqual(['oktaApiToken']);
    await call('profiles:deleteDamagedSecrets', { file: damagedFile });
    expect((await osKeychain.findCredentials(keychain.service)).filter((c) => c.account.startsWith(damagedFile.replace('.json', '')))).toEqual([]);
  });

  it('restores the last good copy with its id, so its tokens are attached again', async () => {
    const restored = await call('profiles:restoreBackup', { file: damagedFile });
    expect(restored.name).toBe('Acme (with progress)');
    expect(`${restored.id}.json`).toBe(damagedFile);
    expect(await problems()).toEqual([]);
    const status = await call('secrets:status', { profileId: restored.id });
    expect(status.secrets.every((s) => s.present)).toBe(true);
  });

  it('deletes the tokens on request, after which a new profile may take them', async () => {
    const { deleted } = await call('profiles:deleteDamagedSecrets', { file: damagedFile });
    expect(deleted).toEqual(['oktaApiToken', 'threatlockerPortalToken', 'scimBearerToken']);
    expect((await call('profiles:damagedInfo', { file: damagedFile })).secrets).toEqual([]);
    const other = await call('profiles:create', { ...input, name: 'Acme new' });
    await call('secrets:set', { profileId: other.id, kind: 'oktaApiToken', value: tokens.oktaApiToken });
    // The damaged file itself stays where it was: the admin decides what happens to it.
    expect((await problems()).map((p) => p.file)).toEqual([damagedFile]);
  });

  it('a token held by a profile not in this data folder is refused, never deleted (another data folder may share the keychain)', async () => {
    await rm(join(dataDir, 'profiles', damagedFile));
    await rm(join(dataDir, 'profiles', '.last-good', damagedFile));
    const ownerId = damagedFile.replace('.json', '');
    const other = await call('profiles:create', { ...input, name: 'Acme again' });
    const err = (await call('secrets:set', { profileId: other.id, kind: 'oktaApiToken', value: tokens.oktaApiToken }).catch((e: unknown) => e)) as Error & {
      envelope: { code: string; hint?: string };
    };
    expect(err.envelope.code).toBe('CONFLICT');
    expect(err.message).toContain(`already saved in the system keychain for profile ${ownerId}, which is not in this data folder`);
    expect(err.envelope.hint).toContain(`"${ownerId}:oktaApiToken"`);
    expect(err.message).not.toContain(tokens.oktaApiToken);
    expect(await osKeychain.getPassword(keychain.service, `${ownerId}:oktaApiToken`)).toBe(tokens.oktaApiToken);
    expect(await osKeychain.getPassword(keychain.service, `${other.id}:oktaApiToken`)).toBeNull();
  });
});
