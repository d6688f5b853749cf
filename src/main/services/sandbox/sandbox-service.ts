import { AppError } from '../../../shared/errors';
import type { FaultSettingsView, SandboxFaults, SandboxInfo, SandboxRoles } from '../../../shared/ipc-contract';
import type { Profile } from '../../../shared/profile';
import type { Logger } from '../log/logger';
import type { ProfilesService } from '../profiles/profiles-service';
import type { ProfileStore } from '../profiles/profile-store';
import type { SecretStore } from '../secrets/secret-store';
import { markSetupStale, SANDBOX_RESTART_REASON } from '../profiles/stale-results';
import type { SandboxAdmin } from '../setup/sandbox-admin';

/** What the demo entry point hands over: the running simulators' addresses and sandbox credentials. */
export interface RunningSandbox {
  oktaUrl: string;
  oktaApiToken: string;
  threatlockerUrl: string;
  threatlockerInstance: string;
  portalToken: string;
  scimUrl: string;
  scimToken: string;
  /** The sandbox org's OpenID Connect provider and its registered native app, for OAuth sign-in. */
  oidc?: { issuer: string; clientId: string };
  /** The simulators themselves, for the sandbox controls (admin-UI-only steps) and faults. */
  handle: SandboxHandle;
  stop(): Promise<void>;
}

/** What main uses of the running simulators: the wizard's controls and each side's live faults. */
export interface SandboxHandle extends SandboxAdmin {
  okta: SandboxAdmin['okta'] & { faults: FaultSettingsView };
  threatlocker: SandboxAdmin['threatlocker'] & { faults: FaultSettingsView };
}

export const SANDBOX_PROFILE_NAME = 'Sandbox: Acme MSP';

interface Deps {
  start: () => Promise<RunningSandbox>;
  profiles: ProfilesService;
  store: ProfileStore;
  secrets: SecretStore;
  allowOrigin: (origin: string) => void;
  /** Told whenever the sandbox starts or stops (the IPC layer forwards it to the renderer). */
  onStateChange: (sandbox: SandboxInfo) => void;
  logger: Logger;
}

/**
 * Starts the built-in simulated Okta org + ThreatLocker tenant in this process and keeps one
 * ready-to-use sandbox profile pointing at them (its URLs change every run, so they are refreshed).
 */
export class SandboxService {
  private running: RunningSandbox | null = null;
  private starting: Promise<{ sandbox: SandboxInfo; profile: Profile }> | null = null;
  private profileId: string | undefined;

  constructor(private readonly deps: Deps) {}

  info(): SandboxInfo {
    if (!this.running) return { running: false };
    const info: SandboxInfo = {
      running: true,
      oktaUrl: this.running.oktaUrl,
      threatlockerUrl: this.running.threatlockerUrl,
      scimUrl: this.running.scimUrl,
    };
    if (this.profileId) info.profileId = this.profileId;
    return info;
  }

  get current(): RunningSandbox | null {
    return this.running;
  }

