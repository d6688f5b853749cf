import { AppError } from '../../../shared/errors';
import { isLoopbackHost, type HostPolicyConfig } from './host-policy';

/**
 * Where a saved token may be sent. A profile's Okta, SCIM and portal addresses come from the
 * renderer or from an imported file, and the next check sends the keychain token there and shows
 * part of the answer: so each is held to one rule in main, on create, update and import.
 *
 * https to a public DNS name; never an IP literal, a single-label name or a private-use suffix
 * (cloud metadata at 169.254.169.254, 10.0.0.5:8443/admin, printer.local). The running sandbox's
 * own loopback servers (registered in the host policy) and, with --allow-loopback, any loopback
 * address are the only exceptions. A public name that resolves to a private address is not caught
 * here (that needs a check at connect time); the admin still typed or imported it knowingly.
 */
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'intranet', 'lan', 'home.arpa', 'corp', 'private', 'onion', 'arpa', 'invalid'];
const DNS_NAME = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Why this URL must not receive a token, or undefined when it may. */
export function destinationProblem(url: URL, policy: HostPolicyConfig): string | undefined {
  if (url.username || url.password) return 'it contains a user name or password';
  if (policy.allowedOrigins.has(url.origin)) return undefined; // the running sandbox's own servers
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (isLoopbackHost(host) && policy.allowLoopback) return undefined;
  if (url.protocol !== 'https:') return 'it is not https://';
  if (isIpLiteral(host)) return 'it is an IP address, not a host name';
  if (!DNS_NAME.test(host)) return 'it is not a public host name';
  if (PRIVATE_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return `.${host.split('.').pop()} names are private to a network`;
  return undefined;
}

/** Throws HOST_NOT_ALLOWED (VALIDATION for text that is not a URL) unless `url` may receive a token. */
export function checkDestination(url: string, what: string, policy: HostPolicyConfig): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('VALIDATION', `${what} "${url.slice(0, 200)}" is not a valid web address.`, { hint: 'Enter a full address starting with https://' });
  }
  const problem = destinationProblem(parsed, policy);
  if (problem) {
    throw new AppError('HOST_NOT_ALLOWED', `${what} ${parsed.origin} cannot be used: ${problem}.`, {
      hint: 'Tokens are only sent to the https:// host name of the service (e.g. portalapi.d.threatlocker.com). Loopback addresses are for the sandbox and --allow-loopback testing.',
    });
  }
  return parsed;
}

function isIpLiteral(host: string): boolean {
  // The URL parser already turned every IPv4 spelling (0x7f.1, 2130706433) into dotted decimal.
  return host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}
