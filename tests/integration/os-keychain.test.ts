import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../src/main/services/log/redactor';
import { createOsKeychain, osKeychain } from '../../src/main/services/secrets/os-keychain';
import { SecretStore } from '../../src/main/services/secrets/secret-store';
import { testKeychainService } from '../support/keychain';

const openDescriptors = () => readdirSync('/proc/self/fd').length;

/** The process that owns the Secret Service name on this session bus (asked of the bus itself). */
function secretServicePid(): number {
  const reply = execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID', 'string:org.freedesktop.secrets'], { encoding: 'utf8' });
  return Number(/uint32 (\d+)/.exec(reply)![1]);
}

/**
 * Real OS keychain. The console makes a keychain call for every token it reads; a call must not
 * leave a connection open behind it, or a long session runs out of descriptors and hangs.
 */
describe.runIf(process.platform === 'linux')('the OS keychain connection', () => {
  const keychain = testKeychainService();
  afterAll(() => keychain.cleanup());

  it('keeps its open connections at the number of accounts in use, however many calls are made', async () => {
    const os = createOsKeychain(8);
    const before = openDescriptors();
    for (let call = 0; call < 200; call++) {
      const account = `p${call % 4}:oktaApiToken`;
      await os.setPassword(keychain.service, account, `value-${call}`);
      expect(await os.getPassword(keychain.service, account)).toBe(`value-${call}`);
    }
    expect(await os.deletePassword(keychain.service, 'p0:oktaApiToken')).toBe(true);
    expect(await os.getPassword(keychain.service, 'p0:oktaApiToken')).toBeNull();
    // 401 calls over 4 accounts: one connection per account, not per call (keytar.js left 401 open).
    expect(openDescriptors() - before).toBeLessThanOrEqual(8);
  });

  it('lets go of the least recently used account beyond its limit and still answers for it', async () => {
    const os = createOsKeychain(2);
    for (const account of ['a', 'b', 'c']) await os.setPassword(keychain.service, account, `v-${account}`);
    expect(await os.getPassword(keychain.service, 'a')).toBe('v-a');
    expect((await os.findCredentials(keychain.service)).map((c) => c.account).sort()).toEqual(expect.arrayContaining(['a', 'b', 'c']));
  });

  // Only under scripts/with-keyring.sh, whose gnome-keyring is ours to crash.
  it.runIf(process.env.TLOC_KEYRING_READY)('reads a token saved before gnome-keyring crashed, once it is back', async () => {
    const store = new SecretStore(osKeychain, new Redactor(), keychain.service);
    await store.set('p-crash', 'scimBearerToken', 'saved-before-the-crash');
    const crashed = secretServicePid();
    process.kill(crashed, 'SIGABRT'); // what the upstream assertion does
    expect(await store.get('p-crash', 'scimBearerToken')).toBe('saved-before-the-crash');
    expect(secretServicePid()).not.toBe(crashed);
  });
});

