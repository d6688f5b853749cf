import { checkDestination } from '../net/destination-rules';
import { checkUrl, customOktaHost, normalizeOktaOrgUrl, type HostPolicy } from '../net/host-policy';
import type { UrlRules } from './profiles-service';

function httpsOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined; // checkUrl reports text that is not a URL
  }
}

/** The host allowlist's rules for what an admin types into a profile, plus where a token may go. */
export function profileUrlRules(policy: HostPolicy): UrlRules {
  return {
    normalizeOktaOrgUrl: (input, customDomain = false) => {
      // A custom domain is checked as if it were allowed; it joins the shared allowlist only once
      // the profile is saved (allowCustomOktaDomain), so a refused edit or import leaves no trace.
      const config = customDomain
        ? { allowedOrigins: policy.allowedOrigins, allowLoopback: policy.allowLoopback, customOktaDomains: new Set([...policy.customOktaDomains, checkCustomDomain(input, policy)]) }
        : policy;
      return checkDestination(normalizeOktaOrgUrl(input, config), 'The Okta address', policy).origin;
    },
    checkScimUrl: (url) => {
      // The SCIM API Url is checked as if its https origin were allowed, without adding it to the
      // shared allowlist (whose origins hold for Okta calls too); plain http passes only for the
      // running sandbox or with --allow-loopback, as checkUrl decides.
      const origin = /^https:\/\//i.test(url) ? httpsOrigin(url) : undefined;
      const allowedOrigins = origin ? new Set([...policy.allowedOrigins, origin]) : policy.allowedOrigins;
      checkUrl({ allowedOrigins, customOktaDomains: policy.customOktaDomains, allowLoopback: policy.allowLoopback }, url, 'scim');
      checkDestination(url, 'The SCIM API Url', policy);
    },
    checkPortalApiUrl: (url) => {
      checkUrl(policy, url, 'threatlocker');
      checkDestination(url, 'The ThreatLocker portal API address', policy);
    },
    allowCustomOktaDomain: (hostOrUrl) => {
      checkCustomDomain(hostOrUrl, policy);
      policy.allowCustomOktaDomain(hostOrUrl);
    },
  };
}

/**
 * A custom domain is a public name, never 10.0.0.5 or printer.local; text that is no URL at all
 * gets "not a domain name". Returns the host.
 */
function checkCustomDomain(hostOrUrl: string, policy: HostPolicy): string {
  const text = hostOrUrl.trim();
  const origin = httpsOrigin(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  if (origin) checkDestination(`https://${new URL(origin).hostname}`, 'The custom Okta domain', policy);
  return customOktaHost(text);
}
