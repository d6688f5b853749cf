import { create } from 'zustand';
import type { OAuthView } from '../../../shared/okta-oauth';
import { postError, toUiError, type UiError } from '../../core/errors';
import { toast } from '../../core/toast-store';

type Busy = 'starting' | 'cancelling' | 'signing-out' | undefined;

interface OktaSignInState {
  profileId: string | undefined;
  view: OAuthView | undefined;
  loadError: UiError | undefined;
  busy: Busy;
  load: (profileId: string) => Promise<void>;
  start: (clientId: string) => Promise<UiError | undefined>;
  cancel: () => Promise<void>;
  signOut: () => Promise<void>;
}

/** The Okta sign-in of the open profile. Holds only what main shows: never a token. */
export const useOktaSignInStore = create<OktaSignInState>((set, get) => {
  const apply = (profileId: string, view: OAuthView) => {
    if (get().profileId === profileId) set({ view, loadError: undefined });
  };
  return {
    profileId: undefined,
    view: undefined,
    loadError: undefined,
    busy: undefined,

    load: async (profileId) => {
      if (get().profileId !== profileId) set({ profileId, view: undefined, loadError: undefined, busy: undefined });
      try {
        apply(profileId, await window.api.oktaSignIn.status({ profileId }));
      } catch (error) {
        if (get().profileId === profileId) set({ loadError: toUiError(error) });
      }
    },

    start: async (clientId) => {
      const { profileId } = get();
      if (!profileId) return undefined;
      set({ busy: 'starting' });
      try {
        apply(profileId, await window.api.oktaSignIn.start({ profileId, clientId }));
        return undefined;
      } catch (error) {
        return toUiError(error);
      } finally {
        set({ busy: undefined });
      }
    },

    cancel: async () => {
      const { profileId } = get();
      if (!profileId) return;
      set({ busy: 'cancelling' });
      try {
        apply(profileId, await window.api.oktaSignIn.cancel({ profileId }));
      } catch (error) {
        postError(error, { title: 'Couldn’t cancel the sign-in' });
      } finally {
        set({ busy: undefined });
      }
    },

    signOut: async () => {
      const { profileId } = get();
      if (!profileId) return;
      set({ busy: 'signing-out' });
      try {
        const { revoked, failed, ...view } = await window.api.oktaSignIn.signOut({ profileId });
        apply(profileId, view);
        if (failed.length && revoked.length === 0) toast.info('Signed out on this computer only; Okta revoked nothing', failed.join(' '));
        else if (failed.length) toast.info('Signed out here; Okta did not confirm every revocation', failed.join(' '));
        else toast.success('Signed out of Okta', revoked.length ? `Okta revoked the ${revoked.join(' and the ')}.` : 'There was nothing to revoke.');
      } catch (error) {
        postError(error, { title: 'Couldn’t sign out' });
      } finally {
        set({ busy: undefined });
      }
    },
  };
});
