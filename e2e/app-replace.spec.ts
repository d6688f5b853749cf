import { expect, test } from './fixtures';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage } from './pages/setup-page';

/**
 * Step 2 re-run after SCIM is on, as an admin sees it: the console changes nothing, lists each
 * setting to fix by hand with its Admin Console path, and rewrites only after a confirmation
 * that names the risk; then steps 5-8 say they must be redone.
 */
test('re-running step 2 with a new RelayState after SCIM is on asks first, and a confirmed rewrite marks steps 5-8 to redo', async ({ consoleHost }, testInfo) => {
  test.setTimeout(180_000);
  const { page } = consoleHost;
  const setup = new SetupPage(page);
  await new ProfilesPage(page).waitUntilReady();
  await new ProfilesPage(page).trySandbox();
  await setup.open();
  await setup.waitUntilReady();

  expect(await setup.run('create-app', { createApp: { appLabel: 'ThreatLocker', hideTile: true } })).toBe('verified');
  expect(await setup.playInSandbox('enable-scim')).toBe('verified');
  expect(await setup.playInSandbox('scim-connection')).toBe('verified');
  expect(await setup.playInSandbox('to-app')).toBe('verified');

  expect(await setup.run('create-app', { createApp: { defaultRelayState: '/dashboard' } })).toBe('failed');
  const drift = page.getByTestId('app-drift');
  await expect(drift).toBeVisible();
  const table = drift.getByRole('table', { name: 'Settings that differ from the article' });
  await expect(table.getByRole('row', { name: /Default RelayState/ })).toContainText('General tab -> SAML Settings -> Edit -> Configure SAML');
  const rewrite = drift.getByRole('button', { name: 'Rewrite the app in Okta anyway' });
  await expect(rewrite).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('step2-drift.png'), fullPage: true });

  await drift.getByRole('checkbox', { name: /I understand that rewriting the app may switch provisioning off/ }).check();
  await setup.whileRunning(() => rewrite.click());
  expect(await setup.status('create-app')).toBe('verified');
  for (const id of ['enable-scim', 'scim-connection', 'to-app', 'push-groups'] as const) expect(await setup.status(id), id).toBe('failed');
  await expect(page.getByTestId('app-drift')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('step2-after-rewrite.png'), fullPage: true });
});
