import type { Dispatcher } from 'undici';
import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/profile';
import { withCallSignal } from '../net/call-scope';
import { defaultSleep } from '../net/http-retry';
import type { ProfileClients } from '../profile-clients';
import type { SecretStore } from '../secrets/secret-store';
import { adminAppUrl } from '../setup/okta-links';
import type { SandboxAdmin } from '../setup/sandbox-admin';
import { ScimReader } from './scim-reader';
import { appIdOf, type StatusService } from './status-service';

interface Deps {
  clients: ProfileClients;
  secrets: SecretStore;
  status: StatusService;
  allowLoopback: boolean;
  sandboxHandle: () => SandboxAdmin | null;
  dispatcher?: Dispatcher;
  /** How long to wait for the person to appear in ThreatLocker. */
  pollMs?: number;
  pollEveryMs?: number;
}

type StepFn = ((text: string, ok: boolean) => void) & { who: (oktaUserId: string) => void };

export interface ActionStep {
  text: string;
  ok: boolean;
}

/**
 * The Status screen's actions, like Entra's "Provision on demand": each step says who did it
 * (the console through Okta's API, Okta by itself, the sandbox's simulated admin) and every step is
 * recorded with the profile's status so the person's timeline shows it.
 */
export class StatusActions {
  constructor(private readonly deps: Deps) {}

  /** `who`: the Okta user id or login (a person not assigned yet is not in the table). */
  async provisionNow(profileId: string, who: string): Promise<{ ok: boolean; steps: ActionStep[] }> {
    return this.act(profileId, async (profile, appId, step) => {
      const okta = this.deps.clients.okta(profile);
      const user = await okta.getUser(who);
      const oktaUserId = user.id;
      step(`Found ${user.profile.login} in Okta (status ${user.status}).`, user.status === 'ACTIVE');
      let appUser = await okta.getAppUser(appId, oktaUserId).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
        throw err;
      });
      if (appUser) step(`Already assigned to the app in Okta (scope ${appUser.scope ?? 'unknown'}).`, true);
      else {
        appUser = await okta.assignUserToApp(appId, { id: oktaUserId, scope: 'USER' });
        step('Assigned to the app directly by the console (Okta API). Okta pushes a new assignment by itself.', true);
      }
      if (appUser.syncState === 'ERROR') await this.retry(profile, appId, step);
      return { oktaUserId, userName: appUser.credentials?.userName ?? user.profile.login };
    });
  }

  /** The wizard's partial update: only primaryPhone is sent, nothing else on the profile changes. */
  async fixPhone(profileId: string, oktaUserId: string, primaryPhone: string): Promise<{ ok: boolean; steps: ActionStep[] }> {
    return this.act(profileId, async (profile, appId, step) => {
      step.who(oktaUserId);
      const okta = this.deps.clients.okta(profile);
      const user = await okta.updateUserProfile(oktaUserId, { primaryPhone });
      step(`primaryPhone set on the Okta user by the console (Okta API, partial update).`, true);
      const appUser = await okta.getAppUser(appId, oktaUserId);
      if (appUser.syncState === 'ERROR' || !appUser.externalId) await this.retry(profile, appId, step);
      return { oktaUserId, userName: appUser.credentials?.userName ?? user.profile.login };
    });
  }

  private async act(
    profileId: string,
    body: (profile: Profile, appId: string, step: StepFn) => Promise<{ oktaUserId: string; userName: string }>,
  ): Promise<{ ok: boolean; steps: ActionStep[] }> {
    const profile = await this.deps.clients.profile(profileId);
    const appId = appIdOf(profile);
    const steps: ActionStep[] = [];
    // Steps are recorded once the person is known (their timeline shows them).
    let oktaUserId: string | undefined;
    const record = (s: ActionStep) => {
      if (oktaUserId) void this.deps.status.recordAction(profileId, { at: new Date().toISOString(), oktaUserId, ...s });
    };
    const step = Object.assign(
      (text: string, ok: boolean) => {
        steps.push({ text, ok });
        record({ text, ok });
      },
      {
        who: (id: string) => {
          oktaUserId = id;
        },
      },
    );
    try {
      const found = await body(profile, appId, step);
      if (!oktaUserId) {
        oktaUserId = found.oktaUserId;
        steps.forEach(record);
      }
      const userName = found.userName;
      const tlId = await this.waitInThreatLocker(profile, userName);
      step(tlId ? `Found in ThreatLocker's SCIM endpoint as ${tlId} (read by the console).` : `Not in ThreatLocker after ${Math.round((this.deps.pollMs ?? 60_000) / 1000)} s: refresh the status to see Okta's reason.`, !!tlId);
    } catch (err) {
      step(`Stopped: ${err instanceof Error ? err.message : String(err)}`, false);
    }
    return { ok: steps.every((s) => s.ok), steps };
  }

  /** Okta has no API to retry a failed push: the sandbox's simulated admin clicks Retry; on a real org the admin does. */
  private async retry(profile: Profile, appId: string, step: StepFn): Promise<void> {
    const admin = profile.sandbox ? this.deps.sandboxHandle() : null;
    if (admin) {
      const n = admin.okta.controls.retryFailedProvisioning(appId);
      step(`Okta has no API to retry a failed push: the sandbox's simulated admin clicked Dashboard -> Tasks -> Retry (${n} queued).`, true);
    } else {
      const tasks = `${new URL(adminAppUrl(profile.okta.orgUrl, 'x', appId)).origin}/admin/tasks`;
      step(`Okta has no API to retry a failed push: open ${tasks} (Dashboard -> Tasks) in the Okta Admin Console and click Retry.`, false);
    }
  }

  private async waitInThreatLocker(profile: Profile, userName: string): Promise<string | undefined> {
    if (!profile.threatlocker.scimUrl) return undefined;
    const reader = new ScimReader({
      baseUrl: profile.threatlocker.scimUrl,
      token: await this.deps.secrets.require(profile.id, 'scimBearerToken'),
      allowHttpLoopback: profile.sandbox || this.deps.allowLoopback,
      ...(this.deps.dispatcher ? { dispatcher: this.deps.dispatcher } : {}),
    });
    const signal = withCallSignal(undefined) ?? new AbortController().signal;
    const deadline = Date.now() + (this.deps.pollMs ?? 60_000);
    try {
      for (;;) {
        const found = await reader.findUser(userName, signal);
        if (found?.active) return found.id;
        if (Date.now() > deadline || signal.aborted) return undefined;
        await defaultSleep(this.deps.pollEveryMs ?? 1_000, signal);
      }
    } finally {
      await reader.close();
    }
  }
}
