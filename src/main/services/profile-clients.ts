import type { Profile } from '../../shared/profile';
import { checkDestination } from './net/destination-rules';
import type { HostPolicy } from './net/host-policy';
import type { HttpClient } from './net/http-client';
import { OktaClient } from './okta/okta-client';
import type { OktaOAuthService } from './okta-oauth/okta-oauth-service';
import type { ProfileStore } from './profiles/profile-store';
import type { SecretStore } from './secrets/secret-store';
import { PortalClient } from './threatlocker/portal-client';
import { portalApiBaseFor } from './threatlocker/threatlocker-urls';

interface Deps {
  store: ProfileStore;
  secrets: SecretStore;
  http: HttpClient;
  policy: HostPolicy;
  /** When the profile is signed in to Okta, its calls use the OAuth access token (Bearer). */
  oauth?: OktaOAuthService;
  /** The running sandbox's OIDC issuer: a sandbox profile signs in there, not at its org URL. */
  sandboxIssuer?: () => string | undefined;
}

/**
 * Builds the API clients for one profile. Tokens are fetched from the keychain per call, so a
 * replaced token takes effect at once and no client holds a secret longer than a request.
 */
export class ProfileClients {
  constructor(private readonly deps: Deps) {}

  async profile(profileId: string): Promise<Profile> {
    const profile = await this.deps.store.get(profileId);
    // The custom Okta domain the admin confirmed for this org. (The SCIM API Url is not added to
    // the shared allowlist: its origins are good for every purpose, and SCIM calls have their own rules.)
    if (profile.okta.customDomain) {
      // Checked again at use: a profile saved by an older version may name a private host.
      checkDestination(profile.okta.orgUrl, 'The custom Okta domain', this.deps.policy);
      this.deps.policy.allowCustomOktaDomain(profile.okta.orgUrl);
    }
    return profile;
  }

  /** How this profile's Okta calls authenticate now: the sign-in if there is one, else the API token, else nothing. */
  async oktaCredential(profileId: string): Promise<'Bearer' | 'SSWS' | null> {
    if (this.deps.oauth && (await this.deps.oauth.signedIn(profileId))) return 'Bearer';
    return (await this.deps.secrets.get(profileId, 'oktaApiToken')) ? 'SSWS' : null;
  }

  okta(profile: Profile): OktaClient {
    return new OktaClient({
      orgUrl: profile.okta.orgUrl,
      http: this.deps.http,
      // A sign-in wins over a pasted API token: it is the scoped, expiring credential.
      getToken: async () =>
        this.deps.oauth && (await this.deps.oauth.signedIn(profile.id))
          ? { kind: 'Bearer' as const, value: await this.deps.oauth.accessToken(profile.id, this.issuerOrigins(profile)) }
          : { kind: 'SSWS' as const, value: await this.deps.secrets.require(profile.id, 'oktaApiToken') },
    });
  }

  /** Where this profile's sign-in may come from: its org (the confirmed custom domain when it has one), or the running sandbox's provider. */
  private issuerOrigins(profile: Profile): string[] {
    const sandbox = profile.sandbox ? this.deps.sandboxIssuer?.() : undefined;
    return sandbox ? [profile.okta.orgUrl, sandbox] : [profile.okta.orgUrl];
  }

  portal(profile: Profile): PortalClient {
    return new PortalClient({
      baseUrl: profile.threatlocker.portalApiUrl ?? portalApiBaseFor(profile.threatlocker.instance),
      managedOrganizationId: profile.threatlocker.managedOrganizationId,
      http: this.deps.http,
      getToken: () => this.deps.secrets.require(profile.id, 'threatlockerPortalToken'),
    });
  }
}
