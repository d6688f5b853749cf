import type { Dispatcher } from 'undici';
import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/profile';
import type { MappingRow } from '../../../shared/mapping-validation';
import { attentionClasses, type PersonDetail, type RoleImpactAnswer, type SourceState, type StatusCounts, type StatusPage, type StatusSource, type StatusSummary } from '../../../shared/provisioning-status';
import { runWithCallSignal } from '../net/call-scope';
import type { ProfileClients } from '../profile-clients';
import type { SecretStore } from '../secrets/secret-store';
import { ScimReader } from './scim-reader';
import { fetchStatusSources } from './status-fetch';
import { joinStatus, type JoinResult } from './status-join';
import { roleImpact, type ImpactPerson } from '../../../shared/role-impact';
import { impactPeople, listedRolesOf, mappedRolesOf } from './status-roles';
import type { StatusSnapshots } from './status-snapshots';
import type { ConsoleAction, PushMappingLite, StatusSources } from './status-sources';
import { personDetail, RowIndex, toCsv, type RowQuery } from './status-view';

interface Deps {
  clients: ProfileClients;
  secrets: SecretStore;
  snapshots: StatusSnapshots;
  allowLoopback: boolean;
  dispatcher?: Dispatcher;
  onProgress: (profileId: string, sources: SourceState[]) => void;
  onDone: (profileId: string, result: { partial: boolean; failedSources: StatusSource[]; cancelled: boolean }) => void;
}

interface Current {
  join: JoinResult;
  index: RowIndex;
  takenAt: string | null;
  fromSnapshot: boolean;
  failedSources: StatusSource[];
  sources: SourceState[];
  changes: StatusSummary['changes'];
  joinMs: number;
  /** The groups each person is in come from here (by Okta group id). */
  pushMappings: PushMappingLite[];
  /** Built on the first role preview of this join, then reused while the admin edits. */
  impactPeople?: ImpactPerson[];
}

/**
 * Provisioning status per profile. A refresh is a background job (not an IPC call bound by the
 * call timeout): it reports progress per source, can be cancelled, and only a complete result
 * replaces the saved snapshot. The joined rows stay here; the renderer asks for pages.
 */
export class StatusService {
  private readonly current = new Map<string, Current>();
  private readonly jobs = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(private readonly deps: Deps) {}

  /** Starts a refresh and returns at once; progress and the end arrive through the callbacks. */
  async refresh(profileId: string): Promise<{ started: boolean }> {
    if (this.jobs.has(profileId)) return { started: false };
    const profile = await this.deps.clients.profile(profileId);
    const appId = appIdOf(profile);
    const scim = await this.scimReader(profile);
    const controller = new AbortController();
    // The job's own signal replaces the starting call's: the call returns now, the job goes on.
    const done = runWithCallSignal(controller.signal, () => this.run(profile, appId, scim, controller)).finally(() => {
      this.jobs.delete(profileId);
      return scim.close();
    });
    this.jobs.set(profileId, { controller, done });
    return { started: true };
  }

  cancel(profileId: string): boolean {
    const job = this.jobs.get(profileId);
    job?.controller.abort();
    return !!job;
  }

  /** Waits for a running refresh (tests, the CLI, shutdown). */
  async settled(profileId: string): Promise<void> {
    await this.jobs.get(profileId)?.done;
  }

  async cancelAll(): Promise<void> {
    const all = [...this.jobs.values()];
    for (const j of all) j.controller.abort();
    await Promise.all(all.map((j) => j.done.catch(() => undefined)));
  }

  async summary(profileId: string): Promise<StatusSummary> {
    const cur = await this.currentOf(profileId);
    const saved = await this.deps.snapshots.load(profileId);
    return {
      profileId,
      takenAt: cur?.takenAt ?? null,
      fromSnapshot: cur?.fromSnapshot ?? false,
      partial: (cur?.failedSources.length ?? 0) > 0,
      failedSources: cur?.failedSources ?? [],
      sources: cur?.sources ?? [],
      counts: cur?.join.counts ?? joinStatus({ appId: '' }).counts,
      total: cur?.join.people.length ?? 0,
      needsAttention: cur?.join.needsAttention ?? 0,
      groups: cur?.join.groups ?? [],
      history: saved.history,
      changes: cur?.changes ?? [],
      running: this.jobs.has(profileId),
      ...(cur ? { joinMs: cur.joinMs } : {}),
    };
  }

  /** The last complete snapshot's counts, without loading or joining it. */
  async card(profileId: string): Promise<{ takenAt: string; counts: StatusCounts; needsAttention: number } | null> {
    const last = (await this.deps.snapshots.load(profileId)).history.at(-1);
    if (!last) return null;
    let needsAttention = 0;
    for (const c of attentionClasses) needsAttention += last.counts[c] ?? 0;
    return { takenAt: last.at, counts: last.counts, needsAttention };
  }

  async page(profileId: string, q: RowQuery): Promise<StatusPage> {
    const cur = await this.currentOf(profileId);
    if (!cur) return { total: 0, offset: 0, rows: [], queryMs: 0 };
    return cur.index.page(q);
  }

  async person(profileId: string, key: string): Promise<PersonDetail> {
    const cur = await this.currentOf(profileId);
    const detail = cur ? personDetail(cur.join, key, (await this.deps.snapshots.load(profileId)).actions) : null;
    if (!detail) throw new AppError('NOT_FOUND', 'This person is not in the current status.', { hint: 'Refresh the status.' });
    const profile = await this.deps.clients.profile(profileId);
    const mappedRoles = mappedRolesOf(cur!.join.byKey.get(key)!, cur!.pushMappings, profile.mappings, listedRolesOf(profile).roles);
    return mappedRoles ? { ...detail, mappedRoles } : detail;
  }

