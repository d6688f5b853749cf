import { checkUrl, normalizeOktaOrgUrl, type HostPolicy } from '../net/host-policy';
import type { UrlRules } from './profiles-service';

function httpsOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined; // checkUrl reports text that is not a URL
  }
}

/** The host allowlist's rules for what an admin types into a profile. */
export function profileUrlRules(policy: HostPolicy): UrlRules {
  return {
    normalizeOktaOrgUrl: (input) => normalizeOktaOrgUrl(input, policy),
    checkScimUrl: (url) => {
      // The SCIM API Url is checked as if its https origin were allowed, without adding it to the
      // shared allowlist (whose origins hold for Okta calls too); plain http passes only for the
      // running sandbox or with --allow-loopback, as checkUrl decides.
      const origin = /^https:\/\//i.test(url) ? httpsOrigin(url) : undefined;
      const allowedOrigins = origin ? new Set([...policy.allowedOrigins, origin]) : policy.allowedOrigins;
      checkUrl({ allowedOrigins, customOktaDomains: policy.customOktaDomains, allowLoopback: policy.allowLoopback }, url, 'scim');
    },
    allowCustomOktaDomain: (hostOrUrl) => void policy.allowCustomOktaDomain(hostOrUrl),
  };
}
