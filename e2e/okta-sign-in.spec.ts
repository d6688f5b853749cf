import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile } from '../src/shared/profile';
import { osKeychain } from '../src/main/services/secrets/os-keychain';
import { expect, test } from './fixtures';
import { ProfilePage } from './pages/profile-page';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage } from './pages/setup-page';

const keychainService = process.env.TLOC_KEYCHAIN_SERVICE ?? 'ThreatLocker Okta Console';

/** Every file under the data dir (profiles, last-good copies, logs), read as text. */
async function dataDirText(dir: string): Promise<string> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name), 'utf8')));
  return texts.join('\n');
}

test('an admin signs in to the sandbox org with OAuth 2.0 in the browser, is shown signed in, and no token leaves the keychain', async ({ consoleHost }) => {
  test.setTimeout(120_000);
  const { page } = consoleHost;
  const profiles = new ProfilesPage(page);
  const profile = new ProfilePage(page);
  await profiles.waitUntilReady();
  await profiles.trySandbox();
  await profile.openTab('Credentials');

  const panel = profile.main.getByRole('region', { name: 'Okta sign-in (OAuth 2.0)' });
  await expect(panel.getByRole('textbox', { name: /Client ID of the console’s OIDC app/ })).toHaveValue(/^0oa/);
  await panel.getByText('Register the console in Okta (once per org)').click();
  await expect(panel.getByRole('button', { name: 'Copy redirect URI' })).toBeVisible();
  await expect(panel).toContainText('http://127.0.0.1/authorization-code/callback');
  await panel.getByRole('button', { name: 'Sign in with Okta' }).click();

  // The browser host cannot open the system browser: it shows the link, the admin opens it.
  const link = panel.getByRole('link', { name: 'Open the Okta sign-in page' });
  await expect(link).toBeVisible();
  await expect(panel).toContainText('Waiting for you to finish signing in to Okta in the browser');
  const [okta] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await okta.waitForLoadState();
  await expect(okta.getByRole('heading', { name: 'Signed in to the console' })).toBeVisible();
  await expect(okta.getByText('You can close this tab and go back to the ThreatLocker Okta Console.')).toBeVisible();
  await okta.close();

  await expect(panel).toContainText('Signed in as admin@acme-sandbox.example (Sandbox Admin)');
  await expect(panel.getByRole('list', { name: 'Granted scopes' })).toContainText('okta.apps.manage');
  await expect(panel).toContainText('renewed automatically');

  // Okta calls of this profile now use the sign-in: with the API token deleted, the wizard's first step still passes, on the sign-in.
  await profile.credentials.deleteSecret('Okta API token');
  const setup = new SetupPage(page);
  await setup.open();
  expect(await setup.run('prerequisites')).toBe('verified');
  const findings = await setup.findings();
  expect(findings).toContainEqual({ label: 'Okta credential', outcome: 'pass' });
  expect(findings.filter((f) => f.label.startsWith('Okta permission')).every((f) => f.outcome === 'pass')).toBe(true);
  await expect(setup.panel).toContainText('the Okta sign-in (OAuth 2.0 access token)');

  // Canary: the tokens are in the keychain and nowhere else.
  const files = (await readdir(join(consoleHost.dataDir, 'profiles'))).filter((f) => f.endsWith('.json'));
  const sandboxProfile = (await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(consoleHost.dataDir, 'profiles', f), 'utf8')) as Profile))).find((p) => p.sandbox)!;
  const access = await osKeychain.getPassword(keychainService, `${sandboxProfile.id}:oktaOAuthAccessToken`);
  const session = JSON.parse((await osKeychain.getPassword(keychainService, `${sandboxProfile.id}:oktaOAuthSession`))!) as { refreshToken: string };
  expect(access).toBeTruthy();
  const tokens = [access!, session.refreshToken];
  const report = await setup.exportReport();
  const everywhere = [await dataDirText(consoleHost.dataDir), consoleHost.ipcFrames.join('\n'), consoleHost.hostOutput.join('\n'), report.content];
  for (const text of everywhere) for (const token of tokens) expect(text.includes(token)).toBe(false);
  // Not even a piece: 12 characters of a token are still most of a token.
  for (const text of everywhere) for (const token of tokens) for (let i = 0; i + 12 <= token.length; i += 6) expect(text.includes(token.slice(i, i + 12))).toBe(false);

  // Sign-out revokes both tokens at the org and forgets them.
  await profile.openTab('Credentials');
  await panel.getByRole('button', { name: 'Sign out of Okta' }).click();
  await expect(page.getByText('Okta revoked the refresh token and the access token.')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Sign in with Okta' })).toBeVisible();
  expect(await osKeychain.getPassword(keychainService, `${sandboxProfile.id}:oktaOAuthAccessToken`)).toBeNull();
  expect(await osKeychain.getPassword(keychainService, `${sandboxProfile.id}:oktaOAuthSession`)).toBeNull();
});