  /**
   * Who gets which role under these rows (the editor's draft or the saved ones), over the latest
   * status data; rows are checked against the roles step 10 listed (from the profile, not the caller).
   */
  async roleImpact(profileId: string, rows: readonly MappingRow[]): Promise<RoleImpactAnswer> {
    const listed = listedRolesOf(await this.deps.clients.profile(profileId));
    const cur = await this.currentOf(profileId);
    if (!cur) return { takenAt: null, fromSnapshot: false, failedSources: [], impact: null, rolesListedAt: listed.at };
    cur.impactPeople ??= impactPeople(cur.join, cur.pushMappings);
    const impact = roleImpact(cur.impactPeople, rows, listed.roles ? { roles: listed.roles } : {});
    return { takenAt: cur.takenAt, fromSnapshot: cur.fromSnapshot, failedSources: cur.failedSources, impact, rolesListedAt: listed.at };
  }

  async csv(profileId: string, q: Omit<RowQuery, 'offset' | 'limit'>): Promise<{ fileName: string; content: string }> {
    const cur = await this.currentOf(profileId);
    const stamp = (cur?.takenAt ?? new Date().toISOString()).replace(/[:.]/g, '-');
    return { fileName: `provisioning-status-${stamp}.csv`, content: toCsv(cur ? cur.index.all(q) : []) };
  }

  async recordAction(profileId: string, action: ConsoleAction): Promise<void> {
    await this.deps.snapshots.recordAction(profileId, action);
  }

  private async run(profile: Profile, appId: string, scim: ScimReader, controller: AbortController): Promise<void> {
    const profileId = profile.id;
    try {
      const result = await fetchStatusSources({
        okta: this.deps.clients.okta(profile),
        scim,
        appId,
        signal: controller.signal,
        onProgress: (states) => this.deps.onProgress(profileId, states),
      });
      const saved = await this.deps.snapshots.load(profileId);
      const complete = !result.cancelled && result.failed.length === 0;
      if (result.cancelled && !this.current.has(profileId)) {
        // Nothing better than the saved snapshot: keep showing that.
      } else if (!result.cancelled) {
        const takenAt = new Date().toISOString();
        const cur = this.build(result.sources, takenAt, false, result.failed, result.states, saved.snapshot?.classes);
        this.current.set(profileId, cur);
        if (complete) {
          const classes = Object.fromEntries(cur.join.people.map((p) => [p.row.key, p.row.cls]));
          await this.deps.snapshots.saveComplete(profileId, { takenAt, sources: result.sources, classes, states: result.states }, cur.join.counts);
        }
      }
      this.deps.onDone(profileId, { partial: !complete, failedSources: result.failed, cancelled: result.cancelled });
    } catch (err) {
      this.deps.onDone(profileId, { partial: true, failedSources: [], cancelled: controller.signal.aborted });
      throw err;
    }
  }

  private build(sources: StatusSources, takenAt: string, fromSnapshot: boolean, failed: StatusSource[], states: SourceState[], previous?: Record<string, string>): Current {
    const started = performance.now();
    const join = joinStatus(sources);
    const joinMs = performance.now() - started;
    const changes: StatusSummary['changes'] = [];
    if (previous) {
      for (const p of join.people) {
        const before = previous[p.row.key];
        if (before && before !== p.row.cls && changes.length < 200) changes.push({ key: p.row.key, name: p.row.name, from: before as never, to: p.row.cls });
      }
    }
    return { join, index: new RowIndex(join), takenAt, fromSnapshot, failedSources: failed, sources: states, changes, joinMs, pushMappings: sources.pushMappings ?? [] };
  }

  /** The in-memory result, or the saved snapshot (offline, after a restart) marked as such. */
  private async currentOf(profileId: string): Promise<Current | undefined> {
    const cur = this.current.get(profileId);
    if (cur) return cur;
    const saved = await this.deps.snapshots.load(profileId);
    if (!saved.snapshot) return undefined;
    const built = this.build(saved.snapshot.sources, saved.snapshot.takenAt, true, [], saved.snapshot.states ?? []);
    this.current.set(profileId, built);
    return built;
  }

  private async scimReader(profile: Profile): Promise<ScimReader> {
    if (!profile.threatlocker.scimUrl) {
      throw new AppError('VALIDATION', 'This profile has no SCIM API Url yet.', { hint: 'Add the API Url from ThreatLocker: Integrations -> SCIM Integration.' });
    }
    return new ScimReader({
      baseUrl: profile.threatlocker.scimUrl,
      token: await this.deps.secrets.require(profile.id, 'scimBearerToken'),
      allowHttpLoopback: profile.sandbox || this.deps.allowLoopback,
      ...(this.deps.dispatcher ? { dispatcher: this.deps.dispatcher } : {}),
    });
  }
}

export function appIdOf(profile: Profile): string {
  const appId = (profile.setup.steps['create-app'] as { data?: { appId?: unknown } } | undefined)?.data?.appId;
  if (typeof appId !== 'string' || !appId) {
    throw new AppError('VALIDATION', 'The ThreatLocker app does not exist in Okta yet.', { hint: 'Run setup step 2 "Create the Okta SAML app" first.' });
  }
  return appId;
}
