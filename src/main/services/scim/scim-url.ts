import { AppError } from '../../../shared/errors';
import { isLoopbackHost } from '../net/host-policy';

export interface NormalizedBaseUrl {
  /** The base URL without a trailing slash; paths such as `/Users` are appended to it. */
  base: string;
  /** True when the URL is plain http to a loopback host (callers print a warning). */
  insecureLoopback: boolean;
}

/**
 * Validates and normalises a SCIM base URL ("API Url"). Throws AppError VALIDATION with a message
 * a person can act on; never echoes credentials that may have been pasted into the URL.
 */
export function normalizeScimBaseUrl(raw: string, opts: { allowHttpLoopback?: boolean } = {}): NormalizedBaseUrl {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('VALIDATION', 'The SCIM API Url is not a valid URL.', {
      hint: 'Copy the API Url from ThreatLocker: Integrations -> SCIM Integration. It starts with https://.',
    });
  }
  if (url.username || url.password) {
    throw new AppError('VALIDATION', 'The SCIM API Url must not contain a user name or password.', {
      hint: 'The token goes in the bearer token field, not in the URL.',
    });
  }
  if (url.search || url.hash) {
    throw new AppError('VALIDATION', 'The SCIM API Url must not contain a query (?) or fragment (#).', {
      hint: 'Copy the API Url exactly as ThreatLocker shows it.',
    });
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:') {
    if (!loopback) {
      throw new AppError('VALIDATION', 'Plain http is refused for the SCIM API Url: the bearer token would travel unencrypted.', {
        hint: 'Use the https:// API Url. Plain http is accepted only for 127.0.0.1, ::1 and localhost.',
      });
    }
    if (!opts.allowHttpLoopback) {
      throw new AppError('VALIDATION', 'Plain http is accepted only for the local sandbox when explicitly allowed.', {
        hint: 'Use the https:// API Url.',
      });
    }
  } else if (url.protocol !== 'https:') {
    throw new AppError('VALIDATION', `The SCIM API Url must use https (got ${url.protocol.replace(/:$/, '')}).`);
  }
  const base = url.toString().replace(/\/+$/, '');
  return { base, insecureLoopback: url.protocol === 'http:' };
}
