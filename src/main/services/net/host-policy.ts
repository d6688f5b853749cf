import { AppError } from '../../../shared/errors';

/**
 * Which remote a call is meant for. The same URL can be fine for one purpose and wrong for
 * another (an Okta token must never travel to a ThreatLocker host), so every check names it.
 */
export type UrlPurpose = 'okta' | 'threatlocker' | 'scim';

/** Suffixes of Okta's own cells; an org is always a sub-domain of one of them. */
export const OKTA_HOST_SUFFIXES = ['.okta.com', '.oktapreview.com', '.okta-emea.com', '.okta-gov.com', '.okta.mil'] as const;
export const THREATLOCKER_HOST_SUFFIX = '.threatlocker.com';

/** The data checkUrl decides on. HostPolicy implements it; tests may pass a plain object. */
export interface HostPolicyConfig {
  /** Exact origins (scheme + host + port) the user registered: SCIM URL, sandbox servers. */
  readonly allowedOrigins: ReadonlySet<string>;
  /** Lower-case host names of the org's custom Okta domains (login.acme.com). */
  readonly customOktaDomains: ReadonlySet<string>;
  /** Testing option: any loopback origin, http or https, for every purpose. */
  readonly allowLoopback: boolean;
}

/**
 * The one loopback rule: hosts that never leave the machine (127.0.0.0/8, ::1, localhost). Plain
 * http is tolerated only for these because the sandbox simulators run on loopback; anywhere else
 * a bearer token over http is readable on the wire.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function isOktaHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return OKTA_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
}

export function isThreatLockerHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host.endsWith(THREATLOCKER_HOST_SUFFIX) && host.length > THREATLOCKER_HOST_SUFFIX.length;
}

/**
 * Decides whether `url` may be called for `purpose`. Returns the parsed URL, or throws
 * HOST_NOT_ALLOWED (VALIDATION for text that is not a URL at all). Pure: the decision depends
 * only on the arguments.
 */
export function checkUrl(policy: HostPolicyConfig, url: string | URL, purpose: UrlPurpose): URL {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    throw new AppError('VALIDATION', `"${String(url).slice(0, 200)}" is not a valid web address.`, {
      hint: 'Enter a full address starting with https://',
    });
  }
  const host = parsed.hostname.toLowerCase();

  // Credentials in a URL would be sent in clear to whoever the URL names, and logged with it.
  if (parsed.username || parsed.password) {
    throw new AppError('HOST_NOT_ALLOWED', `The address for ${host} contains a user name or password.`, {
      hint: 'Remove the "user:password@" part; tokens are stored separately in the keychain.',
    });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppError('HOST_NOT_ALLOWED', `Only https:// addresses can be called, not ${parsed.protocol}//${host}.`, {
      hint: 'Use the https:// address of the service.',
    });
  }

  const loopback = isLoopbackHost(host);
  if (policy.allowedOrigins.has(parsed.origin)) return parsed;
  if (loopback && policy.allowLoopback) return parsed;

  if (parsed.protocol === 'http:') {
    throw new AppError('HOST_NOT_ALLOWED', `http://${parsed.host} is not encrypted: only https:// addresses can be called.`, {
      hint: loopback
        ? 'Loopback addresses are only allowed for the sandbox servers.'
        : `Use https://${parsed.host} instead.`,
    });
  }

  switch (purpose) {
    case 'okta':
      if (isOktaHost(host) || policy.customOktaDomains.has(host)) return parsed;
      throw new AppError('HOST_NOT_ALLOWED', `${host} is not an Okta domain this console may call.`, {
        hint:
          'Okta orgs end in .okta.com, .oktapreview.com, .okta-emea.com, .okta-gov.com or .okta.mil. ' +
          'If this is your org\'s custom domain, add it as a custom Okta domain.',
      });
    case 'threatlocker':
      if (isThreatLockerHost(host)) return parsed;
      throw new AppError('HOST_NOT_ALLOWED', `${host} is not a ThreatLocker address.`, {
        hint: 'ThreatLocker URLs end in .threatlocker.com, e.g. https://portalapi.d.threatlocker.com.',
      });
    case 'scim':
      throw new AppError('HOST_NOT_ALLOWED', `${parsed.origin} is not the SCIM API Url saved in this profile.`, {
        hint: "Copy the API Url from ThreatLocker's SCIM Integration sidebar into the profile.",
      });
  }
}

/**
 * The console's network allowlist. Built once per process; the profile layer registers the
 * SCIM URL, custom Okta domains and sandbox servers as they become known.
 */
export class HostPolicy implements HostPolicyConfig {
  private readonly origins = new Set<string>();
  private readonly customDomains = new Set<string>();
  readonly allowLoopback: boolean;

