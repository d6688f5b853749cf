import { create } from 'zustand';
import type { EventPayload } from '../../../shared/ipc-contract';
import type { PersonDetail, SourceState, StatusClass, StatusRow, StatusSummary } from '../../../shared/provisioning-status';
import { postError } from '../../core/errors';
import { downloadText } from '../../lib/download';

/** Rows are fetched from main in blocks of this size, only for what the table shows. */
export const BLOCK = 100;

export interface StatusFilter {
  cls?: StatusClass | undefined;
  group?: string | undefined;
  text: string;
  sort: 'cls' | 'name' | 'userName' | 'oktaStatus' | 'tlStatus';
  desc: boolean;
}

export interface ActionResult {
  title: string;
  ok: boolean;
  steps: { text: string; ok: boolean }[];
}

interface StatusStore {
  profileId: string | undefined;
  summary: StatusSummary | undefined;
  progress: SourceState[];
  filter: StatusFilter;
  total: number;
  /** Sparse: only the blocks the table asked for. Reset when the filter or the data changes. */
  rows: Map<number, StatusRow[]>;
  /** Bumps on every new filter/data, so late answers for an old filter are dropped. */
  version: number;
  lastQueryMs: number | undefined;
  detail: PersonDetail | undefined;
  action: ActionResult | 'running' | undefined;
  /** Minutes between automatic refreshes (0 = off); doubled after a partial or failed one, up to 4 h. */
  autoMinutes: number;
  nextAutoAt: number | undefined;
  setAuto: (minutes: number) => void;
  open: (profileId: string) => Promise<void>;
  refresh: () => Promise<void>;
  cancel: () => Promise<void>;
  setFilter: (patch: Partial<StatusFilter>) => void;
  ensureBlock: (block: number) => Promise<void>;
  openPerson: (key: string | undefined) => Promise<void>;
  provisionNow: (oktaUserId: string) => Promise<void>;
  fixPhone: (oktaUserId: string, primaryPhone: string) => Promise<void>;
  exportCsv: () => Promise<void>;
  onProgress: (p: EventPayload<'status:progress'>) => void;
  onDone: (p: EventPayload<'status:done'>) => void;
}

const defaultFilter: StatusFilter = { text: '', sort: 'cls', desc: false };
const MAX_BACKOFF_MINUTES = 240;

export const useStatusStore = create<StatusStore>((set, get) => {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let backoff = 1;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const minutes = get().autoMinutes;
    if (!minutes) return set({ nextAutoAt: undefined });
    const delay = Math.min(minutes * backoff, MAX_BACKOFF_MINUTES) * 60_000;
    set({ nextAutoAt: Date.now() + delay });
    timer = setTimeout(() => void get().refresh(), delay);
  };
  const reloadRows = async () => {
    const version = get().version + 1;
    pending.clear();
    set({ version, rows: new Map() });
    await get().ensureBlock(0);
  };
  const loadSummary = async (profileId: string) => {
    try {
      const summary = await window.api.status.summary({ profileId });
      if (get().profileId === profileId) set({ summary, progress: summary.running ? get().progress : summary.sources });
    } catch (error) {
      postError(error, { profileId, title: 'Couldn’t load the provisioning status' });
    }
  };

  return {
    profileId: undefined,
    summary: undefined,
    progress: [],
    filter: defaultFilter,
    total: 0,
    rows: new Map(),
    version: 0,
    lastQueryMs: undefined,
    detail: undefined,
    action: undefined,
    autoMinutes: 0,
    nextAutoAt: undefined,

    setAuto: (autoMinutes) => {
      backoff = 1;
      set({ autoMinutes });
      schedule();
    },

    open: async (profileId) => {
      if (get().profileId !== profileId) {
        set({ profileId, summary: undefined, progress: [], filter: defaultFilter, detail: undefined, action: undefined, total: 0, autoMinutes: 0 });
        schedule();
      }
      await loadSummary(profileId);
      await reloadRows();
    },

    refresh: async () => {
      const profileId = get().profileId;
      if (!profileId) return;
      try {
        await window.api.status.refresh({ profileId });
        set((s) => ({ summary: s.summary ? { ...s.summary, running: true } : s.summary }));
      } catch (error) {
        postError(error, { profileId, title: 'Couldn’t start the refresh' });
      }
    },

    cancel: async () => {
      const profileId = get().profileId;
      if (profileId) await window.api.status.cancel({ profileId });
    },

    setFilter: (patch) => {
      set((s) => ({ filter: { ...s.filter, ...patch } }));
      void reloadRows();
    },

    ensureBlock: async (block) => {
      const { profileId, filter, version, rows } = get();
      const id = `${version}:${block}`;
      if (!profileId || rows.has(block) || pending.has(id)) return;
      pending.add(id);
      try {
        const page = await window.api.status.page({ profileId, ...filter, offset: block * BLOCK, limit: BLOCK });
        if (get().version !== version) return;
        set((s) => ({ total: page.total, lastQueryMs: block === 0 ? page.queryMs : s.lastQueryMs, rows: new Map(s.rows).set(block, page.rows) }));
      } catch (error) {
        postError(error, { profileId, title: 'Couldn’t read the status table' });
      } finally {
        pending.delete(id);
      }
    },

    openPerson: async (key) => {
      const profileId = get().profileId;
      if (!key || !profileId) return set({ detail: undefined, action: undefined });
      try {
        const detail = await window.api.status.person({ profileId, key });
        // Re-reading the same person (after an action) keeps the action's steps on screen.
        set((s) => ({ detail, action: s.detail?.row.key === key ? s.action : undefined }));
      } catch (error) {
        postError(error, { profileId, title: 'Couldn’t open this person' });
      }
    },

    provisionNow: async (oktaUserId) => {
      const profileId = get().profileId;
      if (!profileId) return;
      set({ action: 'running' });
      try {
        const r = await window.api.status.provisionNow({ profileId, oktaUserId });
        set({ action: { title: 'Provision now', ...r } });
        await get().refresh();
      } catch (error) {
        set({ action: undefined });
        postError(error, { profileId, title: 'Provision now failed' });
      }
    },

    fixPhone: async (oktaUserId, primaryPhone) => {
      const profileId = get().profileId;
      if (!profileId) return;
      set({ action: 'running' });
      try {
        const r = await window.api.status.fixPhone({ profileId, oktaUserId, primaryPhone });
        set({ action: { title: 'Fix primaryPhone', ...r } });
        await get().refresh();
      } catch (error) {
        set({ action: undefined });
        postError(error, { profileId, title: 'Couldn’t set primaryPhone' });
      }
    },

    exportCsv: async () => {
      const { profileId, filter } = get();
      if (!profileId) return;
      try {
        const { fileName, content } = await window.api.status.csv({ profileId, ...filter });
        downloadText(fileName, content, 'text/csv');
      } catch (error) {
        postError(error, { profileId, title: 'Couldn’t export the CSV' });
      }
    },

    onProgress: (p) => {
      if (p.profileId === get().profileId) set({ progress: p.sources });
    },

    onDone: (p) => {
      const profileId = get().profileId;
      if (p.profileId !== profileId) return;
      // Backoff: a partial or failed refresh waits twice as long before the next automatic one.
      backoff = p.partial && !p.cancelled ? Math.min(backoff * 2, 16) : 1;
      schedule();
      void (async () => {
        await loadSummary(profileId);
        await reloadRows();
        const key = get().detail?.row.key;
        if (key) await get().openPerson(key).catch(() => undefined);
      })();
    },
  };
});
