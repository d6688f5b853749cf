import type { EventBus } from './event-bus';
import type { Handlers } from './handle';
import type { OktaOAuthService } from '../services/okta-oauth/okta-oauth-service';
import type { OktaSignIns } from '../services/okta-oauth/okta-sign-ins';
import type { ProfileClients } from '../services/profile-clients';
import { adminAppsUrl } from '../services/setup/okta-links';

export const oktaSignInChangesTo = (events: EventBus) => (profileId: string) => events.emit('oktaSignIn:changed', { profileId });

export function oktaSignInHandlers(deps: {
  clients: ProfileClients;
  oauth: OktaOAuthService;
  signIns: OktaSignIns;
  /** The authorization server of a profile: its Okta org, or the sandbox's OIDC provider. */
  issuerFor: (profile: { sandbox?: boolean | undefined; okta: { orgUrl: string } }) => string;
}): Pick<Handlers, 'oktaSignIn:status' | 'oktaSignIn:start' | 'oktaSignIn:cancel' | 'oktaSignIn:signOut'> {
  return {
    'oktaSignIn:status': async ({ profileId }) => {
      const profile = await deps.clients.profile(profileId);
      return { ...(await deps.signIns.view(profileId)), appsPageUrl: adminAppsUrl(profile.okta.orgUrl), sandbox: Boolean(profile.sandbox) };
    },
    'oktaSignIn:start': async ({ profileId, clientId }) => {
      const profile = await deps.clients.profile(profileId);
      return deps.signIns.start(profileId, deps.issuerFor(profile), clientId);
    },
    'oktaSignIn:cancel': ({ profileId }) => {
      deps.signIns.cancel(profileId);
      return deps.signIns.view(profileId);
    },
    'oktaSignIn:signOut': async ({ profileId }) => {
      const outcome = await deps.oauth.signOut(profileId);
      return { ...(await deps.signIns.view(profileId)), ...outcome };
    },
  };
}
