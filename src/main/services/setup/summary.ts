import type { Profile, StepState } from '../../../shared/profile';
import type { SettingRow, SetupStepId } from '../../../shared/setup';
import { readStepData, type StepDataOf } from '../../../shared/setup-data';
import { acsUrlFor } from '../threatlocker/threatlocker-urls';
import { ARTICLE_APP, show } from './app-settings';
import { checklistConfirmedBy } from './setup-context';
import { PROVISIONING_ACTIONS } from './steps/scim-connection.step';

type Verification = SettingRow['verification'];

/** How a step's outcome verifies its settings: `done` is what a verified step proves. */
function verificationOf(id: SetupStepId, state: StepState | undefined, done: Verification, unverifiable: Verification = 'not-verifiable'): Verification {
  if (!state || state.status === 'not-started') return 'pending';
  const { readable, data } = readStepData(id, state.data);
  // Data this version cannot read proves no more than a stale result (the step shows "needs re-check").
  if (state.stale || !readable) return 'stale';
  if (state.status === 'failed') return 'failed';
  if (state.status === 'verified') return done;
  const by = data.confirmedBy;
  return by === 'admin' ? 'confirmed' : by === 'sandbox' ? 'sandbox' : unverifiable;
}

/**
 * Every setting the article asks for, with its value, who set it (the console's API calls or
 * the admin's hands) and how it was checked. `scimTokenFingerprint` is the last four characters.
 */
