import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceState, StatusClass, StatusCounts } from '../../../shared/provisioning-status';
import { writeFileAtomic } from '../profiles/atomic-write';
import type { ConsoleAction, StatusSources } from './status-sources';

/** Counts kept for the chart of classes over the last snapshots. */
const HISTORY = 30;
const ACTIONS = 500;

export interface SavedStatus {
  version: 1;
  /** The last complete refresh: never replaced by a partial or cancelled one. */
  snapshot?: { takenAt: string; sources: StatusSources; classes: Record<string, StatusClass>; states?: SourceState[] };
  history: { at: string; counts: StatusCounts }[];
  /** The console's own actions on people (Provision now, fix phone), newest last. */
  actions: ConsoleAction[];
}

const empty = (): SavedStatus => ({ version: 1, history: [], actions: [] });

/**
 * One file per profile under <dataData>/status/, written atomically (a crash leaves the old or the
 * new file, never half). Only complete refreshes become the snapshot; see saveComplete.
 */
export class StatusSnapshots {
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(private readonly dataDir: string) {}

  private file(profileId: string): string {
    return join(this.dataDir, 'status', `${profileId}.json`);
  }

  async load(profileId: string): Promise<SavedStatus> {
    try {
      const parsed = JSON.parse(await readFile(this.file(profileId), 'utf8')) as SavedStatus;
      return parsed?.version === 1 ? { ...empty(), ...parsed } : empty();
    } catch {
      return empty();
    }
  }

  /** Saves a complete refresh as the snapshot and adds its counts to the history. */
  saveComplete(profileId: string, snap: NonNullable<SavedStatus['snapshot']>, counts: StatusCounts): Promise<SavedStatus> {
    return this.change(profileId, (s) => ({ ...s, snapshot: snap, history: [...s.history, { at: snap.takenAt, counts }].slice(-HISTORY) }));
  }

  recordAction(profileId: string, action: ConsoleAction): Promise<SavedStatus> {
    return this.change(profileId, (s) => ({ ...s, actions: [...s.actions, action].slice(-ACTIONS) }));
  }

  /** One write at a time per profile, so an action recorded during a refresh is not lost. */
  private change(profileId: string, fn: (s: SavedStatus) => SavedStatus): Promise<SavedStatus> {
    const prev = this.queue.get(profileId) ?? Promise.resolve();
    const next = prev.then(async () => {
      const updated = fn(await this.load(profileId));
      await mkdir(join(this.dataDir, 'status'), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file(profileId), JSON.stringify(updated));
      return updated;
    });
    this.queue.set(profileId, next.catch(() => undefined));
    return next;
  }
}
