import { OKTA_HOST_SUFFIXES, THREATLOCKER_HOST_SUFFIX } from '../services/net/host-policy';

/**
 * Links the console may open in the system browser: Okta admin consoles and docs, ThreatLocker's
 * portal and help centre. Anything else is refused, so a crafted value can't launch arbitrary URLs.
 */
const allowedHostSuffixes = [...OKTA_HOST_SUFFIXES, THREATLOCKER_HOST_SUFFIX, 'threatlocker.kb.help'];

/**
 * `customOktaDomains`: the org custom domains the admin confirmed on a profile (login.acme.com);
 * their pages (the Okta sign-in page of the OAuth flow among them) may open too.
 */
export function isAllowedExternalUrl(raw: string, customOktaDomains: ReadonlySet<string> = new Set()): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  if (customOktaDomains.has(host)) return true;
  return allowedHostSuffixes.some((suffix) => (suffix.startsWith('.') ? host.endsWith(suffix) : host === suffix || host.endsWith(`.${suffix}`)));
}
