import { randomUUID } from 'node:crypto';
import { osKeychain } from '../../src/main/services/secrets/os-keychain';

/** A keychain service name of its own per test file, removed afterwards, so runs never collide. */
export function testKeychainService(): { service: string; cleanup(): Promise<void> } {
  const service = `ThreatLocker Okta Console (test ${randomUUID()})`;
  return {
    service,
    async cleanup() {
      for (const { account } of await osKeychain.findCredentials(service)) await osKeychain.deletePassword(service, account);
    },
  };
}
