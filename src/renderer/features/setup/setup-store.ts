import { create } from 'zustand';
import type { EventPayload, ResultOf } from '../../../shared/ipc-contract';
import type { SetupStepId, SetupView, StepInput } from '../../../shared/setup';
import { postError, toUiError, type UiError } from '../../core/errors';
import { toast } from '../../core/toast-store';
import { downloadText } from '../../lib/download';
import type { Async } from '../../lib/async';

export type OktaGroup = ResultOf<'setup:searchGroups'>['groups'][number];
export type GroupRule = ResultOf<'setup:listGroupRules'>['rules'][number];
export type GroupMapping = NonNullable<StepInput['mappings']>[number];

/** What the wizard shows on the right: one step, or the summary of every setting. */
export type SetupSelection = SetupStepId | 'summary';

export interface StepRun {
  stepId: SetupStepId;
  kind: 'run' | 'play';
  /** `setup:progress` messages for this run, oldest first. */
  messages: string[];
}

/** The outcome of the last run, for the panel's live region ("Verified", "Failed"…). */
export interface RunResult {
  stepId: SetupStepId;
  at: number;
}

interface SetupStoreState {
  profileId: string | undefined;
  view: Async<SetupView>;
  selected: SetupSelection | undefined;
  running: StepRun | undefined;
  /** Runs and plays finished (ok or not) since the profile was opened: tests wait on it. */
  finishedRuns: number;
  lastRun: RunResult | undefined;
  /** A run that could not start (wrong input, earlier step missing): shown in that step's panel. */
  stepErrors: Partial<Record<SetupStepId, StepError>>;
  groupQuery: string;
  groups: Async<OktaGroup[]>;
  rules: Async<GroupRule[]>;
  /** Mappings saved in this session; the profile file has them too, but the profile store may be older. */
  savedMappings: { profileId: string; mappings: GroupMapping[] } | undefined;
  /** The setup report export: ready holds the file name last saved. */
  report: Async<string>;

  load: (profileId: string) => Promise<void>;
  select: (selection: SetupSelection) => void;
  runStep: (stepId: SetupStepId, input?: StepInput) => Promise<boolean>;
  playStep: (stepId: SetupStepId) => Promise<boolean>;
  clearStepError: (stepId: SetupStepId) => void;
  searchGroups: (query: string) => Promise<void>;
  loadGroupRules: () => Promise<void>;
  openExternal: (url: string) => Promise<void>;
  /** Builds the setup report in main and saves it as an HTML file. */
  exportReport: () => Promise<void>;
  /** From the `setup:progress` event (subscribed in bootstrap, so a tab switch mid-run loses nothing). */
  progress: (payload: EventPayload<'setup:progress'>) => void;
}

/** A step's last failure, and whether it came from running or from playing it (what Retry repeats). */
export type StepError = UiError & { during: StepRun['kind'] };

const MAX_MESSAGES = 50;
let searchSeq = 0;
let rulesSeq = 0;