export function buildSummary(profile: Profile, scimTokenFingerprint: string | undefined): SettingRow[] {
  const state = (id: SetupStepId) => profile.setup.steps[id];
  const data = <K extends SetupStepId>(id: K): StepDataOf<K> => readStepData(id, state(id)?.data).data;
  const rows: SettingRow[] = [];
  const add = (setting: string, value: string, how: SettingRow['how'], verification: Verification, id: SetupStepId) => {
    const at = state(id)?.updatedAt;
    rows.push({ setting, value, how, verification, ...(at ? { at } : {}) });
  };

  const app = data('create-app');
  const fields = app.fields ?? [];
  const fieldCheck = (setting: string): Verification => {
    const v = verificationOf('create-app', state('create-app'), 'read-back');
    if (v !== 'read-back') return v;
    return fields.find((f) => f.setting === setting)?.ok === false ? 'failed' : 'read-back';
  };
  let acs = '';
  try {
    acs = acsUrlFor(profile.threatlocker.instance);
  } catch {
    acs = '(invalid instance)';
  }
  const hide = app.hideTile === undefined ? '(not set yet)' : app.hideTile ? 'hidden' : 'shown';
  // An adopted app was made outside the console: its name is the admin's (manual), and the console
  // only read it back (and may have fixed other fields through the API).
  const appName = app.label || ARTICLE_APP.defaultLabel;
  add('App name', app.adopted ? `${appName} — Adopted (made outside the console)` : appName, app.adopted ? 'manual' : 'api', fieldCheck('App name'), 'create-app');
  add('Single sign-on URL', acs, 'api', fieldCheck('Single sign-on URL'), 'create-app');
  add('Recipient URL', acs, 'api', fieldCheck('Recipient URL'), 'create-app');
  add('Destination URL', acs, 'api', fieldCheck('Destination URL'), 'create-app');
  add('Audience URI (SP Entity ID)', ARTICLE_APP.audience, 'api', fieldCheck('Audience URI (SP Entity ID)'), 'create-app');
  add('Default RelayState', show(app.defaultRelayState ?? ''), 'api', fieldCheck('Default RelayState'), 'create-app');
  add('Name ID format', 'EmailAddress', 'api', fieldCheck('Name ID format'), 'create-app');
  add('Application username', 'Email', 'api', fieldCheck('Application username'), 'create-app');
  add('Update application username on', 'Create and update', 'api', fieldCheck('Update application username on'), 'create-app');
  add('Hide tile (SP-initiated login only)', hide, 'api', fieldCheck('Hide tile (web)'), 'create-app');
  add('SAML assertion preview', state('assertion-preview')?.detail ?? 'not run', 'api', verificationOf('assertion-preview', state('assertion-preview'), 'read-back'), 'assertion-preview');

  const saml = data('threatlocker-saml');
  const samlV = verificationOf('threatlocker-saml', state('threatlocker-saml'), 'read-back');
  add('ThreatLocker SAML: Sign-On URL', saml.signOnUrl || '(not read yet)', 'manual', samlV, 'threatlocker-saml');
  add('ThreatLocker SAML: Issuer', saml.issuer || '(not read yet)', 'manual', samlV, 'threatlocker-saml');
  add(
    'ThreatLocker SAML: certificate',
    saml.certAlgorithm ? `${saml.certAlgorithm}, expires ${String(saml.certNotAfter)}` : '(not read yet)',
    'manual',
    samlV,
    'threatlocker-saml',
  );
  add('ThreatLocker SAML: Signature Algorithm', saml.threatlockerAlgorithm ?? '(not read yet)', 'manual', samlV, 'threatlocker-saml');

  add('Provisioning', 'SCIM', 'manual', verificationOf('enable-scim', state('enable-scim'), 'read-back'), 'enable-scim');
  const scim = state('scim-connection');
  add('SCIM connector base URL', profile.threatlocker.scimUrl ?? '(not set)', 'manual', verificationOf('scim-connection', scim, 'read-back', 'probed'), 'scim-connection');
  add('Unique identifier field for users', 'email', 'manual', verificationOf('scim-connection', scim, 'read-back'), 'scim-connection');
  add('Supported provisioning actions', PROVISIONING_ACTIONS.join(', '), 'manual', verificationOf('scim-connection', scim, 'read-back'), 'scim-connection');
  add('Authentication Mode', 'HTTP Header', 'manual', verificationOf('scim-connection', scim, 'read-back', 'probed'), 'scim-connection');
  add('Authorization (SCIM token)', scimTokenFingerprint ? `••••${scimTokenFingerprint}` : '(not saved)', 'manual', verificationOf('scim-connection', scim, 'read-back', 'probed'), 'scim-connection');

  const toApp = state('to-app');
  const toAppHow = data('to-app').how === 'api' ? 'api' : 'manual';
  for (const label of ['Create Users', 'Update User Attributes', 'Deactivate Users']) {
    add(`To App: ${label}`, 'enabled', toAppHow, verificationOf('to-app', toApp, 'read-back'), 'to-app');
  }
  add('Attribute mappings unchanged', 'not changed by the console', 'manual', 'not-verifiable', 'to-app');

  const push = data('push-groups');
  const pushed = push.pushed ?? [];
  add('Pushed groups', pushed.map((g) => `${g.name} (${g.mappingStatus ?? 'no mapping'})`).join(', ') || '(none yet)', 'api', verificationOf('push-groups', state('push-groups'), 'read-back'), 'push-groups');
  const assignment = push.assignmentGroup;
  const oldStyle = push.oldStyle ?? [];
  add(
    'App assigned through',
    [
      assignment?.name ? `${assignment.name} (filled by a group rule from the pushed groups)` : '(no assignment group yet)',
      // Okta does not support assigning and pushing one group; say so wherever the setup is shown.
      ...(oldStyle.length ? [`old style: ${oldStyle.join(', ')} assigned and pushed; remove them from the app's Assignments tab`] : []),
    ].join('; '),
    'api',
    oldStyle.length ? 'failed' : verificationOf('push-groups', state('push-groups'), 'read-back'),
    'push-groups',
  );
  const phone = data('primary-phone');
  add(
    'primaryPhone present for all provisioned users',
    phone.userCount !== undefined ? `${phone.missing?.length ?? 0} of ${phone.userCount} missing` : '(not checked yet)',
    'api',
    verificationOf('primary-phone', state('primary-phone'), 'read-back'),
    'primary-phone',
  );
  add(
    'Group mappings (ThreatLocker)',
    profile.mappings.map((m) => `${m.oktaGroupName} -> ${m.roleName}`).join('; ') || '(none yet)',
    'manual',
    verificationOf('group-mapping', state('group-mapping'), 'read-back'),
    'group-mapping',
  );
  const sso = state('allow-sso');
  add('Allow SSO (Login Settings)', 'on', 'manual', verificationOf('allow-sso', sso, 'read-back'), 'allow-sso');
  // "Confirmed" only when the admin ticked it; the sandbox's tick says it was the sandbox.
  const adminLoginBy = checklistConfirmedBy(profile, data('allow-sso'), 'admin-login-settings');
  add(
    'Admin Login Settings',
    adminLoginBy === 'admin' ? 'chosen' : adminLoginBy === 'sandbox' ? 'chosen by the sandbox' : '(not confirmed)',
    'manual',
    sso?.stale ? 'stale' : adminLoginBy === 'admin' ? 'confirmed' : adminLoginBy === 'sandbox' ? 'sandbox' : 'pending',
    'allow-sso',
  );
  return rows;
}
