import { expect } from '../fixtures';
import type { SetupPage } from '../pages/setup-page';

/** The groups the sandbox run pushes and maps. */
export const PUSHED = ['ThreatLocker Admins', 'ThreatLocker Read Only'];

/** Runs (or plays in the sandbox) every wizard step until each is verified, as a new admin would. */
export async function completeEveryStep(setup: SetupPage): Promise<void> {
  expect(await setup.run('prerequisites')).toBe('verified');
  expect(await setup.run('create-app', { createApp: { appLabel: 'ThreatLocker', hideTile: true } })).toBe('verified');
  expect(await setup.run('assertion-preview')).toBe('verified');
  expect(await setup.playInSandbox('threatlocker-saml')).toBe('verified');
  expect(await setup.playInSandbox('enable-scim')).toBe('verified');
  expect(await setup.playInSandbox('scim-connection')).toBe('verified');
  // Okta refuses the Features API for custom apps: the step guides the checkboxes, the sandbox ticks them.
  if ((await setup.run('to-app')) !== 'verified') expect(await setup.playInSandbox('to-app')).toBe('verified');

  await setup.selectStep('push-groups');
  await setup.searchAndPickGroups(PUSHED);
  expect(await setup.run()).toBe('verified');

  if ((await setup.run('primary-phone')) !== 'verified') {
    await setup.fillPhones({ value: '+1 555 0100' });
    // Filling the phone does not re-push users whose task already failed: the sandbox admin retries them.
    if ((await setup.status('primary-phone')) !== 'verified') expect(await setup.playInSandbox('primary-phone')).toBe('verified');
  }

  await setup.selectStep('group-mapping');
  await setup.mapGroups({ 'ThreatLocker Admins': 'Administrator', 'ThreatLocker Read Only': 'Read Only' });
  expect(await setup.playInSandbox('group-mapping')).toBe('verified');

  await setup.selectStep('allow-sso');
  await setup.playInSandbox();
  if ((await setup.status('allow-sso')) !== 'verified') {
    await setup.confirmChecklist();
    expect(await setup.run()).toBe('verified');
  }
}

/** Steps 1, 2 and 4 to 8 as the mapping specs need them: the app made, SCIM on, these groups pushed. */
export async function pushGroupsInSandbox(setup: SetupPage, groups: string[]): Promise<void> {
  expect(await setup.run('prerequisites')).toBe('verified');
  expect(await setup.run('create-app', { createApp: { appLabel: 'ThreatLocker', hideTile: true } })).toBe('verified');
  for (const step of ['threatlocker-saml', 'enable-scim', 'scim-connection'] as const) expect(await setup.playInSandbox(step)).toBe('verified');
  if ((await setup.run('to-app')) !== 'verified') expect(await setup.playInSandbox('to-app')).toBe('verified');
  await setup.selectStep('push-groups');
  await setup.searchAndPickGroups(groups);
  expect(await setup.run()).toBe('verified');
}
