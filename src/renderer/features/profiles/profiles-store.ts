import { create } from 'zustand';
import { AppError } from '../../../shared/errors';
import type { DamagedProfileInfo } from '../../../shared/ipc-contract';
import { MAX_PROFILE_BYTES, type NewProfileInput, type Profile, type ProfileDetailsPatch, type ProfileProblem, type ProfileSummary } from '../../../shared/profile';
import { postError, toUiError, type ErrorContext } from '../../core/errors';
import { toast } from '../../core/toast-store';
import type { Async } from '../../lib/async';
import { downloadText } from '../../lib/download';

export interface ProfileList {
  profiles: ProfileSummary[];
  problems: ProfileProblem[];
}

interface ProfilesState {
  list: Async<ProfileList>;
  load: () => Promise<void>;
  create: (input: NewProfileInput, context?: ErrorContext) => Promise<Profile | undefined>;
  rename: (profileId: string, name: string, context?: ErrorContext) => Promise<Profile | undefined>;
  updateDetails: (profileId: string, patch: ProfileDetailsPatch, context?: ErrorContext) => Promise<Profile | undefined>;
  remove: (profileId: string) => Promise<boolean>;
  importFile: (file: File) => Promise<Profile | undefined>;
  exportProfile: (profileId: string) => Promise<void>;
  /** Keeps the list in step when another feature changed or created a profile. */
  upsert: (profile: Profile) => void;
  /** Recovery for a damaged file: what it left in the keychain and whether a good copy was kept. */
  damagedInfo: (file: string) => Promise<DamagedProfileInfo | undefined>;
  restoreBackup: (file: string) => Promise<Profile | undefined>;
  /** Creates a profile from `input` and moves the damaged file's keychain entries to it. */
  recoverInto: (file: string, input: NewProfileInput, context?: ErrorContext) => Promise<Profile | undefined>;
  deleteDamagedSecrets: (file: string) => Promise<boolean>;
}

const summaryOf = (profile: Profile): ProfileSummary => ({
  id: profile.id,
  name: profile.name,
  sandbox: profile.sandbox,
  updatedAt: profile.updatedAt,
  okta: profile.okta,
  threatlocker: profile.threatlocker,
});

const byName = (a: ProfileSummary, b: ProfileSummary) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