  constructor(opts: { allowLoopback?: boolean } = {}) {
    this.allowLoopback = opts.allowLoopback ?? false;
  }

  get allowedOrigins(): ReadonlySet<string> {
    return this.origins;
  }

  get customOktaDomains(): ReadonlySet<string> {
    return this.customDomains;
  }

  /**
   * Allows one exact origin (the SCIM URL, a sandbox server). Any path on it is then allowed;
   * other ports or schemes on the same host are not. Plain http is accepted for loopback only,
   * which is how sandbox origins are registered.
   */
  allowOrigin(originOrUrl: string): string {
    let parsed: URL;
    try {
      parsed = new URL(originOrUrl);
    } catch {
      throw new AppError('VALIDATION', `"${originOrUrl.slice(0, 200)}" is not a valid web address.`, {
        hint: 'Enter a full address starting with https://',
      });
    }
    if (parsed.username || parsed.password) {
      throw new AppError('HOST_NOT_ALLOWED', `The address for ${parsed.hostname} contains a user name or password.`, {
        hint: 'Remove the "user:password@" part.',
      });
    }
    const ok = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
    if (!ok) {
      throw new AppError('HOST_NOT_ALLOWED', `${parsed.protocol}//${parsed.host} cannot be allowed: only https:// addresses.`, {
        hint: 'Use the https:// address; plain http is only for the local sandbox.',
      });
    }
    this.origins.add(parsed.origin);
    return parsed.origin;
  }

  /** Forgets an origin, e.g. when a sandbox server stops or a SCIM URL changes. */
  revokeOrigin(originOrUrl: string): void {
    try {
      this.origins.delete(new URL(originOrUrl).origin);
    } catch {
      // Nothing was registered under text that is not a URL.
    }
  }

  /** Allows a custom Okta domain (login.acme.com) over https for Okta calls. */
  allowCustomOktaDomain(hostOrUrl: string): string {
    const host = customOktaHost(hostOrUrl);
    this.customDomains.add(host);
    return host;
  }

  check(url: string | URL, purpose: UrlPurpose): URL {
    return checkUrl(this, url, purpose);
  }
}

/** The host of a custom Okta domain (login.acme.com), or a VALIDATION error: it must be a real DNS name. */
export function customOktaHost(hostOrUrl: string): string {
  const text = hostOrUrl.trim();
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname.toLowerCase();
  } catch {
    host = '';
  }
  // A custom domain is a real DNS name: refuse IP literals and single labels.
  if (!/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(host)) {
    throw new AppError('VALIDATION', `"${text.slice(0, 200)}" is not a domain name.`, {
      hint: 'Enter the custom domain as shown in Okta under Customizations -> Brands -> Domain, e.g. login.acme.com.',
    });
  }
  return host;
}

/**
 * Turns what an admin types as the Okta domain into the org origin the API lives on:
 * `acme.okta.com`, `https://acme.okta.com/`, `https://acme-admin.okta.com/admin/dashboard`
 * all give `https://acme.okta.com`. Throws VALIDATION or HOST_NOT_ALLOWED with a fix.
 */
export function normalizeOktaOrgUrl(input: string, policy: HostPolicyConfig): string {
  const text = input.trim();
  if (!text) {
    throw new AppError('VALIDATION', 'Enter your Okta domain, for example acme.okta.com.');
  }
  if (text.includes('@') && !/^[a-z]+:\/\//i.test(text)) {
    throw new AppError('VALIDATION', `"${text.slice(0, 200)}" looks like an e-mail address, not an Okta domain.`, {
      hint: 'Enter the domain of your Okta org, for example acme.okta.com.',
    });
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new AppError('VALIDATION', `"${text.slice(0, 200)}" is not an Okta domain.`, {
      hint: 'Enter it as acme.okta.com (or acme.oktapreview.com for a preview org).',
    });
  }
  let host = parsed.hostname.toLowerCase();
  if (!host.includes('.') && !isLoopbackHost(host)) {
    throw new AppError('VALIDATION', `"${text.slice(0, 200)}" is not a full Okta domain.`, {
      hint: `Enter it as ${host}.okta.com (or ${host}.oktapreview.com for a preview org).`,
    });
  }
  // The Admin Console lives on <org>-admin.<cell>; the API is served from <org>.<cell>.
  if (isOktaHost(host)) {
    const dot = host.indexOf('.');
    const label = host.slice(0, dot);
    if (label.endsWith('-admin') && label.length > '-admin'.length) {
      host = `${label.slice(0, -'-admin'.length)}${host.slice(dot)}`;
    }
  }
  const origin = `${parsed.protocol}//${host}${parsed.port ? `:${parsed.port}` : ''}`;
  // checkUrl explains https-only, unknown hosts and custom domains in the admin's terms.
  return checkUrl(policy, origin, 'okta').origin;
}
