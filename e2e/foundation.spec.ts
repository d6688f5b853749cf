import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { osKeychain } from '../src/main/services/secrets/os-keychain';
import { expect, test } from './fixtures';
import { ProfilePage } from './pages/profile-page';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage } from './pages/setup-page';

const keychainService = process.env.TLOC_KEYCHAIN_SERVICE ?? 'ThreatLocker Okta Console';

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(full)));
    else out.push(full);
  }
  return out;
}

test('from "Try the sandbox" to saved tokens that survive a reload, with a canary that never leaves the keychain', async ({ consoleHost }) => {
  const { page } = consoleHost;
  const profiles = new ProfilesPage(page);
  const profile = new ProfilePage(page);
  await profiles.waitUntilReady();
  await expect(profiles.emptyState).toBeVisible();

  await profiles.trySandbox();
  await expect(profile.sandboxBadge()).toBeVisible();
  await profile.openTab('Credentials');
  await profile.credentials.waitUntilReady();
  expect(await profile.credentials.secretState('Okta API token')).toBe('saved');

  await profiles.goto();
  await profiles.createProfile({ name: 'Contoso', oktaDomain: 'contoso.okta.com', instance: 'D', scimApiUrl: 'https://portalapi.d.threatlocker.com/scim/v2' });
  expect(await profile.name()).toBe('Contoso');

  const oktaCanary = `okta-canary-${Date.now()}-Kx7Q`;
  const scimCanary = `scim-canary-${Date.now()}-Wp3Z`;
  await profile.openTab('Credentials');
  await profile.credentials.waitUntilReady();
  await profile.credentials.saveSecret('Okta API token', oktaCanary);
  await profile.credentials.saveSecret('ThreatLocker SCIM bearer token', scimCanary);
  // The input is cleared once saved: the value does not linger in the page.
  await expect(profile.credentials.input('Okta API token')).toHaveValue('');

  await consoleHost.reload();
  await profiles.goto();
  await profiles.openProfile('Contoso');
  await profile.openTab('Credentials');
  await profile.credentials.waitUntilReady();
  expect(await profile.credentials.secretStatus('Okta API token')).toContain('Kx7Q');
  expect(await profile.credentials.secretStatus('ThreatLocker SCIM bearer token')).toContain('Wp3Z');
  expect(await profile.credentials.secretState('ThreatLocker portal API token')).toBe('missing');

  // The canaries are in the OS keychain ...
  const stored = (await osKeychain.findCredentials(keychainService)).map((c) => c.password);
  expect(stored).toContain(oktaCanary);
  expect(stored).toContain(scimCanary);
  // ... and nowhere else: not in the data folder (profiles, logs), not in the host's output,
  // not in any IPC response the renderer received.
  for (const file of await allFiles(consoleHost.dataDir)) {
    const text = await readFile(file, 'utf8');
    expect(text, file).not.toContain(oktaCanary);
    expect(text, file).not.toContain(scimCanary);
  }
  // Under the browser host every IPC response is a WebSocket frame the test saw.
  if (consoleHost.kind === 'browser') expect(consoleHost.ipcFrames.length).toBeGreaterThan(10);
  for (const frame of consoleHost.ipcFrames) {
    expect(frame).not.toContain(oktaCanary);
    expect(frame).not.toContain(scimCanary);
  }
  const hostOutput = consoleHost.hostOutput.join('');
  expect(hostOutput).not.toContain(oktaCanary);
  expect(hostOutput).not.toContain(scimCanary);

  // Deleting the profile removes its secrets from the keychain.
  await profile.deleteProfile();
  const after = (await osKeychain.findCredentials(keychainService)).map((c) => c.password);
  expect(after).not.toContain(oktaCanary);
  expect(after).not.toContain(scimCanary);
});

test.describe('profile files that cannot be loaded', () => {
  const goodId = '0f4c6b1e-5a8d-4c3b-9e2f-7d1a2b3c4d5e';
  const corrupt = Buffer.from('{ "schemaVersion": 1, "id": "0f4c6b1e-', 'utf8');
  const future = Buffer.from(
    JSON.stringify({ schemaVersion: 9, id: 'aa4c6b1e-5a8d-4c3b-9e2f-7d1a2b3c4d5e', name: 'From the future', hologram: true }),
    'utf8',
  );
  test.use({
    hostOptions: {
      seedProfiles: async (dir) => {
        const now = new Date().toISOString();
        await writeFile(
          join(dir, `${goodId}.json`),
          JSON.stringify({
            schemaVersion: 1, id: goodId, name: 'Fabrikam', createdAt: now, updatedAt: now, sandbox: false,
            okta: { orgUrl: 'https://fabrikam.okta.com' }, threatlocker: { instance: 'g' },
            secretsMeta: {}, setup: { steps: {} }, mappings: [],
          }),
        );
        await writeFile(join(dir, 'broken.json'), corrupt);
        await writeFile(join(dir, 'newer.json'), future);
      },
    },
  });

  test('are reported by name with their reason, left byte-for-byte unchanged, and the others still open', async ({ consoleHost }) => {
    const { page } = consoleHost;
    const profiles = new ProfilesPage(page);
    await profiles.waitUntilReady();
    await expect(profiles.problems).toBeVisible();
    expect((await profiles.problemFiles()).sort()).toEqual(['broken.json', 'newer.json']);
    await expect(profiles.problems).toContainText('not valid JSON');
    await expect(profiles.problems).toContainText('newer version');

    await profiles.openProfile('Fabrikam');
    const profile = new ProfilePage(page);
    expect(await profile.name()).toBe('Fabrikam');
    await profile.rename('Fabrikam EU');
    await profile.backToProfiles();

    const dir = join(consoleHost.dataDir, 'profiles');
    expect(await readFile(join(dir, 'broken.json'))).toEqual(corrupt);
    expect(await readFile(join(dir, 'newer.json'))).toEqual(future);
    expect((await stat(join(dir, 'broken.json'))).size).toBe(corrupt.length);
  });
});

