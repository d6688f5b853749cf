import * as keytar from '@napi-rs/keyring/keytar.js';
import type { KeytarLike } from './secret-store';

/** The OS keychain through @napi-rs/keyring's keytar-compatible API (no per-Electron rebuild). */
export const osKeychain: KeytarLike = keytar;

/** Tests and CI use their own keychain service so they never touch an admin's real entries. */
export function keychainServiceFromEnv(): string | undefined {
  return process.env.TLOC_KEYCHAIN_SERVICE || undefined;
}
