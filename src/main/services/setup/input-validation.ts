import { AppError } from '../../../shared/errors';
import { secretKinds, secretLabels, type Profile } from '../../../shared/profile';
import { isLoopbackHost } from '../net/host-policy';
import { normalizeInstance } from '../threatlocker/threatlocker-urls';
import type { SetupDeps } from './setup-context';

/**
 * Checks made before any network call, so a wrong input never reaches Okta or ThreatLocker.
 * Each error says what to fix and where.
 */
export async function validateProfileInputs(deps: SetupDeps, profile: Profile, opts: { requireScim?: boolean } = {}): Promise<void> {
  normalizeInstance(profile.threatlocker.instance);
  const scimUrl = profile.threatlocker.scimUrl;
  if (scimUrl) checkScimUrl(scimUrl, profile.sandbox || deps.allowLoopback);
  else if (opts.requireScim) {
    throw new AppError('VALIDATION', 'The profile has no SCIM API Url.', {
      hint: 'In ThreatLocker open Integrations -> SCIM Integration, copy the "API Url" and add it to the profile.',
    });
  }
  await checkTokenOwners(deps, profile);
}

export function checkScimUrl(url: string, allowLoopbackHttp: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('VALIDATION', 'The SCIM API Url is not a web address.', {
      hint: 'Copy the "API Url" from ThreatLocker: Integrations -> SCIM Integration, exactly as shown.',
    });
  }
  const loopbackHttp = parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname) && allowLoopbackHttp;
  if (parsed.protocol !== 'https:' && !loopbackHttp) {
    throw new AppError('VALIDATION', `The SCIM API Url must start with https:// (it starts with ${parsed.protocol}//).`, {
      hint: 'The bearer token would travel in clear text. Copy the "API Url" from ThreatLocker\'s SCIM Integration sidebar again.',
    });
  }
}

/** A token pasted into the wrong profile would provision the wrong tenant: refuse it by name. */
async function checkTokenOwners(deps: SetupDeps, profile: Profile): Promise<void> {
  for (const kind of secretKinds) {
    const value = await deps.secrets.get(profile.id, kind);
    if (!value) continue;
    const others = (await deps.secrets.findOwners(kind, value)).filter((id) => id !== profile.id);
    for (const other of others) {
      let name: string;
      try {
        name = (await deps.store.get(other)).name;
      } catch {
        continue; // a keychain entry left by a deleted profile is no other tenant's token
      }
      throw new AppError('VALIDATION', `The ${secretLabels[kind]} saved in this profile is also saved for the profile "${name}".`, {
        hint: `Each tenant has its own token: save this tenant's ${secretLabels[kind]} in this profile's Credentials panel.`,
      });
    }
  }
}
