import { useOktaSignInStore } from './okta-sign-in-store';

export { OktaSignInPanel } from './OktaSignInPanel';

/** Re-reads a profile's sign-in from main (after an edit that signed it out there). */
export const reloadOktaSignIn = (profileId: string): Promise<void> => useOktaSignInStore.getState().load(profileId);
