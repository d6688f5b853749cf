import { AppError } from '../../../shared/errors';
import type { Profile, StepState } from '../../../shared/profile';
import type { EventPayload } from '../../../shared/ipc-contract';
import type { ConfirmedBy, Finding, SetupStepId } from '../../../shared/setup';
import { readStepData, stepDataSchemas, type StepDataOf, type StepDataPatch } from '../../../shared/setup-data';
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

/** What step K's run or verify settles on; persisted as the step's state. */
export interface StepOutcome<K extends SetupStepId = SetupStepId> {
  status: StepStatus;
  detail: string;
  hint?: string;
  findings?: Finding[];
  /** Merged into the step's saved data (never a secret); checked against the step's schema on save. */
  data?: StepDataPatch<K>;
}

/** Why a result whose saved data this version cannot read (an older shape) must be checked again. */
export const UNREADABLE_REASON = 'its saved details were written by an older version of the console and cannot be read';

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

  /** Step `stepId`'s saved data; empty when it is in a shape this version cannot read. */
  data<K extends SetupStepId>(stepId: K): StepDataOf<K> {
    return readStepData(stepId, this.state(stepId)?.data).data;
  }

  /** Saves a sub-action's result without changing the step's status (so a crash resumes from it). */
  async saveData<K extends SetupStepId>(stepId: K, patch: StepDataPatch<K>): Promise<void> {
    await this.update((p) => {
      const old = p.setup.steps[stepId];
      const saved = readStepData(stepId, old?.data);
      const next: StepState = {
        status: old?.status ?? 'not-started',
        updatedAt: this.now().toISOString(),
        data: checkedData(stepId, { ...saved.data, ...patch }),
      };
      if (old?.detail !== undefined) next.detail = old.detail;
      // Saving part of a run proves nothing yet: only an outcome clears the stale mark.
      if (old?.stale) next.stale = old.stale;
      // A result whose data could not be read stays in doubt once the data is readable again.
      else if (!saved.readable && next.status !== 'not-started') next.stale = { reason: UNREADABLE_REASON, at: next.updatedAt };
      return { ...p, setup: { ...p.setup, steps: { ...p.setup.steps, [stepId]: next } } };
    });
  }

  async saveOutcome(outcome: StepOutcome, stepId: SetupStepId = this.stepId): Promise<void> {
    await this.update((p) => {
      const old = p.setup.steps[stepId];
      const data: Record<string, unknown> = { ...readStepData(stepId, old?.data).data, ...(outcome.data ?? {}) };
      data.findings = outcome.findings ?? [];
      if (outcome.hint) data.hint = outcome.hint;
      else delete data.hint;
      if (!('error' in (outcome.data ?? {}))) delete data.error;
      const next: StepState = { status: outcome.status, detail: outcome.detail, updatedAt: this.now().toISOString(), data: checkedData(stepId, data) };
      return { ...p, setup: { ...p.setup, steps: { ...p.setup.steps, [stepId]: next } } };
    });
  }

  async update(change: (p: Profile) => Profile): Promise<void> {
    this.profile = await this.deps.store.update(this.profile.id, change);
  }

  /** The Okta app created in step 2, or a VALIDATION error that says to run step 2 first. */
  requireApp(): { appId: string; appName: string; label: string } {
    const d = this.data('create-app');
    if (d.appId === undefined || d.appName === undefined) {
      throw new AppError('VALIDATION', 'The ThreatLocker app does not exist in Okta yet.', {
        hint: 'Run step 2 "Create the Okta SAML app" first.',
      });
    }
    return { appId: d.appId, appName: d.appName, label: d.label ?? 'ThreatLocker' };
  }

  /** Sandbox controls, only for sandbox profiles while the sandbox runs. */
  sandbox(): SandboxAdmin | null {
    if (!this.profile.sandbox) return null;
    return this.deps.sandboxHandle();
  }

  checklist(stepId: SetupStepId = this.stepId): Record<string, boolean> {
    return this.data(stepId).checklist ?? {};
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
    const who = { ...this.data(stepId).checklistBy };
    const when = { ...this.data(stepId).checklistAt };
    const now = new Date().toISOString();
    for (const [id, ticked] of Object.entries(items)) {
      if (checklist[id] === true && ticked) continue;
      checklist[id] = ticked;
      if (ticked) {
        who[id] = by;
        when[id] = now;
      } else {
        delete who[id];
        delete when[id];
      }
    }
    await this.saveData(stepId, { checklist, checklistBy: who, checklistAt: when });
  }
}

/**
 * Step data as saved: parsed with the step's schema, so a file holds only what the schema
 * describes. A write that does not fit is a bug in the step, reported as an internal error.
 */
function checkedData(stepId: SetupStepId, data: unknown): Record<string, unknown> {
  const parsed = stepDataSchemas[stepId].safeParse(data);
  if (!parsed.success) {
    throw new AppError('INTERNAL', `Step "${stepId}" tried to save data its schema does not describe: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}.`);
  }
  return parsed.data;
}

/** The frame keys of a step's saved data: who ticked what. */
type ChecklistData = Pick<StepDataOf<SetupStepId>, 'checklist' | 'checklistBy'>;

/**
 * Who ticked `itemId` in a step's saved data. Items saved before the console recorded it count
 * as the admin's on a real org (only the admin can tick there) and as the sandbox's in a sandbox
 * profile (where the sandbox's play ticked them).
 */
export function checklistConfirmedBy(profile: Profile, data: ChecklistData, itemId: string): ConfirmedBy | undefined {
  if (data.checklist?.[itemId] !== true) return undefined;
  return data.checklistBy?.[itemId] ?? (profile.sandbox ? 'sandbox' : 'admin');
}

/**
 * The deep link to the app the create-app step saved (`createApp` is that step's data), to spread
 * into a step's screen; empty until the app exists.
 */
export function createdAppDeepLink(profile: Profile, createApp: StepDataOf<'create-app'>, label: string): { deepLink?: { label: string; url: string } } {
  const { appId, appName } = createApp;
  return appId && appName ? { deepLink: { label, url: adminAppUrl(profile.okta.orgUrl, appName, appId) } } : {};
}
