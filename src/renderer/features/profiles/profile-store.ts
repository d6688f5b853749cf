import { create } from 'zustand';
import type { Profile } from '../../../shared/profile';
import { toUiError, type ErrorContext } from '../../core/errors';
import type { Async } from '../../lib/async';
import { useProfilesStore } from './profiles-store';

interface ProfileState {
  profileId: string | undefined;
  profile: Async<Profile>;
  load: (profileId: string) => Promise<void>;
  rename: (name: string, context?: ErrorContext) => Promise<boolean>;
  /** Called when another feature got a fresher copy of the profile. */
  replace: (profile: Profile) => void;
}

/** The one profile the profile screen shows. */
export const useProfileStore = create<ProfileState>((set, get) => ({
  profileId: undefined,
  profile: { status: 'idle' },

  load: async (profileId) => {
    const current = get();
    const previous = current.profileId === profileId && current.profile.status === 'ready' ? current.profile.value : undefined;
    set({ profileId, profile: previous ? { status: 'loading', previous } : { status: 'loading' } });
    try {
      const profile = await window.api.profiles.get({ profileId });
      if (get().profileId === profileId) set({ profile: { status: 'ready', value: profile } });
    } catch (error) {
      if (get().profileId === profileId) set({ profile: { status: 'error', error: toUiError(error) } });
    }
  },

  rename: async (name, context) => {
    const { profileId } = get();
    if (!profileId) return false;
    const profile = await useProfilesStore.getState().rename(profileId, name, context);
    if (profile) get().replace(profile);
    return profile !== undefined;
  },

  replace: (profile) => {
    if (get().profileId === profile.id) set({ profile: { status: 'ready', value: profile } });
  },
}));
