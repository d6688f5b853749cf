import { expect, test } from './fixtures';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage } from './pages/setup-page';

/** Step 8 as an admin sees it: the app is assigned through its own group; pushed groups are only pushed. */
test('step 8 says which group assigns the app and why, and the pushed groups are not assigned', async ({ consoleHost }, testInfo) => {
  test.setTimeout(180_000);
  const { page } = consoleHost;
  const setup = new SetupPage(page);
  await new ProfilesPage(page).waitUntilReady();
  await new ProfilesPage(page).trySandbox();
  await setup.open();
  expect(await setup.run('create-app', { createApp: { appLabel: 'ThreatLocker', hideTile: true } })).toBe('verified');
  expect(await setup.playInSandbox('enable-scim')).toBe('verified');
  expect(await setup.playInSandbox('scim-connection')).toBe('verified');
  expect(await setup.playInSandbox('to-app')).toBe('verified');
  await setup.selectStep('push-groups');
  await setup.searchAndPickGroups(['ThreatLocker Admins', 'ThreatLocker Read Only']);
  expect(await setup.run()).toBe('verified');

  const note = page.getByTestId('assignment-group');
  await expect(note).toContainText('The app is assigned through ThreatLocker — provisioned');
  await expect(page.getByTestId('setup-step')).toContainText('does not support assigning and pushing the same group');
  const table = page.getByRole('table', { name: 'Pushed groups' });
  for (const name of ['ThreatLocker Admins', 'ThreatLocker Read Only']) {
    await expect(table.getByRole('row', { name: new RegExp(name) })).toContainText('No');
  }
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('step8.png') });

  // Dropping a group from the selection would unassign its members: the step asks first.
  const picker = page.getByTestId('group-picker');
  if (await picker.getByRole('button', { name: 'Remove ThreatLocker Read Only' }).count() === 0) {
    await setup.searchAndPickGroups(['ThreatLocker Admins', 'ThreatLocker Read Only']);
  }
  await picker.getByRole('button', { name: 'Remove ThreatLocker Read Only' }).click();
  expect(await setup.run()).toBe('failed');
  const removal = page.getByTestId('rule-removal');
  await expect(removal.getByRole('list', { name: 'Groups that would be removed from the group rule' })).toContainText('ThreatLocker Read Only');
  await removal.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('step8-removal.png') });
  await removal.getByRole('button', { name: 'Remove these groups from the rule' }).click();
  await expect(removal).toHaveCount(0);
  await expect(page.getByTestId('setup-step')).toHaveAttribute('data-status', 'verified');
});
