import { AppError } from '../../../shared/errors';
import type { Profile, StepState } from '../../../shared/profile';
import type { EventPayload } from '../../../shared/ipc-contract';
import type { ConfirmedBy, Finding, SetupStepId } from '../../../shared/setup';
import type { OktaClient } from '../okta/okta-client';
import type { ProfileClients } from '../profile-clients';
import type { ProfileStore } from '../profiles/profile-store';
import type { SecretStore } from '../secrets/secret-store';
import type { ScimCheckService } from '../scim/scim-check-service';
import type { PortalClient } from '../threatlocker/portal-client';
import { adminAppUrl } from './okta-links';
import type { SandboxAdmin } from './sandbox-admin';

export interface SetupDeps {
  clients: ProfileClients;
  store: ProfileStore;
  secrets: SecretStore;
  /** Told each progress line of a running step (the IPC layer forwards it to the renderer). */
  onProgress: (progress: EventPayload<'setup:progress'>) => void;
  /** Runs the SCIM checks (shared with the connection check screen: one run per profile). */
  scimChecks: ScimCheckService;
  /** The --allow-loopback switch: plain-http loopback URLs are accepted for testers. */
  allowLoopback: boolean;
  /** The running sandbox's handle (SandboxService.current?.handle), or null. */
  sandboxHandle: () => SandboxAdmin | null;
  now?: () => Date;
}

export type StepStatus = StepState['status'];

/** What a step's run or verify settles on; persisted as the step's state. */
export interface StepOutcome {
  status: StepStatus;
  detail: string;
  hint?: string;
  findings?: Finding[];
  /** Merged into the step's saved data (never a secret). */
  data?: Record<string, unknown>;
}

/** Keys of a step's saved data shown in the view's frame (findings, hint), not in its data. */
export const RESERVED_DATA_KEYS = ['findings', 'hint', 'checklist', 'checklistBy'] as const;

/**
 * One step run's view of a profile: clients, saved step state, progress events. Every save goes
 * through ProfileStore.update (atomic), and the context keeps the latest profile in hand.
 */
export class SetupContext {
  constructor(
    readonly deps: SetupDeps,
    public profile: Profile,
    readonly stepId: SetupStepId,
  ) {}

  get profileId(): string {
    return this.profile.id;
  }

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  okta(): OktaClient {
    return this.deps.clients.okta(this.profile);
  }

  /** The portal client when a portal token is saved (the portal API is optional for the wizard). */
  async portal(): Promise<PortalClient | null> {
    const token = await this.deps.secrets.get(this.profile.id, 'threatlockerPortalToken');
    return token ? this.deps.clients.portal(this.profile) : null;
  }

  progress(message: string): void {
    this.deps.onProgress({ profileId: this.profile.id, stepId: this.stepId, message });
  }

  state(stepId: SetupStepId = this.stepId): StepState | undefined {
    return this.profile.setup.steps[stepId];
  }

  data(stepId: SetupStepId = this.stepId): Record<string, unknown> {
    return this.state(stepId)?.data ?? {};
  }

  /** Saves a sub-action's result without changing the step's status (so a crash resumes from it). */
  async saveData(patch: Record<string, unknown>, stepId: SetupStepId = this.stepId): Promise<void> {
    await this.update((p) => {
      const old = p.setup.steps[stepId];
      const next: StepState = {
        status: old?.status ?? 'not-started',
        updatedAt: this.now().toISOString(),
        data: { ...(old?.data ?? {}), ...patch },
      };
      if (old?.detail !== undefined) next.detail = old.detail;
      // Saving part of a run proves nothing yet: only an outcome clears the stale mark.
      if (old?.stale) next.stale = old.stale;
      return { ...p, setup: { ...p.setup, steps: { ...p.setup.steps, [stepId]: next } } };
    });
  }

