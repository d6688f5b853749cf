import { statusSources, type SourceState, type StatusSource } from '../../../shared/provisioning-status';
import type { OktaClient } from '../okta/okta-client';
import type { OktaAppUser, OktaGroupPushMapping, OktaLogEvent } from '../okta/okta-schemas';
import { ScimReadError, type ScimReader } from './scim-reader';
import type { AppUserLite, LogLite, PushMappingLite, StatusSources } from './status-sources';

/** How far back the System Log is read on a first refresh (Okta keeps 90 days). */
export const LOG_DAYS = 30;
/** Groups whose members are read at the same time; the HTTP client's own cap and pacing still apply. */
const GROUP_PARALLEL = 8;
const BULK_NAMES_FROM = 10;

export interface FetchOptions {
  okta: OktaClient;
  scim: ScimReader;
  appId: string;
  signal: AbortSignal;
  onProgress: (states: SourceState[]) => void;
  now?: Date;
}

export interface FetchResult {
  sources: StatusSources;
  states: SourceState[];
  failed: StatusSource[];
  cancelled: boolean;
}

/**
 * Reads every source in parallel (the HTTP client paces each Okta bucket and caps concurrency).
 * A source that fails is named, its data left out; the others still finish, so a refresh ends in a
 * complete result or a partial one that says which source is missing, never in nothing.
 */
export async function fetchStatusSources(opts: FetchOptions): Promise<FetchResult> {
  const { okta, scim, appId, signal } = opts;
  const now = opts.now ?? new Date();
  const states = new Map<StatusSource, SourceState>(statusSources.map((s) => [s, { source: s, state: 'waiting', count: 0 }]));
  let lastEmit = 0;
  const emit = (force = false) => {
    const t = Date.now();
    if (!force && t - lastEmit < 200) return;
    lastEmit = t;
    opts.onProgress([...states.values()].map((s) => ({ ...s })));
  };
  const set = (s: StatusSource, patch: Partial<SourceState>, force = false) => {
    Object.assign(states.get(s)!, patch);
    emit(force);
  };
  const sources: StatusSources = { appId };

  const run = async <T>(s: StatusSource, read: (count: (n: number) => void) => Promise<T>, keep: (v: T) => void) => {
    set(s, { state: 'reading' }, true);
    try {
      const value = await read((n) => set(s, { count: n }));
      keep(value);
      set(s, { state: 'done', readAt: new Date().toISOString() }, true);
    } catch (err) {
      if (signal.aborted) return set(s, { state: 'cancelled', error: 'Cancelled.' }, true);
      if (err instanceof ScimReadError) sources.scimHealth = { ok: false, detail: err.health };
      set(s, { state: 'failed', error: err instanceof Error ? err.message : String(err) }, true);
    }
  };

  await Promise.all([
    run('okta-app-users', async (count) => {
      const out: AppUserLite[] = [];
      for await (const au of okta.listAppUsers(appId, { expand: 'user', limit: 500 })) {
        out.push(liteAppUser(au));
        if (out.length % 500 === 0) count(out.length);
      }
      count(out.length);
      return out;
    }, (v) => (sources.appUsers = v)),
    run('okta-push-groups', (count) => readPushGroups(okta, appId, count), (v) => (sources.pushMappings = v)),
    run('okta-logs', async (count) => {
      const out: LogLite[] = [];
      const since = new Date(now.getTime() - LOG_DAYS * 86_400_000);
      for await (const e of okta.listLogs({ filter: `target.id eq "${appId}"`, since, until: now, limit: 1000 })) {
        out.push(liteLog(e));
        if (out.length % 1000 === 0) count(out.length);
      }
      count(out.length);
      return out;
    }, (v) => (sources.logs = v)),
    run('scim-users', (count) => scim.users(signal, count), (v) => (sources.scimUsers = v)),
    run('scim-groups', (count) => scim.groups(signal, count), (v) => (sources.scimGroups = v)),
  ]);
  if (!sources.scimHealth && states.get('scim-users')!.state === 'done') sources.scimHealth = { ok: true };
  emit(true);
  const final = [...states.values()];
  return { sources, states: final, failed: final.filter((s) => s.state === 'failed').map((s) => s.source), cancelled: signal.aborted };
}

