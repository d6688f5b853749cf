import { create } from 'zustand';
import type { MappingRow } from '../../../../../shared/mapping-validation';
import type { RoleImpactAnswer } from '../../../../../shared/provisioning-status';
import { postError, toUiError } from '../../../../core/errors';
import { valueOf, type Async } from '../../../../lib/async';

interface RoleImpactStore {
  /** The profile the preview is about: another profile's answer is never shown as "previous". */
  profileId: string | undefined;
  preview: Async<RoleImpactAnswer>;
  /** Runs the preview in main for these rows; a late answer for older rows is dropped. */
  load: (profileId: string, rows: readonly MappingRow[]) => Promise<void>;
}

let seq = 0;

/**
 * The editor's "Who gets which role" preview. Its own small store (not the wizard's): it changes
 * on every debounced edit, and nothing else in setup reads it.
 */
export const useRoleImpactStore = create<RoleImpactStore>((set, get) => ({
  profileId: undefined,
  preview: { status: 'idle' },
  load: async (profileId, rows) => {
    const mine = ++seq;
    const previous = get().profileId === profileId ? valueOf(get().preview) : undefined;
    set({ profileId, preview: previous ? { status: 'loading', previous } : { status: 'loading' } });
    try {
      const value = await window.api.status.roleImpact({ profileId, rows: [...rows] });
      if (mine === seq) set({ preview: { status: 'ready', value } });
    } catch (error) {
      if (mine !== seq) return;
      // Shown in the section itself; only a crash also becomes a toast.
      postError(error, { inlineCodes: 'all', profileId });
      set({ preview: previous ? { status: 'error', error: toUiError(error), previous } : { status: 'error', error: toUiError(error) } });
    }
  },
}));