test('export and import a profile: settings travel, secrets do not', async ({ consoleHost }) => {
  const { page } = consoleHost;
  const profiles = new ProfilesPage(page);
  const profile = new ProfilePage(page);
  await profiles.waitUntilReady();
  await profiles.createProfile({ name: 'Northwind', oktaDomain: 'https://northwind-admin.okta.com/admin/dashboard', instance: 'h' });
  await profile.openTab('Credentials');
  await profile.credentials.waitUntilReady();
  await profile.credentials.saveSecret('Okta API token', 'northwind-token-9f8e7d6c');

  // The SCIM API Url can be added later; a plain-http one is refused with a message that says why.
  await profile.main.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('SCIM API Url').fill('http://portalapi.h.threatlocker.com/scim/v2');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toContainText('https://');
  await dialog.getByLabel('SCIM API Url').fill('https://portalapi.h.threatlocker.com/scim/v2');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toBeHidden();

  const download = await profile.exportProfile();
  const exportedPath = join(consoleHost.dataDir, download.suggestedFilename());
  await download.saveAs(exportedPath);
  const exported = await readFile(exportedPath, 'utf8');
  expect(exported).toContain('https://northwind.okta.com');
  expect(exported).toContain('https://portalapi.h.threatlocker.com/scim/v2');
  expect(exported).not.toContain('northwind-token-9f8e7d6c');

  await profiles.goto();
  await profiles.importProfile(exportedPath);
  expect(await profile.name()).toBe('Northwind (imported)');
  await profile.openTab('Credentials');
  await profile.credentials.waitUntilReady();
  expect(await profile.credentials.secretState('Okta API token')).toBe('missing');
});

test('the SCIM connection check passes against the sandbox ThreatLocker, itemised', async ({ consoleHost }) => {
  test.setTimeout(120_000);
  const { page } = consoleHost;
  const profiles = new ProfilesPage(page);
  const profile = new ProfilePage(page);
  await profiles.waitUntilReady();
  await profiles.trySandbox();
  // A new sandbox tenant has ThreatLocker's SCIM "Enabled" off, as a real one does: the check says so.
  await profile.openTab('Connection check');
  await profile.scimCheck.runReadOnlyChecks();
  expect((await profile.scimCheck.summary()).fail).toBeGreaterThan(0);
  await expect(profile.main).toContainText('Enabled');
  // The wizard's step 6, played in the sandbox, turns it on (with the Okta side it needs first).
  const setup = new SetupPage(page);
  await setup.open();
  expect(await setup.run('create-app', { createApp: { appLabel: 'ThreatLocker', hideTile: true } })).toBe('verified');
  expect(await setup.playInSandbox('enable-scim')).toBe('verified');
  expect(await setup.playInSandbox('scim-connection')).toBe('verified');
  await profile.openTab('Connection check');
  await profile.scimCheck.runReadOnlyChecks();
  const summary = await profile.scimCheck.summary();
  expect(summary.fail).toBe(0);
  expect(summary.pass).toBeGreaterThanOrEqual(10);
  const rows = await profile.scimCheck.rows();
  expect(rows.map((r) => r.outcome)).not.toContain('fail');
});

test('a domain outside okta.com is refused until the admin says it is the org\'s custom Okta domain', async ({ consoleHost }) => {
  const { page } = consoleHost;
  const profiles = new ProfilesPage(page);
  const profile = new ProfilePage(page);
  await profiles.waitUntilReady();
  await profiles.openNewProfileDialog();
  await profiles.fillNewProfile({ name: 'Tailspin', oktaDomain: 'login.tailspin.example', instance: 'c' });
  await profiles.dialog.getByRole('button', { name: 'Create profile' }).click();
  await expect(profiles.dialog).toContainText('login.tailspin.example');
  await profiles.dialog.getByRole('checkbox', { name: /custom Okta domain/ }).check();
  await profiles.dialog.getByRole('button', { name: 'Create profile' }).click();
  await page.locator('main[data-screen="profile"][data-state="ready"]').waitFor();
  await expect(profile.main).toContainText('https://login.tailspin.example');
});

test('a plain-http loopback SCIM API Url is refused outside the sandbox', async ({ consoleHost }) => {
  const profiles = new ProfilesPage(consoleHost.page);
  await profiles.waitUntilReady();
  await expect(consoleHost.page.getByRole('alert').filter({ hasText: 'Testing mode' })).toHaveCount(0);
  await profiles.openNewProfileDialog();
  await profiles.fillNewProfile({ name: 'Local', oktaDomain: 'acme.okta.com', instance: 'd', scimApiUrl: 'http://127.0.0.1:9/scim/v2' });
  await profiles.dialog.getByRole('button', { name: 'Create profile' }).click();
  await expect(profiles.dialog).toContainText('only https:// addresses');
});

test.describe('--allow-loopback (testing mode)', () => {
  test.use({ hostOptions: { allowLoopback: true } });

  test('shows a warning banner and lets a profile point at a loopback server', async ({ consoleHost }) => {
    const { page } = consoleHost;
    const profiles = new ProfilesPage(page);
    await profiles.waitUntilReady();
    await expect(page.getByRole('alert').filter({ hasText: 'Testing mode (--allow-loopback)' })).toBeVisible();
    await profiles.createProfile({ name: 'Local', oktaDomain: 'http://127.0.0.1:9', instance: 'd', scimApiUrl: 'http://127.0.0.1:9/scim/v2' });
    await expect(new ProfilePage(page).main).toContainText('http://127.0.0.1:9');
  });
});