  async saveOutcome(outcome: StepOutcome, stepId: SetupStepId = this.stepId): Promise<void> {
    await this.update((p) => {
      const old = p.setup.steps[stepId];
      const data: Record<string, unknown> = { ...(old?.data ?? {}), ...(outcome.data ?? {}) };
      data.findings = outcome.findings ?? [];
      if (outcome.hint) data.hint = outcome.hint;
      else delete data.hint;
      if (!('error' in (outcome.data ?? {}))) delete data.error;
      const next: StepState = { status: outcome.status, detail: outcome.detail, updatedAt: this.now().toISOString(), data };
      return { ...p, setup: { ...p.setup, steps: { ...p.setup.steps, [stepId]: next } } };
    });
  }

  async update(change: (p: Profile) => Profile): Promise<void> {
    this.profile = await this.deps.store.update(this.profile.id, change);
  }

  /** The Okta app created in step 2, or a VALIDATION error that says to run step 2 first. */
  requireApp(): { appId: string; appName: string; label: string } {
    const d = this.data('create-app');
    if (typeof d.appId !== 'string' || typeof d.appName !== 'string') {
      throw new AppError('VALIDATION', 'The ThreatLocker app does not exist in Okta yet.', {
        hint: 'Run step 2 "Create the Okta SAML app" first.',
      });
    }
    return { appId: d.appId, appName: d.appName, label: typeof d.label === 'string' ? d.label : 'ThreatLocker' };
  }

  /** Sandbox controls, only for sandbox profiles while the sandbox runs. */
  sandbox(): SandboxAdmin | null {
    if (!this.profile.sandbox) return null;
    return this.deps.sandboxHandle();
  }

  checklist(stepId: SetupStepId = this.stepId): Record<string, boolean> {
    const c = this.data(stepId).checklist;
    return c && typeof c === 'object' ? (c as Record<string, boolean>) : {};
  }

  /** Who ticked a checklist item, or undefined while it is unticked. */
  confirmedBy(itemId: string, stepId: SetupStepId = this.stepId): ConfirmedBy | undefined {
    return checklistConfirmedBy(this.profile, this.data(stepId), itemId);
  }

  /**
   * Ticks or unticks checklist items on behalf of `by`. Only items whose value changes are
   * attributed: re-sending a box the sandbox ticked keeps it "ticked by the sandbox".
   */
  async confirm(items: Record<string, boolean>, by: ConfirmedBy, stepId: SetupStepId = this.stepId): Promise<void> {
    const checklist = { ...this.checklist(stepId) };
    const who = { ...checklistBy(this.data(stepId)) };
    for (const [id, ticked] of Object.entries(items)) {
      if (checklist[id] === true && ticked) continue;
      checklist[id] = ticked;
      if (ticked) who[id] = by;
      else delete who[id];
    }
    await this.saveData({ checklist, checklistBy: who }, stepId);
  }
}

function checklistBy(data: Record<string, unknown>): Record<string, ConfirmedBy> {
  const c = data.checklistBy;
  return c && typeof c === 'object' ? (c as Record<string, ConfirmedBy>) : {};
}

/**
 * Who ticked `itemId` in a step's saved data. Items saved before the console recorded it count
 * as the admin's on a real org (only the admin can tick there) and as the sandbox's in a sandbox
 * profile (where the sandbox's play ticked them).
 */
export function checklistConfirmedBy(profile: Profile, data: Record<string, unknown>, itemId: string): ConfirmedBy | undefined {
  const ticked = (data.checklist as Record<string, boolean> | undefined)?.[itemId] === true;
  if (!ticked) return undefined;
  return checklistBy(data)[itemId] ?? (profile.sandbox ? 'sandbox' : 'admin');
}

/** A string field of saved step data, or undefined. */
export function str(data: Record<string, unknown>, key: string): string | undefined {
  const v = data[key];
  return typeof v === 'string' ? v : undefined;
}

/**
 * The deep link to the app the create-app step saved (`createApp` is that step's data), to spread
 * into a step's screen; empty until the app exists.
 */
export function createdAppDeepLink(profile: Profile, createApp: Record<string, unknown>, label: string): { deepLink?: { label: string; url: string } } {
  const appId = str(createApp, 'appId');
  const appName = str(createApp, 'appName');
  return appId && appName ? { deepLink: { label, url: adminAppUrl(profile.okta.orgUrl, appName, appId) } } : {};
}