export const useProfilesStore = create<ProfilesState>((set, get) => ({
  list: { status: 'idle' },

  load: async () => {
    const current = get().list;
    const previous = current.status === 'ready' ? current.value : undefined;
    set({ list: previous ? { status: 'loading', previous } : { status: 'loading' } });
    try {
      const value = await window.api.profiles.list({});
      set({ list: { status: 'ready', value: { ...value, profiles: [...value.profiles].sort(byName) } } });
    } catch (error) {
      // The screen shows this state with its own Retry; no toast on top of it.
      const uiError = toUiError(error);
      set({ list: previous ? { status: 'error', error: uiError, previous } : { status: 'error', error: uiError } });
    }
  },

  create: async (input, context) => {
    try {
      const profile = await window.api.profiles.create(input);
      get().upsert(profile);
      return profile;
    } catch (error) {
      postError(error, { title: "Couldn’t create the profile", ...context });
      return undefined;
    }
  },

  rename: async (profileId, name, context) => {
    try {
      const profile = await window.api.profiles.rename({ profileId, name });
      get().upsert(profile);
      return profile;
    } catch (error) {
      postError(error, { title: "Couldn’t rename the profile", profileId, ...context });
      return undefined;
    }
  },

  updateDetails: async (profileId, patch, context) => {
    try {
      const profile = await window.api.profiles.update({ profileId, ...patch });
      get().upsert(profile);
      return profile;
    } catch (error) {
      postError(error, { title: 'Couldn’t save the connection details', profileId, ...context });
      return undefined;
    }
  },

  remove: async (profileId) => {
    try {
      await window.api.profiles.delete({ profileId });
      set((state) =>
        state.list.status === 'ready'
          ? { list: { status: 'ready', value: { ...state.list.value, profiles: state.list.value.profiles.filter((p) => p.id !== profileId) } } }
          : state,
      );
      return true;
    } catch (error) {
      postError(error, { title: "Couldn’t delete the profile", retry: () => get().remove(profileId) });
      return false;
    }
  },

  importFile: async (file) => {
    try {
      // Checked before reading: a huge file would only fail later, after freezing the window.
      if (file.size > MAX_PROFILE_BYTES) {
        throw new AppError('VALIDATION', `${file.name} is ${(file.size / 1_000_000).toFixed(1)} MB: too large to be a profile export (limit ${MAX_PROFILE_BYTES / 1_000_000} MB).`, {
          hint: 'Choose a file made with "Export profile"; those are a few kilobytes.',
        });
      }
      const content = await file.text();
      const profile = await window.api.profiles.import({ fileName: file.name, content });
      get().upsert(profile);
      toast.success(`Imported “${profile.name}”`, 'Add its tokens under Credentials: exported profiles never carry secrets.');
      return profile;
    } catch (error) {
      postError(error, { title: `Couldn’t import ${file.name}` });
      return undefined;
    }
  },

  exportProfile: async (profileId) => {
    try {
      const { fileName, content } = await window.api.profiles.export({ profileId });
      downloadText(fileName, content);
      toast.success(`Exported ${fileName}`, 'The file holds the settings only — no tokens.');
    } catch (error) {
      postError(error, { title: "Couldn’t export the profile", retry: () => get().exportProfile(profileId) });
    }
  },

  upsert: (profile) =>
    set((state) => {
      if (state.list.status !== 'ready') return state;
      const others = state.list.value.profiles.filter((p) => p.id !== profile.id);
      return { list: { status: 'ready', value: { ...state.list.value, profiles: [...others, summaryOf(profile)].sort(byName) } } };
    }),

  damagedInfo: async (file) => {
    try {
      return await window.api.profiles.damagedInfo({ file });
    } catch (error) {
      postError(error, { title: `Couldn’t read what ${file} left in the keychain`, retry: () => get().damagedInfo(file) });
      return undefined;
    }
  },

  restoreBackup: async (file) => {
    try {
      const profile = await window.api.profiles.restoreBackup({ file });
      await get().load();
      toast.success('Profile restored', `“${profile.name}” is back as it was last saved; the damaged file was kept in profiles/.damaged.`);
      return profile;
    } catch (error) {
      postError(error, { title: 'Couldn’t restore the profile', retry: () => get().restoreBackup(file) });
      return undefined;
    }
  },

  recoverInto: async (file, input, context) => {
    try {
      const { profile, leftBehind } = await window.api.profiles.recoverDamaged({ file, profile: input });
      await get().load();
      if (leftBehind.length === 0) toast.success('Tokens re-attached', `“${profile.name}” holds the tokens of ${file}; the damaged file was kept in profiles/.damaged.`);
      else
        toast.info(
          `“${profile.name}” created; not every token moved`,
          `The ${leftBehind.join(', ')} ${leftBehind.length === 1 ? 'was' : 'were'} saved for another address than the new profile points to, so ${leftBehind.length === 1 ? 'it stays' : 'they stay'} with ${file}. Delete ${leftBehind.length === 1 ? 'it' : 'them'} from that file's notice, then add the tokens for the new address on the Credentials tab.`,
        );
      return profile;
    } catch (error) {
      postError(error, { title: 'Couldn’t create the profile', ...context });
      return undefined;
    }
  },

  deleteDamagedSecrets: async (file) => {
    try {
      const { deleted } = await window.api.profiles.deleteDamagedSecrets({ file });
      toast.success('Tokens deleted', `${deleted.length} keychain ${deleted.length === 1 ? 'entry' : 'entries'} of ${file} deleted. The file itself is untouched.`);
      return true;
    } catch (error) {
      postError(error, { title: 'Couldn’t delete the tokens', retry: () => get().deleteDamagedSecrets(file) });
      return false;
    }
  },
}));
