import { create } from 'zustand';
import type { SecretKind, SecretStatus } from '../../../shared/profile';
import { secretLabels } from '../../../shared/profile';
import { postError, toUiError, type ErrorContext } from '../../core/errors';
import { toast } from '../../core/toast-store';
import type { Async } from '../../lib/async';

export type SecretAction = 'saving' | 'deleting' | 'copying';

interface CredentialsState {
  profileId: string | undefined;
  /** Only ever what secrets:status / set / delete return: presence, last 4, time. Never a value. */
  statuses: Async<Partial<Record<SecretKind, SecretStatus>>>;
  pending: Partial<Record<SecretKind, SecretAction>>;
  /** "Copied — the clipboard clears in 60 s", per card, until the clipboard clears. */
  copied: Partial<Record<SecretKind, number>>;
  load: (profileId: string) => Promise<void>;
  /** The kinds saved in the keychain right now, asked fresh from main (e.g. to tell what a change removed). */
  savedKinds: (profileId: string) => Promise<SecretKind[]>;
  /** The value is passed straight to main and not kept anywhere in the renderer. */
  save: (kind: SecretKind, value: string, context?: ErrorContext) => Promise<boolean>;
  remove: (kind: SecretKind) => Promise<boolean>;
  copy: (kind: SecretKind) => Promise<void>;
}

const clearTimers = new Map<SecretKind, ReturnType<typeof setTimeout>>();

export const useCredentialsStore = create<CredentialsState>((set, get) => {
  const setPending = (kind: SecretKind, action: SecretAction | undefined) =>
    set((state) => {
      const pending = { ...state.pending };
      if (action) pending[kind] = action;
      else delete pending[kind];
      return { pending };
    });

  const applyStatus = (status: SecretStatus) =>
    set((state) =>
      state.statuses.status === 'ready'
        ? { statuses: { status: 'ready', value: { ...state.statuses.value, [status.kind]: status } } }
        : { statuses: { status: 'ready', value: { [status.kind]: status } } },
    );

  return {
    profileId: undefined,
    statuses: { status: 'idle' },
    pending: {},
    copied: {},

    savedKinds: async (profileId) => {
      try {
        const { secrets } = await window.api.secrets.status({ profileId });
        return secrets.filter((status) => status.present).map((status) => status.kind);
      } catch {
        return [];
      }
    },

    load: async (profileId) => {
      if (get().profileId !== profileId) set({ profileId, statuses: { status: 'loading' }, pending: {}, copied: {} });
      else set({ statuses: { status: 'loading' } });
      try {
        const { secrets } = await window.api.secrets.status({ profileId });
        if (get().profileId !== profileId) return;
        const value: Partial<Record<SecretKind, SecretStatus>> = {};
        for (const status of secrets) value[status.kind] = status;
        set({ statuses: { status: 'ready', value } });
      } catch (error) {
        if (get().profileId === profileId) set({ statuses: { status: 'error', error: toUiError(error) } });
      }
    },

    save: async (kind, value, context) => {
      const { profileId } = get();
      if (!profileId) return false;
      setPending(kind, 'saving');
      try {
        applyStatus(await window.api.secrets.set({ profileId, kind, value }));
        toast.success(`${secretLabels[kind]} saved`, 'It is stored in the system keychain, not in the profile file.');
        return true;
      } catch (error) {
        postError(error, { title: `Couldn’t save the ${secretLabels[kind]}`, profileId, ...context });
        return false;
      } finally {
        setPending(kind, undefined);
      }
    },

    remove: async (kind) => {
      const { profileId } = get();
      if (!profileId) return false;
      setPending(kind, 'deleting');
      try {
        applyStatus(await window.api.secrets.delete({ profileId, kind }));
        return true;
      } catch (error) {
        postError(error, { title: `Couldn’t delete the ${secretLabels[kind]}`, retry: () => get().remove(kind) });
        return false;
      } finally {
        setPending(kind, undefined);
      }
    },

    copy: async (kind) => {
      const { profileId } = get();
      if (!profileId) return;
      setPending(kind, 'copying');
      try {
        const { clearsAfterSeconds } = await window.api.secrets.copy({ profileId, kind });
        set((state) => ({ copied: { ...state.copied, [kind]: clearsAfterSeconds } }));
        clearTimeout(clearTimers.get(kind));
        clearTimers.set(
          kind,
          setTimeout(() => {
            set((state) => {
              const copied = { ...state.copied };
              delete copied[kind];
              return { copied };
            });
          }, clearsAfterSeconds * 1000),
        );
      } catch (error) {
        postError(error, { title: `Couldn’t copy the ${secretLabels[kind]}`, profileId, retry: () => get().copy(kind) });
      } finally {
        setPending(kind, undefined);
      }
    },
  };
});
