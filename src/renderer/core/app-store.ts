import type { ResultOf } from '../../shared/ipc-contract';
import { create } from 'zustand';

export type ProfileTab = 'credentials' | 'check' | 'setup' | 'status';
export const profileTabs: readonly ProfileTab[] = ['credentials', 'check', 'setup', 'status'];

/** What the offline review shows: a saved profile, or an opened file's text (kept in memory only). */
export type ReviewTarget = { profileId: string } | { fileName: string; content: string };

export type Route =
  | { screen: 'profiles' }
  | { screen: 'profile'; profileId: string; tab: ProfileTab }
  | { screen: 'review'; target: ReviewTarget }
  | { screen: 'overview' };

export type AppInfo = ResultOf<'app:info'>;

interface AppState {
  route: Route;
  info: AppInfo | undefined;
  loadInfo: () => Promise<void>;
  showProfiles: () => void;
  openProfile: (profileId: string, tab?: ProfileTab) => void;
  setTab: (tab: ProfileTab) => void;
  openReview: (target: ReviewTarget) => void;
  showOverview: () => void;
}

/** Routing is plain state: no URL hash, nothing for a page to navigate to. */
export const useAppStore = create<AppState>((set) => ({
  route: { screen: 'profiles' },
  info: undefined,
  loadInfo: async () => {
    try {
      set({ info: await window.api.app.info({}) });
    } catch {
      // Only the version line in the sidebar depends on it.
    }
  },
  showProfiles: () => set({ route: { screen: 'profiles' } }),
  openProfile: (profileId, tab = 'credentials') => set({ route: { screen: 'profile', profileId, tab } }),
  openReview: (target) => set({ route: { screen: 'review', target } }),
  showOverview: () => set({ route: { screen: 'overview' } }),
  setTab: (tab) =>
    set((state) => (state.route.screen === 'profile' ? { route: { ...state.route, tab } } : state)),
}));

/** Whether main can put a token on the system clipboard (not in the browser host). */
export const selectCanCopySecrets = (state: AppState): boolean => state.info?.canCopySecrets === true;

export const selectActiveProfileId = (state: AppState): string | undefined =>
  state.route.screen === 'profile' ? state.route.profileId : undefined;
