import type { Dispatcher } from 'undici';
import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/profile';
import type { ScimCheckResult, ScimCheckRun } from '../../../shared/scim-check';
import { withCallSignal } from '../net/call-scope';
import { checkDestination } from '../net/destination-rules';
import type { ProfileStore } from '../profiles/profile-store';
import type { SecretStore } from '../secrets/secret-store';
import { runScimChecks } from './scim-checker';

interface Deps {
  store: ProfileStore;
  secrets: SecretStore;
  /** The --allow-loopback switch: plain-http loopback SCIM URLs are accepted for testers. */
  allowLoopback: boolean;
  /** The app's outbound dispatcher: system proxy and OS certificate stores. */
  dispatcher?: Dispatcher;
}

/**
 * Runs the SCIM checks for a profile: its API Url, its keychain token, one run at a time per
 * profile (the connection check screen and the wizard's SCIM step share it), saved on the profile.
 */
export class ScimCheckService {
  private readonly running = new Map<string, AbortController>();
  /** Each running check's promise, settled once its clean-up has run (see cancelAll). */
  private readonly settling = new Set<Promise<unknown>>();

  constructor(private readonly deps: Deps) {}

  async run(
    profile: Profile,
    opts: { write: boolean; onResult?: (result: ScimCheckResult, index: number, total: number) => void },
  ): Promise<ScimCheckRun> {
    if (this.running.has(profile.id)) {
      throw new AppError('CONFLICT', 'A connection check is already running for this profile.', { hint: 'Wait for it to finish, or cancel it.' });
    }
    const baseUrl = profile.threatlocker.scimUrl;
    if (!baseUrl) {
      throw new AppError('VALIDATION', 'This profile has no SCIM API Url yet.', {
        hint: 'Copy the API Url from ThreatLocker: Integrations -> SCIM Integration, and add it to the profile.',
      });
    }
    // Checked again at use: a profile saved by an older version may name a private address.
    const loopbackOk = profile.sandbox || this.deps.allowLoopback;
    checkDestination(baseUrl, 'The SCIM API Url', { allowedOrigins: new Set(), customOktaDomains: new Set(), allowLoopback: loopbackOk });
    const token = await this.deps.secrets.require(profile.id, 'scimBearerToken');
    const controller = new AbortController();
    // Cancel, or the IPC call timing out, stops the run (the write checks' clean-up still runs).
    const callSignal = withCallSignal(undefined);
    callSignal?.addEventListener('abort', () => controller.abort(), { once: true });
    this.running.set(profile.id, controller);
    let run: ScimCheckRun;
    const running = runScimChecks({
      baseUrl,
      token,
      write: opts.write,
      // Plain http is only ever the sandbox's (or a tester's with --allow-loopback) loopback server.
      allowHttpLoopback: loopbackOk,
      signal: controller.signal,
      ...(this.deps.dispatcher ? { dispatcher: this.deps.dispatcher } : {}),
      ...(opts.onResult ? { onResult: opts.onResult } : {}),
    });
    const settled = running.catch(() => undefined);
    this.settling.add(settled);
    try {
      run = await running;
    } finally {
      this.running.delete(profile.id);
      this.settling.delete(settled);
    }
    // Saved with the profile so offline review and reports can use it.
    await this.deps.store.update(profile.id, (p) => ({ ...p, scimChecks: run }));
    return run;
  }

  /** Stops a running check: the remaining checks are skipped, the write checks' clean-up still runs. */
  cancel(profileId: string): boolean {
    const controller = this.running.get(profileId);
    controller?.abort();
    return controller !== undefined;
  }

  /**
   * Quitting: stops every running check and waits until their clean-up has deleted the test
   * user and groups, so no check leaves them behind in the customer's tenant.
   */
  async cancelAll(): Promise<void> {
    for (const controller of this.running.values()) controller.abort();
    await Promise.all([...this.settling]);
  }
}
