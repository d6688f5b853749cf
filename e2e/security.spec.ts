import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ProfilePage } from './pages/profile-page';
import { ProfilesPage } from './pages/profiles-page';

test('moving the Okta domain to another org removes its saved token, and says so', async ({ consoleHost }) => {
  const { page } = consoleHost;
  const profiles = new ProfilesPage(page);
  const profile = new ProfilePage(page);
  await profiles.waitUntilReady();
  await profiles.createProfile({ name: 'Fabrikam', oktaDomain: 'fabrikam.okta.com', instance: 'd' });
  await profile.openTab('Credentials');
  await profile.credentials.waitUntilReady();
  await profile.credentials.saveSecret('Okta API token', 'fabrikam-okta-token-1a2b3c');

  await profile.main.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('moving an address to another host removes the token saved for it');
  await dialog.getByRole('textbox', { name: 'Okta domain' }).fill('contoso.okta.com');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Removed the saved Okta API token')).toBeVisible();
  await expect.poll(() => profile.credentials.secretState('Okta API token')).toBe('missing');
});

test('a file too large to be a profile is refused before it is read, with what to do', async ({ consoleHost }) => {
  const { page } = consoleHost;
  const profiles = new ProfilesPage(page);
  await profiles.waitUntilReady();
  const big = join(consoleHost.dataDir, 'huge.tlprofile.json');
  await writeFile(big, `{"pad":"${'x'.repeat(9 * 1024 * 1024)}"}`);
  const chooser = page.waitForEvent('filechooser');
  await profiles.main.getByRole('button', { name: 'Import profile' }).click();
  await (await chooser).setFiles(big);
  await expect(page.getByText(/too large to be a profile export/)).toBeVisible();
  // The host is still there: the list still loads.
  await page.reload();
  await profiles.waitUntilReady();
});
