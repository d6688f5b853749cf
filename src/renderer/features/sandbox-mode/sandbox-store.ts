import { create } from 'zustand';
import type { SandboxInfo } from '../../../shared/ipc-contract';
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
}));
