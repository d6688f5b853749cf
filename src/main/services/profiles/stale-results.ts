import type { Profile, SecretKind } from '../../../shared/profile';
import { secretLabels } from '../../../shared/profile';

/**
 * Marks every saved step result stale: the org behind the profile may have changed, so what was
 * verified then proves nothing now. The results (app id, pushed groups…) are kept, because
 * re-running a step uses them to find what already exists; only their verdict is withdrawn
 * until the step runs again (SetupContext.saveOutcome clears the mark).
 */
export function markSetupStale(profile: Profile, reason: string, at: string): Profile {
  return Object.keys(profile.setup.steps).reduce((p, stepId) => markStepStale(p, stepId, reason, at), profile);
}

/** Marks one step's saved result stale (a later change elsewhere means it no longer covers everything). */
export function markStepStale(profile: Profile, stepId: string, reason: string, at: string): Profile {
  const state = profile.setup.steps[stepId];
  if (!state || state.status === 'not-started') return profile;
  return { ...profile, setup: { ...profile.setup, steps: { ...profile.setup.steps, [stepId]: { ...state, stale: { reason, at } } } } };
}

/** Why an edit of connection details makes the saved results stale, or undefined when it does not. */
export function staleReasonForDetails(before: Profile, after: Profile): string | undefined {
  const changes: string[] = [];
  if (before.okta.orgUrl !== after.okta.orgUrl) changes.push('the Okta org URL');
  if (before.threatlocker.instance !== after.threatlocker.instance) changes.push('the ThreatLocker instance');
  if (before.threatlocker.managedOrganizationId !== after.threatlocker.managedOrganizationId) changes.push('the child organization');
  if (before.threatlocker.scimUrl !== after.threatlocker.scimUrl) changes.push('the SCIM API Url');
  if (before.threatlocker.portalApiUrl !== after.threatlocker.portalApiUrl) changes.push('the ThreatLocker portal API address');
  if (changes.length === 0) return undefined;
  return `${joinAnd(changes)} changed since this was checked`;
}

export function staleReasonForSecret(kind: SecretKind): string {
  return `the ${secretLabels[kind]} was replaced since this was checked`;
}

export const SANDBOX_RESTART_REASON = 'the sandbox restarted since this was checked: it is a new, empty org';
export const SANDBOX_STOPPED_REASON = 'the sandbox is not running: its org exists only while it runs (start it, then run the step again)';

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}
