/**
 * Counts what the admin types or clicks by hand: following the article in the Okta and
 * ThreatLocker UIs, versus with the wizard (computed from the StepViews of a real sandbox run).
 *
 *   npx tsx scripts/count-manual-values.ts
 *
 * Article side: every value and click the article's text asks for, one line each; lines marked
 * per group / per user repeat for each pushed group / each user without primaryPhone in the run.
 * Wizard side: the profile's inputs, the step inputs, and for every step the manual CopyValues
 * and the checklist items its verification requires for this profile, plus the To App checkboxes
 * when Okta refused the Features API. The wizard's own Run / Play buttons are not counted, and
 * neither are navigation clicks inside Okta/ThreatLocker for the manual steps (Edit, Save, tabs).
 */
import type { SetupView, StepView } from '../src/shared/setup';
import { startSandbox } from '../sandbox/index';
import { buildHarness, memoryKeytar, newDataDir } from '../tests/integration/setup-harness';

type Per = 'once' | 'group' | 'user';
const ARTICLE: [Per, string][] = [
  ['once', "Okta: left menu 'Applications' dropdown"],
  ['once', "Okta: select 'Applications'"],
  ['once', "Okta: 'Create App Integration'"],
  ['once', "Okta: select 'SAML 2.0'"],
  ['once', "Okta: 'Next'"],
  ['once', "Okta General Settings: type the 'App name'"],
  ['once', 'Okta General Settings: app visibility checkbox (hide the tile)'],
  ['once', "Okta General Settings: 'Next'"],
  ['once', "ThreatLocker: 'Help' button, read the letter in 'ThreatLocker Access (X)'"],
  ['once', "Okta SAML Settings: type the 'Single sign-on URL' with the instance in place of *"],
  ['once', "Okta SAML Settings: type the 'Audience URI (SP Entity ID)'"],
  ['once', "Okta SAML Settings: 'Default RelayState' (set or leave blank)"],
  ['once', "Okta SAML Settings: 'Name ID format' = EmailAddress"],
  ['once', "Okta SAML Settings: 'Application username' = Email"],
  ['once', "Okta SAML Settings: 'Update application username on' = Create and update"],
  ['once', "Okta: 'Preview the SAML assertion' button, check the XML"],
  ['once', "Okta: 'Next'"],
  ['once', "Okta Feedback: answer the questions"],
  ['once', "Okta: 'Finish'"],
  ['once', 'ThreatLocker SAML integration (article prerequisite): Sign-On URL'],
  ['once', 'ThreatLocker SAML integration (article prerequisite): Issuer'],
  ['once', 'ThreatLocker SAML integration (article prerequisite): X.509 certificate'],
  ['once', 'ThreatLocker SAML integration (article prerequisite): Signature Algorithm'],
  ['once', 'ThreatLocker SCIM integration (article prerequisite): copy the API Url'],
  ['once', "ThreatLocker SCIM integration: 'Generate API Token' and copy it"],
  ['once', "Okta: app's 'General' tab"],
  ['once', "Okta App Settings: 'Edit'"],
  ['once', "Okta App Settings: Provisioning = SCIM"],
  ['once', "Okta App Settings: 'Save'"],
  ['once', "Okta: 'Provisioning' tab"],
  ['once', "Okta SCIM Connection: 'Edit'"],
  ['once', "Okta SCIM Connection: 'SCIM connector base URL'"],
  ['once', "Okta SCIM Connection: 'Unique identifier field for users' = email"],
  ['once', 'Okta SCIM Connection: action Import New Users and Profile Updates'],
  ['once', 'Okta SCIM Connection: action Push New Users'],
  ['once', 'Okta SCIM Connection: action Push Profile Updates'],
  ['once', 'Okta SCIM Connection: action Push Groups'],
  ['once', "Okta SCIM Connection: 'Authentication Mode' = HTTP Header"],
  ['once', "Okta SCIM Connection: 'Authorization' = the token"],
  ['once', "Okta: 'Test Connector Configuration'"],
  ['once', 'Okta: close the confirmation pop-up'],
  ['once', "Okta SCIM Connection: 'Save'"],
  ['once', "Okta: 'To App'"],
  ['once', "Okta To App: 'Edit'"],
  ['once', "Okta To App: 'Create Users'"],
  ['once', "Okta To App: 'Update User Attributes'"],
  ['once', "Okta To App: 'Deactivate Users'"],
  ['once', "Okta To App: 'Save'"],
  ['once', "Okta: 'Push Groups' tab"],
  ['once', "Okta: 'Push Groups' dropdown, find groups by name or by rule"],
  ['group', 'Okta Push Groups: type the group name (or rule)'],
  ['group', 'Okta Push Groups: select the group'],
  ['group', "Okta Push Groups: 'Save'"],
  ['once', "ThreatLocker SCIM integration: 'Group Mapping' tab"],
  ['group', "ThreatLocker Group Mapping: select the 'Identity Provider Group'"],
  ['group', "ThreatLocker Group Mapping: select the 'ThreatLocker User Role'"],
  ['group', "ThreatLocker Group Mapping: '+'"],
  ['once', "ThreatLocker Group Mapping: 'Save'"],
  ['user', 'Okta Directory -> People: search the user and open the profile'],
  ['user', "Okta user profile: 'Edit'"],
  ['user', 'Okta user profile: type primaryPhone'],
  ['user', "Okta user profile: 'Save'"],
  ['user', 'Okta Dashboard -> Tasks: retry the failed provisioning task'],
  ['once', "ThreatLocker: open 'Login Settings'"],
  ['once', "ThreatLocker Login Settings: allow SSO"],
  ['once', 'ThreatLocker Login Settings: save'],
];

