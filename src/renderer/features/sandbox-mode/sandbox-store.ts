import { create } from 'zustand';
import type { FaultSettingsView, SandboxFaults, SandboxInfo } from '../../../shared/ipc-contract';
import { useAppStore } from '../../core/app-store';
import { postError } from '../../core/errors';
import { useProfilesStore } from '../profiles';

export type SandboxStart = { status: 'idle' } | { status: 'starting' } | { status: 'error'; message: string };

interface SandboxState {
  info: SandboxInfo | undefined;
  start: SandboxStart;
  loadInfo: () => Promise<void>;
  /** Starts the simulated Okta org + ThreatLocker tenant and opens its profile. */
  startSandbox: () => Promise<void>;
  /** From the `sandbox:state` event. */
  applyState: (info: SandboxInfo) => void;
  /** The simulators' fault settings, for the fault controls (undefined until loaded). */
  faults: SandboxFaults | undefined;
  loadFaults: () => Promise<void>;
  /** Sets one simulator's faults; resolves true when the sandbox took them. */
  setFaults: (target: keyof SandboxFaults, settings: Partial<FaultSettingsView>) => Promise<boolean>;
}

export const useSandboxStore = create<SandboxState>((set, get) => ({
  info: undefined,
  start: { status: 'idle' },

  loadInfo: async () => {
    try {
      set({ info: await window.api.sandbox.info({}) });
    } catch {
      // The chip is a nicety; the sandbox:state event will fill it in when something changes.
    }
  },

  startSandbox: async () => {
    if (get().start.status === 'starting') return;
    set({ start: { status: 'starting' } });
    try {
      const { sandbox, profile } = await window.api.sandbox.start({});
      set({ info: sandbox, start: { status: 'idle' } });
      const profiles = useProfilesStore.getState();
      if (profiles.list.status === 'ready') profiles.upsert(profile);
      else void profiles.load();
      useAppStore.getState().openProfile(profile.id, 'credentials');
    } catch (error) {
      const uiError = postError(error, { title: "Couldn’t start the sandbox", retry: () => get().startSandbox() });
      set({ start: { status: 'error', message: uiError.message } });
    }
  },

  applyState: (info) => set({ info }),

  faults: undefined,
  loadFaults: async () => {
    try {
      set({ faults: await window.api.sandbox.faults({}) });
    } catch (error) {
      postError(error, { title: 'Couldn’t read the sandbox faults', retry: () => get().loadFaults() });
    }
  },
  setFaults: async (target, settings) => {
    try {
      set({ faults: await window.api.sandbox.setFaults({ target, settings }) });
      return true;
    } catch (error) {
      postError(error, { title: 'Couldn’t set the sandbox faults', retry: () => get().setFaults(target, settings) });
      return false;
    }
  },
}));
