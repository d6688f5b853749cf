/**
 * Screenshots of every screen as a new user walks them, light and dark: the first screen, the
 * credentials, the profiles list, each of the eleven setup steps as the sandbox completes it (with
 * the in-between states of steps 7, 9 and 10), the summary, the connection check, the status, the
 * MSP overview and the offline review. Needs a built
 * renderer (npm run build) and Chromium.
 *
 *   bash scripts/with-keyring.sh npx tsx scripts/screenshots.ts [out-dir]
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/fixtures';
import { ProfilesPage } from '../e2e/pages/profiles-page';
import { SetupPage, stepIds } from '../e2e/pages/setup-page';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.argv[2] ?? join(root, 'test-results/screenshots'));
const PUSHED = ['ThreatLocker Admins', 'ThreatLocker Read Only'];

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'tloc-shots-'));
  const host = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/host/cli.ts'), '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((ok) =>
    createInterface({ input: host.stdout! }).on('line', (l) => l.startsWith('CONSOLE_URL=') && ok(l.slice('CONSOLE_URL='.length))),
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    const shoot = (name: string) => shootBoth(page, name);
    const profiles = new ProfilesPage(page);
    const setup = new SetupPage(page);
    await profiles.waitUntilReady();
    await shoot('00-start');
    await profiles.trySandbox();
    await page.locator('main[data-screen="profile"]').getByRole('tab', { name: /^Credentials/ }).click();
    await page.locator('[data-testid="credentials-panel"][data-state="ready"]').waitFor();
    await shoot('01-credentials');
    await profiles.goto();
    await shoot('02-profiles');
    await profiles.openProfile((await profiles.profileNames())[0]!);
    await setup.open();
    for (const [i, id] of stepIds.entries()) {
      const name = `1${String(i + 1).padStart(2, '0')}-${id}`;
      await setup.selectStep(id);
      await shoot(`${name}-open`);
      await completeStep(setup, id, (state) => shoot(`${name}-${state}`));
      await shoot(`${name}-done`);
    }
    await setup.showSummary();
    await shoot('30-summary');
    await page.locator('main[data-screen="profile"]').getByRole('tab', { name: /^Connection check/ }).click();
    await page.getByRole('button', { name: 'Run read-only checks' }).click();
    await page.locator('[data-testid="scim-check-panel"][data-state="done"]').waitFor({ timeout: 60_000 });
    await shoot('31-scim-check');
    await page.locator('main[data-screen="profile"]').getByRole('tab', { name: /^Status/ }).click();
    const status = page.locator('section.status-screen');
    await status.getByRole('button', { name: 'Refresh' }).click();
    await status.getByTestId('status-taken-at').filter({ hasText: /^Read / }).waitFor({ timeout: 60_000 });
    await shoot('32-status');
    await page.getByRole('button', { name: 'All orgs overview' }).first().click();
    await page.getByTestId('overview-table').waitFor();
    await shoot('33-overview');
    await page.getByRole('button', { name: /^Review / }).first().click();
    await page.getByTestId('offline-banner').waitFor();
    await shoot('34-review');
  } finally {
    await browser.close();
    host.kill('SIGTERM');
    await new Promise((r) => host.once('exit', r));
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(`screenshots in ${outDir}`);
}

/** Does what a new admin would on each step of the sandbox, shooting the states in between. */
async function completeStep(setup: SetupPage, id: string, shoot: (state: string) => Promise<void>): Promise<void> {
  if (id === 'prerequisites' || id === 'create-app' || id === 'assertion-preview') {
    await setup.run();
  } else if (id === 'to-app') {
    if ((await setup.run()) !== 'verified') {
      await shoot('after-run');
      await setup.playInSandbox();
    }
  } else if (id === 'push-groups') {
    await setup.searchAndPickGroups(PUSHED);
    await setup.run();
  } else if (id === 'primary-phone') {
    if ((await setup.run()) !== 'verified') {
      await shoot('after-run');
      await setup.fillPhones({ value: '+1 555 0100' });
      if ((await setup.status('primary-phone')) !== 'verified') await setup.playInSandbox();
    }
  } else if (id === 'group-mapping') {
    const loadRoles = setup.panel.getByTestId('mapping-editor').getByRole('button', { name: 'Load ThreatLocker roles' });
    await setup.whileRunning(() => loadRoles.click());
    await shoot('suggested');
    await setup.mapGroups({ [PUSHED[0]!]: 'Administrator', [PUSHED[1]!]: 'Read Only' });
    await setup.playInSandbox();
  } else {
    await setup.playInSandbox();
  }
}

async function shootBoth(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(outDir, `${name}-${scheme}.png`), fullPage: true });
  }
}

void main();
