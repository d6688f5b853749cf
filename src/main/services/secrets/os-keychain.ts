import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import type { KeytarLike } from './secret-store';

/**
 * How many keychain entries stay open. Each entry holds its own OS keychain connection (a D-Bus
 * connection on Linux) until the garbage collector frees it, so @napi-rs/keyring's keytar.js,
 * which makes a new entry for every call, left one connection open per call: ~1,000 calls reached
 * the descriptor limit and the next call hung, and the burst of closes when the collector ran made
 * gnome-keyring abort (measured: 50 calls, 50 descriptors until a GC). Reusing one entry per
 * account keeps the count at the number of accounts in use; a profile has at most a handful.
 */
export const MAX_OPEN_KEYCHAIN_ENTRIES = 64;

/** The keytar API over @napi-rs/keyring (no per-Electron rebuild), one kept entry per account. */
export function createOsKeychain(maxOpenEntries = MAX_OPEN_KEYCHAIN_ENTRIES): KeytarLike {
  const entries = new Map<string, AsyncEntry>();
  const entryFor = (key: string, service: string, account: string): AsyncEntry => {
    const kept = entries.get(key);
    if (kept) {
      entries.delete(key); // re-inserted below: the Map's order is least recently used first
      entries.set(key, kept);
      return kept;
    }
    const entry = new AsyncEntry(service, account);
    entries.set(key, entry);
    if (entries.size > maxOpenEntries) entries.delete(entries.keys().next().value as string);
    return entry;
  };
  // An entry also keeps its keychain session, which a restarted keychain no longer knows ("The
  // session does not exist"): after a failure the entry is dropped, so a retry opens a new one.
  const withEntry = async <T>(service: string, account: string, op: (entry: AsyncEntry) => Promise<T>): Promise<T> => {
    const key = `${service}\u0000${account}`;
    try {
      return await op(entryFor(key, service, account));
    } catch (error) {
      entries.delete(key);
      throw error;
    }
  };
  return {
    getPassword: (service, account) => withEntry(service, account, async (e) => (await e.getPassword()) ?? null),
    setPassword: (service, account, password) => withEntry(service, account, (e) => e.setPassword(password)),
    deletePassword: (service, account) => withEntry(service, account, (e) => e.deleteCredential()),
    findCredentials: (service) => findCredentialsAsync(service),
  };
}

export const osKeychain: KeytarLike = createOsKeychain();

/** Tests and CI use their own keychain service so they never touch an admin's real entries. */
export function keychainServiceFromEnv(): string | undefined {
  return process.env.TLOC_KEYCHAIN_SERVICE || undefined;
}