/** What the admin types when creating the profile (the wizard's step 1 inputs). */
const PROFILE_INPUTS = ['Profile name', 'Okta domain', 'Okta API token', 'ThreatLocker instance letter', 'SCIM API Url', 'SCIM bearer token'];

async function main(): Promise<void> {
  const sb = await startSandbox();
  const h = await buildHarness({ dataDir: await newDataDir(), keychainService: 'count-manual-values', sandbox: sb, keytar: memoryKeytar() });
  const profileId = (await h.sandbox.start()).profile.id;
  const lines: [string, number][] = PROFILE_INPUTS.map((l) => [`profile input: ${l}`, 1]);
  const seen = new Map<string, StepView>();
  const keep = (v: SetupView) => {
    for (const s of v.steps) seen.set(s.id, s);
    return v;
  };
  const run = async (stepId: StepView['id'], input: Record<string, unknown> = {}) => keep(await h.ok('setup:runStep', { profileId, stepId, input }));
  const play = async (stepId: StepView['id']) => keep(await h.ok('sandbox:playStep', { profileId, stepId }));
  const step = (v: SetupView, id: StepView['id']) => v.steps.find((s) => s.id === id)!;

  await run('prerequisites');
  await run('create-app');
  await run('assertion-preview');
  await play('threatlocker-saml');
  await play('enable-scim');
  await play('scim-connection');
  if (step(await run('to-app'), 'to-app').status !== 'verified') await play('to-app');
  // Groups: one pick of a rule (its target groups) and one pick from a name search.
  const { rules } = await h.ok('setup:listGroupRules', { profileId });
  const rule = rules.find((r) => r.name === 'Security department to SecOps')!;
  const { groups } = await h.ok('setup:searchGroups', { profileId, query: 'ThreatLocker Admins' });
  const groupIds = [...new Set([...rule.groups.map((g) => g.id), groups[0]!.id])];
  lines.push(['step 8 input: pick a group rule', 1], ['step 8 input: pick a group found by name', 1]);
  await run('push-groups', { groupIds });
  await sb.okta.controls.whenIdle();
  const phone = step(await run('primary-phone'), 'primary-phone');
  const missing = (phone.data.missing as { id: string }[] | undefined) ?? [];
  if (missing.length) {
    const suggested = phone.data.suggestedSource as { kind: 'attribute'; attribute: string } | null;
    if (suggested) lines.push([`step 9 input: confirm the suggested fill from ${suggested.attribute}`, 1]);
    else lines.push(['step 9 input: the phone value', 1], ['step 9 input: confirm the fill for the selected users', 1]);
    const source = suggested ?? { kind: 'value' as const, value: '+1 555 0100' };
    await run('primary-phone', { phoneFill: { userIds: missing.map((m) => m.id), source } });
  }
  await play('primary-phone');
  const gm = step(await run('group-mapping'), 'group-mapping');
  const roles = gm.data.roles as { id: string; name: string }[];
  const pushed = gm.data.pushedGroups as { id: string; name: string }[];
  const suggested = (gm.data.suggestedMappings as { oktaGroupId: string; oktaGroupName: string; roleId: string; roleName: string }[] | undefined) ?? [];
  const complete = suggested.length === pushed.length && pushed.length > 0;
  const mappings = complete
    ? suggested.map(({ oktaGroupId, oktaGroupName, roleId, roleName }) => ({ oktaGroupId, oktaGroupName, roleId, roleName }))
    : pushed.map((g, i) => ({ oktaGroupId: g.id, oktaGroupName: g.name, roleId: roles[i % 2]!.id, roleName: roles[i % 2]!.name }));
  if (complete) lines.push(['step 10 input: accept the suggested roles (' + mappings.map((m) => `${m.oktaGroupName} -> ${m.roleName}`).join('; ') + ')', 1]);
  else lines.push(['step 10 input: pick a role per pushed group', mappings.length]);
  await run('group-mapping', { mappings });
  await play('group-mapping');
  const final = await play('allow-sso');
  await sb.okta.controls.whenIdle();

  // Manual values and required confirmations, from the StepViews.
  const sandboxRequires: Record<string, (id: string) => boolean> = {
    // In the sandbox these are read from the simulated ThreatLocker, so only Admin Login Settings needs the admin's word.
    'threatlocker-saml': () => false,
    'group-mapping': () => false,
    'allow-sso': (id) => id === 'admin-login-settings',
  };
  let realWorldExtra = 0;
  for (const s of final.steps) {
    if (s.mode === 'automated') continue;
    const manualValues = s.values.length;
    if (manualValues) lines.push([`step ${s.number} ${s.title}: values to paste or pick`, manualValues]);
    const required = s.checklist.filter((c) => (sandboxRequires[s.id] ?? (() => true))(c.id)).length;
    if (required) lines.push([`step ${s.number} ${s.title}: confirmations`, required]);
    realWorldExtra += s.checklist.length - required;
    if (s.id === 'to-app' && s.data.how !== 'api') lines.push([`step ${s.number} ${s.title}: checkboxes in Okta (Features API refused)`, 3]);
  }
  const notVerified = final.steps.filter((s) => s.status !== 'verified').map((s) => s.id);

  const G = pushed.length;
  const U = missing.length;
  const articleTotal = ARTICLE.reduce((n, [per]) => n + (per === 'once' ? 1 : per === 'group' ? G : U), 0);
  const wizardTotal = lines.reduce((n, [, c]) => n + c, 0);

  console.log(`Article (${G} groups pushed, ${U} user(s) without primaryPhone):`);
  for (const [per, line] of ARTICLE) console.log(`  ${per === 'once' ? '   ' : per === 'group' ? `x${G}` : `x${U}`} ${line}`);
  console.log(`  = ${articleTotal}\n`);
  console.log('Wizard (sandbox run):');
  for (const [line, n] of lines) console.log(`  ${String(n).padStart(2)} ${line}`);
  console.log(`  = ${wizardTotal}\n`);
  const ratio = wizardTotal / articleTotal;
  console.log(`Ratio wizard/article: ${wizardTotal}/${articleTotal} = ${ratio.toFixed(3)} (limit 0.333) ${ratio <= 1 / 3 ? 'OK' : 'TOO MANY'}`);
  console.log(`Outside the sandbox, ${realWorldExtra} more confirmation(s) replace the sandbox read-backs: ${wizardTotal + realWorldExtra}/${articleTotal} = ${((wizardTotal + realWorldExtra) / articleTotal).toFixed(3)}`);
  if (notVerified.length) console.log(`Steps not verified in this run: ${notVerified.join(', ')}`);
  await sb.stop();
  process.exitCode = ratio <= 1 / 3 && notVerified.length === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
