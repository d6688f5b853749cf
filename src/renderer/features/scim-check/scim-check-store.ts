import { create } from 'zustand';
import type { EventPayload } from '../../../shared/ipc-contract';
import type { ScimCheckResult, ScimCheckRun } from '../../../shared/scim-check';
import { scimCheckRunSchema } from '../../../shared/scim-check';
import { postError, type UiError } from '../../app/errors';

export type ScimCheckState =
  | { status: 'idle' }
  | { status: 'running'; profileId: string; write: boolean; total: number | undefined; results: ScimCheckResult[] }
  | { status: 'done'; profileId: string; run: ScimCheckRun; fromHistory: boolean }
  | { status: 'error'; profileId: string; error: UiError; results: ScimCheckResult[] };

interface ScimCheckStoreState {
  state: ScimCheckState;
  forProfile: string | undefined;
  /** Write checks are off until a person confirms them, and go back off for another profile. */
  writeEnabled: boolean;
  setWriteEnabled: (enabled: boolean) => void;
  /** Shows the run saved with the profile, if any, when nothing newer is on screen. */
  showSaved: (profileId: string, saved: unknown) => void;
  run: (profileId: string) => Promise<void>;
  /** Asks main to stop the running check; it still cleans up what the write checks created. */
  cancel: (profileId: string) => Promise<void>;
  /** From the `scim:progress` event. */
  progress: (payload: EventPayload<'scim:progress'>) => void;
}

const upsertResult = (results: ScimCheckResult[], result: ScimCheckResult) =>
  [...results.filter((r) => r.id !== result.id), result].sort((a, b) => a.number - b.number);

export const useScimCheckStore = create<ScimCheckStoreState>((set, get) => ({
  state: { status: 'idle' },
  forProfile: undefined,
  writeEnabled: false,
  setWriteEnabled: (writeEnabled) => set({ writeEnabled }),

  showSaved: (profileId, saved) => {
    if (get().forProfile !== profileId) set({ forProfile: profileId, writeEnabled: false });
    const { state } = get();
    if (state.status !== 'idle' && state.profileId === profileId) return;
    const parsed = scimCheckRunSchema.safeParse(saved);
    set({ state: parsed.success ? { status: 'done', profileId, run: parsed.data, fromHistory: true } : { status: 'idle' } });
  },

  run: async (profileId) => {
    if (get().state.status === 'running') return;
    const write = get().writeEnabled;
    set({ state: { status: 'running', profileId, write, total: undefined, results: [] } });
    try {
      const run = await window.api.scim.runChecks({ profileId, write });
      set({ state: { status: 'done', profileId, run, fromHistory: false } });
    } catch (error) {
      const current = get().state;
      const results = current.status === 'running' ? current.results : [];
      const uiError = postError(error, {
        title: "The SCIM checks couldn't run",
        profileId,
        inline: () => undefined,
        // Everything but a crash is shown in the panel itself, next to the button.
        inlineCodes: ['VALIDATION', 'SECRET_MISSING', 'NOT_FOUND', 'HOST_NOT_ALLOWED', 'NETWORK', 'TIMEOUT', 'RATE_LIMITED', 'AUTH_FAILED', 'PERMISSION_DENIED', 'REMOTE_ERROR', 'BAD_RESPONSE', 'SANDBOX'],
      });
      set({ state: { status: 'error', profileId, error: uiError, results } });
    }
  },

  cancel: async (profileId) => {
    try {
      await window.api.scim.cancel({ profileId });
    } catch (error) {
      postError(error, { title: "Couldn't cancel the check", profileId });
    }
  },

  progress: ({ profileId, total, result }) =>
    set((store) => {
      const { state } = store;
      if (state.status !== 'running' || state.profileId !== profileId) return store;
      return { state: { ...state, total, results: upsertResult(state.results, result) } };
    }),
}));
