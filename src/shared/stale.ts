import type { Profile } from './profile';
import type { ScimCheckRun } from './scim-check';

/**
 * Why a saved SCIM check no longer describes the profile's endpoint, or undefined when it still
 * does: the SCIM API Url changed since, or the org behind the profile may have changed after it
 * ran (a step result marked stale later than the run).
 */
export function scimRunStaleReason(profile: Profile, run: ScimCheckRun): string | undefined {
  const trim = (url: string) => url.replace(/\/+$/, '');
  if (profile.threatlocker.scimUrl && trim(profile.threatlocker.scimUrl) !== trim(run.baseUrl)) {
    return `it ran against ${run.baseUrl}, and the profile's SCIM API Url is now ${profile.threatlocker.scimUrl}`;
  }
  const later = Object.values(profile.setup.steps).find((s) => s.stale && s.stale.at > run.finishedAt);
  return later?.stale ? `it ran before ${later.stale.reason.replace(/ since this was checked/, '')}` : undefined;
}
