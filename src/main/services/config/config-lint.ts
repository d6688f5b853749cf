import type { Profile } from '../../../shared/profile';
import type { LintFinding, LintSeverity } from '../../../shared/review';
import { readableRun } from '../../../shared/scim-check';
import { readStepData, setupStepIds } from '../../../shared/setup-data';
import { ARTICLE_APP } from '../setup/app-settings';
import { stepById } from '../setup/steps';
import { acsUrlFor } from '../threatlocker/threatlocker-urls';

export interface LintOptions {
  now: Date;
  /** A verification older than this many days is reported as old. */
  maxAgeDays?: number;
}

const DAY_MS = 86_400_000;
const CERT_WARN_DAYS = 30;
const EMAIL_USERNAME = ARTICLE_APP.userNameTemplate;

const severityOrder: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Checks a saved config against the article's rules and the references, offline: it reads only
 * what the profile holds (the values each step read back or saw), never the network. A value the
 * profile does not hold is not guessed: the step that would have read it is reported unverified.
 */
export function lintConfig(profile: Profile, options: LintOptions): LintFinding[] {
  const findings: LintFinding[] = [];
  const add = (f: Omit<LintFinding, 'link'>): void => void findings.push({ ...f, link: `#step-${f.stepId}` });
  const instance = profile.threatlocker.instance;
  const acs = acsUrlFor(instance);

  const assertion = readStepData('assertion-preview', profile.setup.steps['assertion-preview']?.data).data.assertion;
  const app = readStepData('create-app', profile.setup.steps['create-app']?.data).data;
  // The app as last read back: drift says what differs; a failed field without drift is still wrong.
  const driftOf = (setting: string): { expected: string; actual: string } | undefined => app.drift?.find((d) => d.setting === setting);
  const fieldFailed = (setting: string): boolean => app.fields?.some((f) => f.setting === setting && !f.ok) === true;
  const wrongApp = (setting: string): string | undefined => {
    const drift = driftOf(setting);
    if (drift) return drift.actual;
    return fieldFailed(setting) ? '(a different value)' : undefined;
  };

  for (const setting of ['Single sign-on URL', 'Recipient URL', 'Destination URL']) {
    const seen =
      wrongApp(setting) ??
      (setting === 'Recipient URL' && assertion?.recipient && assertion.recipient !== acs ? assertion.recipient : undefined) ??
      (setting === 'Destination URL' && assertion?.destination && assertion.destination !== acs ? assertion.destination : undefined);
    if (seen !== undefined) {
      add({ rule: 'acs-url', severity: 'error', setting, stepId: 'create-app', problem: `It is ${seen}, not the ACS URL for instance ${instance}.`, fix: `Set it to ${acs} (Okta -> the app -> General -> SAML Settings -> Edit).` });
    }
  }
  const audience = wrongApp('Audience URI (SP Entity ID)') ?? (assertion && assertion.audience !== ARTICLE_APP.audience ? String(assertion.audience) : undefined);
  if (audience !== undefined) {
    add({ rule: 'audience', severity: 'error', setting: 'Audience URI (SP Entity ID)', stepId: 'create-app', problem: `It is ${audience}; ThreatLocker expects ${ARTICLE_APP.audience}.`, fix: `Set the Audience URI to ${ARTICLE_APP.audience}.` });
  }
  const nameId = wrongApp('Name ID format') ?? (assertion?.nameIdFormat && assertion.nameIdFormat !== ARTICLE_APP.nameIdFormat ? assertion.nameIdFormat : undefined);
  if (nameId !== undefined) {
    add({ rule: 'name-id-format', severity: 'error', setting: 'Name ID format', stepId: 'create-app', problem: `It is ${nameId}, not EmailAddress.`, fix: 'Set Name ID format to EmailAddress: ThreatLocker matches administrators by email.' });
  }
  const username = wrongApp('Application username') ?? wrongApp('Application username type');
  if (username !== undefined) {
    add({ rule: 'username', severity: 'error', setting: 'Application username', stepId: 'create-app', problem: `It is ${username}, not Email (${EMAIL_USERNAME}).`, fix: 'Set Application username to Email.' });
  }
  const updateOn = wrongApp('Update application username on');
  if (updateOn !== undefined) {
    add({ rule: 'update-on', severity: 'warning', setting: 'Update application username on', stepId: 'create-app', problem: `It is ${updateOn}, not "Create and update".`, fix: 'Set "Update application username on" to Create and update, so a changed email reaches ThreatLocker.' });
  }

  const toApp = profile.setup.steps['to-app'];
  if (toApp?.status === 'failed') {
    add({ rule: 'to-app-actions', severity: 'error', setting: 'Provisioning -> To App', stepId: 'to-app', problem: 'Create Users, Update User Attributes and Deactivate Users are not all on.', fix: 'Turn on all three To App actions (Okta -> the app -> Provisioning -> To App -> Edit).' });
  }

  const scimUrl = profile.threatlocker.scimUrl;
  if (scimUrl) {
    const scimInstance = instanceOfScimUrl(scimUrl);
    if (!scimUrl.startsWith('https://') && !profile.sandbox) {
      add({ rule: 'scim-url-https', severity: 'error', setting: 'SCIM API Url', stepId: 'enable-scim', problem: `${scimUrl} is not https.`, fix: 'Copy the API Url from ThreatLocker -> SCIM Integration again: it starts with https://.' });
    } else if (scimInstance !== undefined && scimInstance !== instance) {
      add({ rule: 'scim-url-instance', severity: 'error', setting: 'SCIM API Url', stepId: 'enable-scim', problem: `It is for instance ${scimInstance}; the profile's instance is ${instance}.`, fix: 'Copy the API Url from the SCIM Integration page of the right ThreatLocker instance, or correct the instance.' });
    }
  }

  const push = readStepData('push-groups', profile.setup.steps['push-groups']?.data).data;
  for (const name of push.oldStyle ?? []) {
    add({ rule: 'group-assigned-and-pushed', severity: 'warning', setting: `Group ${name}`, stepId: 'push-groups', problem: 'The group is both assigned to the app and pushed.', fix: 'Assign the app through the one assignment group only; keep this group pushed.' });
  }
  const mapped = new Set(profile.mappings.map((m) => m.oktaGroupId));
  for (const group of push.pushed ?? []) {
    if (!mapped.has(group.id)) {
      add({ rule: 'pushed-group-unmapped', severity: 'warning', setting: `Group ${group.name}`, stepId: 'group-mapping', problem: 'The group is pushed to ThreatLocker but mapped to no role.', fix: 'Map it to a ThreatLocker role, or stop pushing it.' });
    }
  }

  const maxAgeMs = (options.maxAgeDays ?? 90) * DAY_MS;
  for (const [index, id] of setupStepIds.entries()) {
    const state = profile.setup.steps[id];
    const step = `Step ${index + 1}. ${stepById(id).title}`;
    if (!state || state.status === 'not-started') {
      add({ rule: 'step-unverified', severity: 'warning', setting: step, stepId: id, problem: 'This step has not been run or verified.', fix: 'Run the step in the setup wizard.' });
    } else if (state.stale) {
      add({ rule: 'step-unverified', severity: 'warning', setting: step, stepId: id, problem: `Its result needs a re-check: ${state.stale.reason}`, fix: 'Run the step again.' });
    } else if (state.status === 'failed') {
      add({ rule: 'step-failed', severity: 'error', setting: step, stepId: id, problem: state.detail ? `It failed: ${state.detail}` : 'It failed.', fix: 'Open the step, fix what it reports, and run it again.' });
    } else if (ageMs(state.updatedAt, options.now) > maxAgeMs) {
      add({ rule: 'verification-old', severity: 'info', setting: step, stepId: id, problem: `Last verified ${Math.floor(ageMs(state.updatedAt, options.now) / DAY_MS)} days ago.`, fix: 'Run the step again to confirm it still holds.' });
    }
  }

  const notAfter = readStepData('threatlocker-saml', profile.setup.steps['threatlocker-saml']?.data).data.certNotAfter;
  const certLeft = notAfter ? Date.parse(notAfter) - options.now.getTime() : NaN;
  if (Number.isFinite(certLeft) && certLeft < CERT_WARN_DAYS * DAY_MS) {
    const expired = certLeft <= 0;
    add({ rule: 'certificate-expiry', severity: expired ? 'error' : 'warning', setting: 'Okta signing certificate', stepId: 'threatlocker-saml', problem: expired ? `It expired on ${notAfter}.` : `It expires on ${notAfter}, within ${CERT_WARN_DAYS} days.`, fix: 'Rotate the certificate in Okta and paste the new one into ThreatLocker -> SAML Integration.' });
  }

  const run = readableRun(profile.scimChecks);
  if (run && run.summary.fail > 0) {
    add({ rule: 'scim-check-failing', severity: 'error', setting: 'SCIM connection check', stepId: 'scim-connection', problem: `The last check (${run.finishedAt}) had ${run.summary.fail} failing result(s).`, fix: 'Open the SCIM check, fix what it reports, and run it again.' });
  } else if (profile.scimChecks && !run) {
    add({ rule: 'scim-check-failing', severity: 'warning', setting: 'SCIM connection check', stepId: 'scim-connection', problem: 'The saved check cannot be read by this version.', fix: 'Run the SCIM check again.' });
  }

  return findings.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
}

function ageMs(iso: string, now: Date): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? now.getTime() - t : Infinity;
}

/** The instance letter in a ThreatLocker host (<anything>.<x>.threatlocker.com), when the URL has one. */
function instanceOfScimUrl(url: string): string | undefined {
  try {
    return /\.([a-z]{1,3})\.threatlocker\.com$/i.exec(new URL(url).hostname)?.[1]?.toLowerCase();
  } catch {
    return undefined;
  }
}