  /** Idempotent: a second call while starting or running returns the same sandbox. */
  start(): Promise<{ sandbox: SandboxInfo; profile: Profile }> {
    this.starting ??= this.doStart().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async doStart(): Promise<{ sandbox: SandboxInfo; profile: Profile }> {
    if (!this.running) {
      try {
        this.running = await this.deps.start();
      } catch (cause) {
        this.deps.logger.error('sandbox', 'sandbox failed to start', cause);
        throw new AppError('SANDBOX', 'The sandbox could not start.', { hint: 'See the log file for the reason.', retryable: true, cause });
      }
      for (const url of [this.running.oktaUrl, this.running.threatlockerUrl, this.running.scimUrl]) {
        this.deps.allowOrigin(new URL(url).origin);
      }
      this.deps.logger.info('sandbox', `sandbox running: Okta ${this.running.oktaUrl}, ThreatLocker ${this.running.threatlockerUrl}`);
    }
    const profile = await this.ensureProfile(this.running);
    this.profileId = profile.id;
    const sandbox = this.info();
    this.deps.onStateChange(sandbox);
    return { sandbox, profile };
  }

  private async ensureProfile(sb: RunningSandbox): Promise<Profile> {
    const { profiles } = await this.deps.store.list();
    const existing = profiles.find((p) => p.sandbox && p.name === SANDBOX_PROFILE_NAME);
    const profile = existing
      ? await this.deps.store.update(existing.id, (p) => {
          const next = {
            ...p,
            okta: { orgUrl: sb.oktaUrl, customDomain: false },
            threatlocker: { ...p.threatlocker, instance: sb.threatlockerInstance, portalApiUrl: sb.threatlockerUrl, scimUrl: sb.scimUrl },
          };
          // New addresses mean new simulators: a new, empty org and tenant (the simulators keep no state on disk).
          const restarted = p.okta.orgUrl !== sb.oktaUrl || p.threatlocker.scimUrl !== sb.scimUrl;
          return restarted ? markSetupStale(next, SANDBOX_RESTART_REASON, new Date().toISOString()) : next;
        })
      : await this.deps.profiles.create(
          { name: SANDBOX_PROFILE_NAME, oktaOrgUrl: sb.oktaUrl, instance: sb.threatlockerInstance, scimUrl: sb.scimUrl },
          { sandbox: true, portalApiUrl: sb.threatlockerUrl },
        );
    // Sandbox credentials are not secrets, but they go through the keychain like real ones so the flow is the same.
    const savedAt = new Date().toISOString();
    await this.deps.secrets.set(profile.id, 'oktaApiToken', sb.oktaApiToken);
    await this.deps.secrets.set(profile.id, 'threatlockerPortalToken', sb.portalToken);
    await this.deps.secrets.set(profile.id, 'scimBearerToken', sb.scimToken);
    return this.deps.store.update(profile.id, (p) => ({
      ...p,
      secretsMeta: {
        oktaApiToken: { savedAt },
        threatlockerPortalToken: { savedAt },
        scimBearerToken: { savedAt },
      },
    }));
  }

  /** The simulators' fault settings as they are now (pending counts go down as requests consume them). */
  faults(): SandboxFaults {
    const live = this.liveFaults();
    return { okta: { ...live.okta }, threatlocker: { ...live.threatlocker } };
  }

  /** Changes one simulator's faults; the very next request sees them. */
  setFaults(target: keyof SandboxFaults, settings: Partial<FaultSettingsView>): SandboxFaults {
    Object.assign(this.liveFaults()[target], settings);
    this.deps.logger.info('sandbox', `faults for ${target}: ${JSON.stringify(this.liveFaults()[target])}`);
    return this.faults();
  }

  /** The running simulators' mutable fault objects. */
  private liveFaults(): SandboxFaults {
    const { okta, threatlocker } = this.handle('set its faults');
    return { okta: okta.faults, threatlocker: threatlocker.faults };
  }

  /** The sandbox ThreatLocker's roles of one organization (default: the one the sandbox profile works in). */
  async roles(organizationId?: string): Promise<SandboxRoles> {
    const tl = this.handle('delete or restore its roles').threatlocker.controls;
    const organizations = tl.listOrganizations();
    const profile = this.profileId ? await this.deps.store.get(this.profileId).catch(() => undefined) : undefined;
    const profileOrganizationId = profile?.threatlocker.managedOrganizationId ?? organizations[0]!.organizationId;
    const shown = organizationId ?? profileOrganizationId;
    if (!organizations.some((o) => o.organizationId === shown)) {
      throw new AppError('VALIDATION', `The sandbox has no ThreatLocker organization ${shown}.`, { hint: 'Pick one of the listed organizations.' });
    }
    // By name, deleted ones among the others, so a role keeps its place when it is deleted or put back.
    const current = tl.listRoles(shown).map((r) => ({ id: r.userRoleId, name: r.name, deleted: false }));
    const gone = tl.listDeletedRoles(shown).map((r) => ({ id: r.userRoleId, name: r.name, deleted: true }));
    return {
      organizations: organizations.map((o) => ({ id: o.organizationId, name: o.displayName })),
      organizationId: shown,
      profileOrganizationId,
      roles: [...current, ...gone].sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  /** Deletes a role as an admin would in ThreatLocker (or puts it back, a sandbox-only undo). */
  async setRoleDeleted(organizationId: string, roleId: string, deleted: boolean): Promise<SandboxRoles> {
    const tl = this.handle('delete or restore its roles').threatlocker.controls;
    const name = [...tl.listRoles(organizationId), ...tl.listDeletedRoles(organizationId)].find((r) => r.userRoleId === roleId)?.name ?? roleId;
    let dropped: string[] | undefined;
    try {
      if (deleted) dropped = tl.deleteRole(organizationId, roleId).map((r) => r.groupDisplayName);
      else tl.restoreRole(organizationId, roleId);
    } catch (err) {
      // The simulator's refusals are plain errors with a readable reason (ids only, never a secret).
      throw new AppError('SANDBOX', `The sandbox refused: ${err instanceof Error ? err.message : String(err)}`, { hint: 'Reload the roles and try again.' });
    }
    this.deps.logger.info('sandbox', `ThreatLocker role "${name}" ${deleted ? `deleted; Group Mapping rows dropped: ${dropped!.length}` : 'put back'}`);
    const roles = await this.roles(organizationId);
    return dropped ? { ...roles, droppedMappings: dropped } : roles;
  }

  private handle(toDo: string): SandboxHandle {
    const handle = this.running?.handle;
    if (!handle) throw new AppError('SANDBOX', 'The sandbox is not running.', { hint: `Start the sandbox (Try the sandbox), then ${toDo}.`, retryable: true });
    return handle;
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) await running.stop();
  }
}
