import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { Redactor } from '../log/redactor';
import { SecretStore, WINDOWS_SECRET_MAX_CHARS, type KeytarLike } from './secret-store';

/** An in-memory keychain that, like Credential Manager, fails vaguely on values over 2,560 bytes of UTF-16. */
function windowsLikeKeychain(): KeytarLike & { saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return {
    saved,
    getPassword: async (_s, a) => saved.get(a) ?? null,
    setPassword: async (_s, a, p) => {
      if (p.length * 2 > 2_560) throw new Error('Platform secure storage failure: The stub received bad data.');
      saved.set(a, p);
    },
    deletePassword: async (_s, a) => saved.delete(a),
    findCredentials: async () => [...saved].map(([account, password]) => ({ account, password })),
  };
}

describe('SecretStore on Windows', () => {
  it('refuses a token longer than Credential Manager holds with its own message, and saves nothing', async () => {
    const keychain = windowsLikeKeychain();
    const store = new SecretStore(keychain, new Redactor(), 'test', 'win32');
    const long = 'x'.repeat(WINDOWS_SECRET_MAX_CHARS + 1);
    const err = await store.set('p1', 'scimBearerToken', long).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
    expect((err as AppError).message).toBe('This ThreatLocker SCIM bearer token is 1,281 characters; Windows Credential Manager stores at most 1,280.');
    expect((err as AppError).message).not.toMatch(/keychain could not be reached/);
    expect(keychain.saved.size).toBe(0);
  });

  it('saves a token at the limit, and longer ones where the OS keychain has no such cap', async () => {
    const keychain = windowsLikeKeychain();
    await new SecretStore(keychain, new Redactor(), 'test', 'win32').set('p1', 'scimBearerToken', 'y'.repeat(WINDOWS_SECRET_MAX_CHARS));
    expect(keychain.saved.get('p1:scimBearerToken')).toHaveLength(WINDOWS_SECRET_MAX_CHARS);
    const mac: KeytarLike = { ...windowsLikeKeychain(), setPassword: async () => undefined };
    await expect(new SecretStore(mac, new Redactor(), 'test', 'darwin').set('p1', 'oktaApiToken', 'z'.repeat(4_000))).resolves.toBeUndefined();
  });
});

/** A keychain that is away for its first `outages` calls, as gnome-keyring is while it restarts after a crash. */
function keychainAwayFor(outages: number): KeytarLike & { calls: () => number } {
  const keychain = windowsLikeKeychain();
  let calls = 0;
  const away = async () => {
    calls += 1;
    if (calls <= outages) throw new Error('Couldn\'t access platform storage: Secret Service: no result found');
  };
  return {
    ...keychain,
    calls: () => calls,
    getPassword: async (s, a) => (await away(), keychain.getPassword(s, a)),
    setPassword: async (s, a, p) => (await away(), keychain.setPassword(s, a, p)),
  };
}

describe('SecretStore when the keychain is briefly away', () => {
  it('on Linux, tries again while the Secret Service restarts, and the token is saved', async () => {
    const keychain = keychainAwayFor(2);
    const store = new SecretStore(keychain, new Redactor(), 'test', 'linux', [1, 1, 1]);
    await store.set('p1', 'oktaApiToken', 'token-1');
    expect(await store.get('p1', 'oktaApiToken')).toBe('token-1');
    expect(keychain.calls()).toBe(4);
  });

  it('on Linux, says the keychain could not be reached once the retries are spent', async () => {
    const keychain = keychainAwayFor(10);
    const store = new SecretStore(keychain, new Redactor(), 'test', 'linux', [1, 1]);
    await expect(store.get('p1', 'oktaApiToken')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(keychain.calls()).toBe(3);
  });

  it('on macOS, a refusal is the user\'s answer: asked once, not again', async () => {
    const keychain = keychainAwayFor(1);
    await expect(new SecretStore(keychain, new Redactor(), 'test', 'darwin').get('p1', 'oktaApiToken')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(keychain.calls()).toBe(1);
  });
});
