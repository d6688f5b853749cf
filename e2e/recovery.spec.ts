import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, launchBrowserHost, test, type LaunchedHost } from './fixtures';
import { osKeychain } from '../src/main/services/secrets/os-keychain';
import { completeEveryStep } from './flows/complete-setup';
import { CredentialsPanel } from './pages/credentials-panel';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage, stepIds } from './pages/setup-page';

const SANDBOX_PROFILE = 'Sandbox: Acme MSP';
const keychainService = process.env.TLOC_KEYCHAIN_SERVICE ?? 'ThreatLocker Okta Console';

/** These specs drive the browser host process itself; the Electron project says so and skips them. */
function browserOnly(host: string, why: string): boolean {
  if (host === 'browser') return false;
  console.log(`[${host} project] SKIPPED: this spec ${why}; the browser-host project ran it.`);
  return true;
}

test.describe('recovery after a restart', () => {
  test.skip(({ host }) => browserOnly(host, 'restarts the browser host process'), 'restarts the browser host process');
  let dataDir: string | undefined;
  let running: LaunchedHost | undefined;
  test.beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tloc-e2e-restart-'));
  });
  test.afterEach(async () => {
    await running?.stop();
    running = undefined;
    // The Electron project skips these tests before beforeEach runs.
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  const start = async (...extra: string[]): Promise<{ setup: SetupPage }> => {
    running = await launchBrowserHost(['--data-dir', dataDir!, '--sandbox', ...extra]);
    const profiles = new ProfilesPage(running.page);
    await profiles.waitUntilReady();
    await profiles.openProfile(SANDBOX_PROFILE);
    const setup = new SetupPage(running.page);
    await setup.open();
    await setup.waitUntilReady();
    return { setup };
  };

  test('a finished sandbox setup needs re-checking after the sandbox restarts; the report says so; re-running verifies again', async () => {
    test.setTimeout(360_000);
    let { setup } = await start();
    await completeEveryStep(setup);
    for (const id of stepIds) expect(await setup.status(id), id).toBe('verified');
    expect((await setup.exportReport()).content).toContain('Setup complete');

    // Same data dir, new process: the built-in sandbox is a new, empty org on new ports.
    await running!.stop();
    ({ setup } = await start());
    for (const id of stepIds) expect(await setup.status(id), id).toBe('needs-recheck');
    const step = await setup.selectStep('create-app');
    await expect(step.getByTestId('step-status')).toContainText('Needs re-check');
    await expect(step.getByTestId('step-status')).toContainText('the sandbox restarted');
    const rows = await setup.summaryRows();
    for (const row of rows) expect(['read-back', 'probed', 'confirmed'], `${row.setting}: ${row.verification}`).not.toContain(row.verification);
    const stale = (await setup.exportReport()).content;
    expect(stale).not.toContain('Setup complete');
    expect(stale).toContain('This check ran before the org may have changed');
    expect(stale).toMatch(/11 steps need re-checking — the sandbox restarted since this was checked/);

    // Re-running each step checks the new org; the sandbox plays what the admin would click there again.
    for (const id of stepIds) {
      if ((await setup.run(id)) === 'verified') continue;
      if (id === 'primary-phone' && (await setup.fillPhones({ value: '+1 555 0100' })) === 'verified') continue;
      expect(await setup.playInSandbox(id), id).toBe('verified');
    }
    for (const id of stepIds) expect(await setup.status(id), id).toBe('verified');
    const fresh = (await setup.exportReport()).content;
    expect(fresh).toContain('Setup complete');
    expect(fresh).not.toContain('need re-checking');
    expect(fresh).not.toContain('This check ran before');
  });

  test('faults switched on from the command line make the group search fail with a Retry button; clearing them in the sandbox controls and retrying works', async () => {
    const { setup } = await start('--faults', 'okta:malformed=1000');
    const page = running!.page;
    const step = await setup.selectStep('push-groups');
    const error = step.getByRole('alert').filter({ hasText: 'not JSON' });
    await expect(error).toContainText('retry');
    const retry = error.getByRole('button', { name: 'Retry the search' });
    await retry.click();
    await expect(error).toContainText('not JSON'); // still failing: the faults are still on

    await page.getByRole('button', { name: 'Sandbox faults' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sandbox faults' });
    await expect(dialog.getByRole('status')).toContainText('malformed');
    await dialog.getByRole('button', { name: 'Clear faults for Okta' }).click();
    await expect(dialog.getByRole('status')).toContainText('Faults cleared for Okta');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await retry.click();
    await expect(step.getByRole('list', { name: 'Okta groups' }).getByRole('checkbox', { name: 'ThreatLocker Admins' })).toBeVisible();
  });
});

test.describe('damaged profile recovery', () => {
  test.skip(({ host }) => browserOnly(host, 'seeds the keychain the browser host reads'), 'seeds the keychain the browser host reads');
  test('from the notice to a working new profile holding the same tokens', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tloc-e2e-damaged-'));
    const id = randomUUID();
    const tokens = { oktaApiToken: `00okta-e2e-${id}-WXYZ`, threatlockerPortalToken: `portal-e2e-${id}-P0RT`, scimBearerToken: `scim-e2e-${id}-SC1M` };
    await mkdir(join(dataDir, 'profiles'), { recursive: true });
    // Half a profile file, as a disk error leaves it; its tokens are still in the keychain.
    await writeFile(join(dataDir, 'profiles', `${id}.json`), `{"schemaVersion":1,"id":"${id}","name":"Acme","createdAt":"2026-`);
    // Its last good copy says where the tokens were saved for: a new profile with the same addresses may take them.
    await mkdir(join(dataDir, 'profiles', '.last-good'), { recursive: true });
    const stamp = '2026-01-01T00:00:00.000Z';
    const lastGood = { schemaVersion: 1, id, name: 'Acme', createdAt: stamp, updatedAt: stamp, sandbox: false, okta: { orgUrl: 'https://acme.okta.com', customDomain: false }, threatlocker: { instance: 'd' }, secretsMeta: {}, setup: { steps: {} }, mappings: [] };
    await writeFile(join(dataDir, 'profiles', '.last-good', `${id}.json`), JSON.stringify(lastGood));
    for (const [kind, value] of Object.entries(tokens)) await osKeychain.setPassword(keychainService, `${id}:${kind}`, value);
    const host = await launchBrowserHost(['--data-dir', dataDir]);
    try {
      const { page } = host;
      const profiles = new ProfilesPage(page);
      await profiles.waitUntilReady();
      await profiles.problems.getByRole('button', { name: `Recover ${id}.json…` }).click();
      const dialog = page.getByRole('dialog', { name: `Recover ${id}.json` });
      const entries = dialog.getByRole('region', { name: 'Keychain entries' });
      await expect(entries).toContainText('Okta API token ••••WXYZ');
      await expect(entries).toContainText('ThreatLocker portal API token ••••P0RT');
      await expect(entries).toContainText('ThreatLocker SCIM bearer token ••••SC1M');
      await dialog.getByRole('button', { name: 'Re-attach its tokens to a new profile…' }).click();
      await page.getByRole('heading', { name: 'New profile for the recovered tokens' }).waitFor();
      await profiles.fillNewProfile({ name: 'Acme recovered', oktaDomain: 'acme.okta.com', instance: 'd' });
      await page.getByRole('dialog').getByRole('button', { name: 'Create profile' }).click();

      const credentials = new CredentialsPanel(page);
      await credentials.waitUntilReady();
      expect(await credentials.secretStatus('Okta API token')).toContain('••••WXYZ');
      expect(await credentials.secretStatus('ThreatLocker SCIM bearer token')).toContain('••••SC1M');
      // The same token the admin was refused before is this profile's now: saving it again is accepted.
      await credentials.saveSecret('Okta API token', tokens.oktaApiToken);
      for (const frame of host.ipcFrames) for (const token of Object.values(tokens)) expect(frame).not.toContain(token);

      await profiles.goto();
      await expect(profiles.problems).toHaveCount(0);
      expect(await profiles.profileNames()).toEqual(['Acme recovered']);
    } finally {
      await host.stop();
      for (const kind of Object.keys(tokens)) await osKeychain.deletePassword(keychainService, `${id}:${kind}`).catch(() => false);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