async function readPushGroups(okta: OktaClient, appId: string, count: (n: number) => void): Promise<PushMappingLite[]> {
  const mappings: OktaGroupPushMapping[] = [];
  for await (const m of okta.listGroupPushMappings(appId)) mappings.push(m);
  // Names: with many pushed groups one listing (10,000 a page, the groups bucket) costs far fewer
  // requests than one GET per group (the groupById bucket the member pages need too).
  const names = new Map<string, string>();
  if (mappings.length > BULK_NAMES_FROM) {
    const wanted = new Set(mappings.map((m) => m.sourceGroupId));
    for await (const g of okta.listGroups({ limit: 10_000 })) if (wanted.has(g.id)) names.set(g.id, g.profile.name);
  }
  const out: PushMappingLite[] = new Array(mappings.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < mappings.length) {
      const i = next++;
      const m = mappings[i]!;
      const [name, memberIds] = await Promise.all([
        names.get(m.sourceGroupId) ?? okta.getGroup(m.sourceGroupId).then((g) => g.profile.name, () => m.sourceGroupId),
        (async () => {
          const ids: string[] = [];
          for await (const u of okta.listGroupMembers(m.sourceGroupId, { limit: 1000 })) ids.push(u.id);
          return ids;
        })(),
      ]);
      out[i] = {
        id: m.id,
        sourceGroupId: m.sourceGroupId,
        sourceName: name,
        ...(m.targetGroupId ? { targetGroupId: m.targetGroupId } : {}),
        status: m.status,
        ...(m.errorSummary ? { errorSummary: m.errorSummary } : {}),
        ...(m.lastPush ? { lastPush: m.lastPush } : {}),
        memberIds,
      };
      count(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(GROUP_PARALLEL, mappings.length) }, worker));
  return out;
}

function liteAppUser(au: OktaAppUser): AppUserLite {
  const u = au._embedded?.user;
  const out: AppUserLite = { id: au.id };
  if (au.externalId) out.externalId = au.externalId;
  if (au.scope) out.scope = au.scope;
  if (au.status) out.status = au.status;
  if (au.syncState) out.syncState = au.syncState;
  if (au.lastSync) out.lastSync = au.lastSync;
  if (au.statusChanged) out.statusChanged = au.statusChanged;
  if (au.lastUpdated) out.lastUpdated = au.lastUpdated;
  if (au.credentials?.userName) out.userName = au.credentials.userName;
  if (u) {
    const p = u.profile;
    out.user = { status: u.status, login: p.login };
    if (p.email) out.user.email = p.email;
    if (p.firstName) out.user.firstName = p.firstName;
    if (p.lastName) out.user.lastName = p.lastName;
    if (p.primaryPhone) out.user.primaryPhone = p.primaryPhone;
  }
  return out;
}

function liteLog(e: OktaLogEvent): LogLite {
  const userIds: string[] = [];
  const userNames: string[] = [];
  for (const t of e.target ?? []) {
    if ((t.type === 'User' || t.type === 'AppUser') && t.id && !userIds.includes(t.id)) userIds.push(t.id);
    if (t.type === 'AppUser' && t.alternateId) userNames.push(t.alternateId);
  }
  const externalId = e.debugContext?.debugData?.externalId;
  return {
    published: e.published,
    eventType: e.eventType,
    ...(e.outcome?.result ? { result: e.outcome.result } : {}),
    ...(e.outcome?.reason ? { reason: e.outcome.reason } : {}),
    ...(e.displayMessage ? { message: e.displayMessage } : {}),
    userIds,
    userNames,
    ...(typeof externalId === 'string' ? { externalId } : {}),
  };
}
