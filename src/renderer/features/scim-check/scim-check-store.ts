import { create } from 'zustand';
import type { EventPayload } from '../../../shared/ipc-contract';
import type { SavedScimCheck, ScimCheckResult, ScimCheckRun } from '../../../shared/scim-check';
import { readableRun } from '../../../shared/scim-check';
import { postError, type UiError } from '../../core/errors';

export type ScimCheckState =
  | { status: 'idle' }
  | { status: 'running'; write: boolean; total: number | undefined; results: ScimCheckResult[] }
  | { status: 'done'; run: ScimCheckRun; fromHistory: boolean }
  | { status: 'error'; error: UiError; results: ScimCheckResult[] };

const idle: ScimCheckState = { status: 'idle' };

interface ScimCheckStoreState {
  /** One check state per profile: a run in one profile carries on while another profile is open. */
  checks: Record<string, ScimCheckState>;
  forProfile: string | undefined;
  /** Write checks are off until a person confirms them, and go back off for another profile. */
  writeEnabled: boolean;
  setWriteEnabled: (enabled: boolean) => void;
  /** Shows the run saved with the profile, if any, when nothing newer is on screen. */
  showSaved: (profileId: string, saved: SavedScimCheck | undefined) => void;
  run: (profileId: string) => Promise<void>;
  /** Asks main to stop the running check; it still cleans up what the write checks created. */
  cancel: (profileId: string) => Promise<void>;
  /** From the `scim:progress` event. */
  progress: (payload: EventPayload<'scim:progress'>) => void;
}

/** The check state of one profile (idle when it has none): a stable object for selectors. */
export const checkStateOf = (store: Pick<ScimCheckStoreState, 'checks'>, profileId: string): ScimCheckState => store.checks[profileId] ?? idle;

const upsertResult = (results: ScimCheckResult[], result: ScimCheckResult) =>
  [...results.filter((r) => r.id !== result.id), result].sort((a, b) => a.number - b.number);

export const useScimCheckStore = create<ScimCheckStoreState>((set, get) => {
  const setCheck = (profileId: string, state: ScimCheckState) => set((store) => ({ checks: { ...store.checks, [profileId]: state } }));

  return {
    checks: {},
    forProfile: undefined,
    writeEnabled: false,
    setWriteEnabled: (writeEnabled) => set({ writeEnabled }),

    showSaved: (profileId, saved) => {
      if (get().forProfile !== profileId) set({ forProfile: profileId, writeEnabled: false });
      if (checkStateOf(get(), profileId).status !== 'idle') return;
      const run = readableRun(saved);
      setCheck(profileId, run ? { status: 'done', run, fromHistory: true } : idle);
    },

    run: async (profileId) => {
      if (checkStateOf(get(), profileId).status === 'running') return;
      const write = get().writeEnabled;
      setCheck(profileId, { status: 'running', write, total: undefined, results: [] });
      try {
        const run = await window.api.scim.runChecks({ profileId, write });
        setCheck(profileId, { status: 'done', run, fromHistory: false });
      } catch (error) {
        const current = checkStateOf(get(), profileId);
        const results = current.status === 'running' ? current.results : [];
        const uiError = postError(error, {
          title: "The SCIM checks couldn't run",
          profileId,
          // Everything but a crash is shown in the panel itself, next to the button.
          inlineCodes: 'all',
        });
        setCheck(profileId, { status: 'error', error: uiError, results });
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
        const state = checkStateOf(store, profileId);
        if (state.status !== 'running') return store;
        return { checks: { ...store.checks, [profileId]: { ...state, total, results: upsertResult(state.results, result) } } };
      }),
  };
});
