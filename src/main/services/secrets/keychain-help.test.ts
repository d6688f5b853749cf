import { describe, expect, it } from 'vitest';
import { keychainUnavailableHint } from './keychain-help';

describe('keychainUnavailableHint', () => {
  it('on Linux without a session bus names the with-keyring command and the packages', () => {
    const hint = keychainUnavailableHint('linux', {});
    expect(hint).toContain('no D-Bus session bus');
    expect(hint).toContain('bash scripts/with-keyring.sh npm run browser');
    expect(hint).toContain('apt install gnome-keyring dbus');
  });

  it('on Linux with a session says to unlock the login keyring', () => {
    expect(keychainUnavailableHint('linux', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' })).toContain('unlock your login keyring');
  });

  it('names the platform keychain on macOS and Windows', () => {
    expect(keychainUnavailableHint('darwin', {})).toContain('macOS Keychain');
    expect(keychainUnavailableHint('win32', {})).toContain('Credential Manager');
  });
});