export const useSetupStore = create<SetupStoreState>((set, get) => {
  const setStepError = (stepId: SetupStepId, error: StepError | undefined) =>
    set((state) => {
      const stepErrors = { ...state.stepErrors };
      if (error) stepErrors[stepId] = error;
      else delete stepErrors[stepId];
      return { stepErrors };
    });

  const execute = async (stepId: SetupStepId, kind: StepRun['kind'], call: (profileId: string) => Promise<SetupView>, title: string) => {
    const { profileId, running } = get();
    if (!profileId || running) return false;
    // The wizard stays on the step that ran (it would otherwise follow resumeAt to the next one).
    set((state) => ({ running: { stepId, kind, messages: [] }, selected: state.selected ?? stepId }));
    setStepError(stepId, undefined);
    try {
      const view = await call(profileId);
      if (get().profileId !== profileId) return false;
      set({ view: { status: 'ready', value: view }, lastRun: { stepId, at: Date.now() } });
      return true;
    } catch (error) {
      if (get().profileId !== profileId) return false;
      // Everything a person can act on stays in the step's panel; only crashes become toasts.
      const uiError = postError(error, { title, profileId, inlineCodes: 'all' });
      setStepError(stepId, { ...uiError, during: kind });
      return false;
    } finally {
      if (get().running?.stepId === stepId) set((state) => ({ running: undefined, finishedRuns: state.finishedRuns + 1 }));
    }
  };

  return {
    profileId: undefined,
    view: { status: 'idle' },
    selected: undefined,
    running: undefined,
    finishedRuns: 0,
    lastRun: undefined,
    stepErrors: {},
    groupQuery: '',
    groups: { status: 'idle' },
    rules: { status: 'idle' },
    savedMappings: undefined,
    report: { status: 'idle' },

    load: async (profileId) => {
      const current = get();
      if (current.profileId !== profileId) {
        set({
          profileId,
          view: { status: 'loading' },
          selected: undefined,
          running: undefined,
          lastRun: undefined,
          stepErrors: {},
          groupQuery: '',
          groups: { status: 'idle' },
          rules: { status: 'idle' },
          report: { status: 'idle' },
        });
      } else {
        const previous = current.view.status === 'ready' ? current.view.value : current.view.status === 'idle' ? undefined : current.view.previous;
        set({ view: previous ? { status: 'loading', previous } : { status: 'loading' } });
      }
      try {
        const view = await window.api.setup.get({ profileId });
        if (get().profileId === profileId) set({ view: { status: 'ready', value: view } });
      } catch (error) {
        if (get().profileId !== profileId) return;
        const previous = get().view;
        const kept = previous.status === 'loading' ? previous.previous : undefined;
        set({ view: kept ? { status: 'error', error: toUiError(error), previous: kept } : { status: 'error', error: toUiError(error) } });
      }
    },

    select: (selected) => set({ selected }),

    runStep: async (stepId, input = {}) => {
      const ok = await execute(stepId, 'run', (profileId) => window.api.setup.runStep({ profileId, stepId, input }), 'The step couldn’t run');
      const { profileId } = get();
      if (ok && input.mappings && profileId) set({ savedMappings: { profileId, mappings: input.mappings } });
      return ok;
    },

    playStep: (stepId) => execute(stepId, 'play', (profileId) => window.api.sandbox.playStep({ profileId, stepId }), 'The sandbox couldn’t play the step'),

    clearStepError: (stepId) => setStepError(stepId, undefined),

    searchGroups: async (query) => {
      const { profileId } = get();
      if (!profileId) return;
      const seq = ++searchSeq;
      const previous = get().groups.status === 'ready' ? (get().groups as { value: OktaGroup[] }).value : undefined;
      set({ groupQuery: query, groups: previous ? { status: 'loading', previous } : { status: 'loading' } });
      try {
        const { groups } = await window.api.setup.searchGroups({ profileId, query: query.trim() });
        if (seq === searchSeq && get().profileId === profileId) set({ groups: { status: 'ready', value: groups } });
      } catch (error) {
        if (seq === searchSeq && get().profileId === profileId) set({ groups: { status: 'error', error: toUiError(error) } });
      }
    },

    loadGroupRules: async () => {
      const { profileId } = get();
      if (!profileId) return;
      const seq = ++rulesSeq;
      set({ rules: { status: 'loading' } });
      try {
        const { rules } = await window.api.setup.listGroupRules({ profileId });
        if (seq === rulesSeq && get().profileId === profileId) set({ rules: { status: 'ready', value: rules } });
      } catch (error) {
        if (seq === rulesSeq && get().profileId === profileId) set({ rules: { status: 'error', error: toUiError(error) } });
      }
    },

    openExternal: async (url) => {
      try {
        const { opened } = await window.api.shell.openExternal({ url });
        if (!opened) toast.info('The link didn’t open', 'Copy the address and open it in your browser.');
      } catch (error) {
        postError(error, { title: 'Couldn’t open the link' });
      }
    },

    exportReport: async () => {
      const { profileId, report } = get();
      if (!profileId || report.status === 'loading') return;
      set({ report: { status: 'loading' } });
      try {
        const { fileName, content } = await window.api.reports.setup({ profileId });
        downloadText(fileName, content, 'text/html');
        if (get().profileId === profileId) set({ report: { status: 'ready', value: fileName } });
        toast.success(`Exported ${fileName}`, 'Open it in a browser to read or print it. It holds no tokens.');
      } catch (error) {
        const uiError = postError(error, { title: 'Couldn’t export the setup report', profileId, retry: () => get().exportReport() });
        if (get().profileId === profileId) set({ report: { status: 'error', error: uiError } });
      }
    },

    progress: ({ profileId, stepId, message }) =>
      set((state) => {
        const run = state.running;
        if (state.profileId !== profileId || !run || run.stepId !== stepId) return state;
        return { running: { ...run, messages: [...run.messages, message].slice(-MAX_MESSAGES) } };
      }),
  };
});
