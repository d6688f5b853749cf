import { AppError } from '../../../shared/errors';
import { storedSecretLabels, type SecretKind, type StoredSecretKind } from '../../../shared/profile';
import type { Redactor } from '../log/redactor';
import { keychainUnavailableHint } from './keychain-help';

/** The keytar API (as provided by @napi-rs/keyring/keytar); injected so tests can pick the service name. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'ThreatLocker Okta Console';

/**
 * One keychain call at a time in this process. The keytar calls run on worker threads, so without
 * this they reach the OS keychain in parallel; gnome-keyring aborts when sessions are opened at
 * the same time (below), and no keychain gains from parallel calls.
 */
let keychainQueue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(op: () => Promise<T>): Promise<T> {
  const run = keychainQueue.then(op, op);
  keychainQueue = run.catch(() => undefined);
  return run;
}

/**
 * Windows Credential Manager stores at most 2,560 bytes per secret (CRED_MAX_CREDENTIAL_BLOB_SIZE),
 * written as UTF-16: 1,280 characters. Longer values fail deep in the OS with a vague error.
 */
export const WINDOWS_SECRET_MAX_CHARS = 1_280;

/**
 * When a failed Linux keychain call is tried again. gnome-keyring aborts when several processes
 * open keychain sessions at the same moment (an upstream bug, reported against 42 to 50: the
 * "gkd_secret_service_get_pkcs11_session: assertion 'client' failed" crash), and systemd, or
 * scripts/with-keyring.sh, starts it again within a second on the same unlocked keyring. On macOS
 * and Windows a failure is the user's answer (a locked or refused keychain): it is not asked twice.
 */
export const LINUX_KEYCHAIN_RETRY_DELAYS_MS: readonly number[] = [250, 750, 2_000];

/**
 * The only place secrets are read or written. Values live in the OS keychain under one service,
 * one account per profile and kind; every value seen is registered with the redactor so it can
 * never be logged.
 */
export class SecretStore {
  constructor(
    private readonly keytar: KeytarLike,
    private readonly redactor: Redactor,
    readonly service: string = DEFAULT_KEYCHAIN_SERVICE,
    private readonly platform: NodeJS.Platform = process.platform,
    // Without a session bus no Secret Service can come back: failing at once says so sooner.
    private readonly retryDelaysMs: readonly number[] = platform === 'linux' && process.env.DBUS_SESSION_BUS_ADDRESS ? LINUX_KEYCHAIN_RETRY_DELAYS_MS : [],
  ) {}

  static account(profileId: string, kind: StoredSecretKind): string {
    return `${profileId}:${kind}`;
  }

  async get(profileId: string, kind: StoredSecretKind): Promise<string | null> {
    const value = await this.guard(() => this.keytar.getPassword(this.service, SecretStore.account(profileId, kind)));
    if (value) this.remember(kind, value);
    return value;
  }

  async require(profileId: string, kind: StoredSecretKind): Promise<string> {
    const value = await this.get(profileId, kind);
    if (!value) {
      throw new AppError('SECRET_MISSING', `No ${storedSecretLabels[kind]} is saved for this profile.`, {
        hint: 'Add it in the profile\'s Credentials panel.',
      });
    }
    return value;
  }

  async set(profileId: string, kind: StoredSecretKind, value: string): Promise<void> {
    this.remember(kind, value);
    if (this.platform === 'win32' && value.length > WINDOWS_SECRET_MAX_CHARS) {
      throw new AppError(
        'VALIDATION',
        `This ${storedSecretLabels[kind]} is ${value.length.toLocaleString('en-US')} characters; Windows Credential Manager stores at most ${WINDOWS_SECRET_MAX_CHARS.toLocaleString('en-US')}.`,
        { hint: 'Check that only the token was pasted, with nothing before or after it. Nothing was saved.' },
      );
    }
    await this.guard(() => this.keytar.setPassword(this.service, SecretStore.account(profileId, kind), value));
  }

  async delete(profileId: string, kind: StoredSecretKind): Promise<void> {
    await this.guard(() => this.keytar.deletePassword(this.service, SecretStore.account(profileId, kind)));
  }

  /** Removes every secret of a profile, including kinds a later version may have added. */
  async deleteAll(profileId: string): Promise<void> {
    const all = await this.guard(() => this.keytar.findCredentials(this.service));
    for (const { account } of all) {
      if (account.startsWith(`${profileId}:`)) await this.guard(() => this.keytar.deletePassword(this.service, account));
    }
  }

  /** Every profile holding this exact value for this kind (to catch a token pasted into the wrong profile). */
  async findOwners(kind: SecretKind, value: string): Promise<string[]> {
    const all = await this.guard(() => this.keytar.findCredentials(this.service));
    return all.filter((c) => c.account.endsWith(`:${kind}`) && c.password === value).map((c) => c.account.slice(0, -(kind.length + 1)));
  }

  /**
   * Registers a value with the redactor. The Okta sign-in entry is JSON holding the refresh token:
   * the token is registered on its own too, since it is what would appear in an error or a log,
   * never the whole JSON.
   */
  private remember(kind: StoredSecretKind, value: string): void {
    this.redactor.register(value);
    if (kind !== 'oktaOAuthSession') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return;
    }
    if (!parsed || typeof parsed !== 'object') return;
    for (const [key, field] of Object.entries(parsed)) {
      if (typeof field === 'string' && /token$/i.test(key)) this.redactor.register(field);
    }
  }

  private async guard<T>(op: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await oneAtATime(op);
      } catch (cause) {
        const delayMs = this.retryDelaysMs[attempt];
        if (delayMs !== undefined) {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          continue;
        }
        throw keychainUnavailable(cause);
      }
    }
  }
}

function keychainUnavailable(cause: unknown): AppError {
  // The keychain's own message can be long and platform-specific; it never holds the value.
  return new AppError('KEYCHAIN_UNAVAILABLE', 'The OS keychain could not be reached.', {
    hint: keychainUnavailableHint(),
    retryable: true,
    cause,
  });
}

/** Last four characters, the only part of a secret the renderer may show. */
export function fingerprintOf(value: string): string {
  return value.slice(-4);
}
