import { checkUrl, normalizeOktaOrgUrl, type HostPolicy } from '../net/host-policy';
import type { UrlRules } from './profiles-service';

/** The host allowlist's rules for what an admin types into a profile. */
export function profileUrlRules(policy: HostPolicy): UrlRules {
  return {
    normalizeOktaOrgUrl: (input) => normalizeOktaOrgUrl(input, policy),
    checkScimUrl: (url) => {
      // An https SCIM API Url the admin enters is, by that act, an allowed origin; plain http
      // passes only for the running sandbox or with --allow-loopback, as checkUrl decides.
      if (/^https:/i.test(url)) policy.allowOrigin(url);
      checkUrl(policy, url, 'scim');
    },
    allowCustomOktaDomain: (hostOrUrl) => void policy.allowCustomOktaDomain(hostOrUrl),
  };
}
