import type { Profile } from '../../../shared/profile';
import { readableRun, resultNumbers } from '../../../shared/scim-check';
import type { ConfigValue } from '../../../shared/review';
import { readStepData, setupStepIds } from '../../../shared/setup-data';

/**
 * The settings a profile holds, by name, in a fixed order: where the org is, and the SAML values
 * the console last read back from Okta. Never a secret: only when each token was saved.
 */
export function configSettings(profile: Profile): ConfigValue[] {
  const out: ConfigValue[] = [];
  const put = (key: string, value: string | boolean | null | undefined): void => {
    if (value !== undefined && value !== null && value !== '') out.push({ key, value: String(value) });
  };
  put('Profile name', profile.name);
  put('Sandbox', profile.sandbox ? 'yes' : undefined);
  put('Okta org', profile.okta.orgUrl);
  put('Okta custom domain', profile.okta.customDomain ? 'yes' : undefined);
  put('ThreatLocker instance', profile.threatlocker.instance);
  put('Child organization', profile.threatlocker.managedOrganizationName);
  put('Child organization id', profile.threatlocker.managedOrganizationId);
  put('SCIM API Url', profile.threatlocker.scimUrl);
  put('Portal API Url', profile.threatlocker.portalApiUrl);
  for (const [kind, meta] of Object.entries(profile.secretsMeta)) put(`Secret ${kind} saved`, meta?.savedAt);

  const app = readStepData('create-app', profile.setup.steps['create-app']?.data).data;
  put('Okta app', app.appName ?? app.appId);
  put('App label', app.label);
  put('Default RelayState', app.defaultRelayState);
  put('Hide tile', app.hideTile === undefined ? undefined : app.hideTile ? 'yes' : 'no');
  const a = readStepData('assertion-preview', profile.setup.steps['assertion-preview']?.data).data.assertion;
  if (a) {
    put('Issuer', a.issuer);
    put('Audience URI (SP Entity ID)', a.audience);
    put('Recipient URL', a.recipient);
    put('Destination URL', a.destination);
    put('Name ID format', a.nameIdFormat);
    put('Signature algorithm', a.signatureAlgorithm);
    put('Certificate algorithm', a.certificateAlgorithm);
  }
  const saml = readStepData('threatlocker-saml', profile.setup.steps['threatlocker-saml']?.data).data;
  put('ThreatLocker Sign-On URL', saml.signOnUrl);
  put('ThreatLocker signature algorithm', saml.threatlockerAlgorithm);
  put('Certificate expires', saml.certNotAfter);
  put('To App actions set by', readStepData('to-app', profile.setup.steps['to-app']?.data).data.how);
  const push = readStepData('push-groups', profile.setup.steps['push-groups']?.data).data;
  put('Assignment group', push.assignmentGroup?.name);
  put('Pushed groups', push.pushed?.map((g) => g.name).join(', '));
  return out;
}

/** Each step's last verification: status, when, and the stale reason if any. */
export function verificationResults(profile: Profile): ConfigValue[] {
  return setupStepIds.map((id) => {
    const s = profile.setup.steps[id];
    if (!s) return { key: `Step ${id}`, value: 'not run' };
    const stale = s.stale ? `, needs re-check: ${s.stale.reason}` : '';
    return { key: `Step ${id}`, value: `${s.status} at ${s.updatedAt}${stale}` };
  });
}

/** Group -> role rows, keyed by the Okta group's id. */
export function mappingRows(profile: Profile): ConfigValue[] {
  return profile.mappings.map((m) => ({ key: `${m.oktaGroupName} (${m.oktaGroupId})`, value: `${m.roleName} (${m.roleId})` }));
}

/** The last SCIM check's results, numbered as on screen. */
export function scimCheckRows(profile: Profile): ConfigValue[] {
  const run = readableRun(profile.scimChecks);
  if (!run) return profile.scimChecks ? [{ key: 'SCIM check', value: 'saved in a shape this version cannot read' }] : [];
  const numbers = resultNumbers(run.results);
  return run.results.map((r, i) => ({ key: `SCIM check ${numbers[i]} ${r.title}`, value: r.outcome + (r.actual ? `: ${r.actual}` : '') }));
}
