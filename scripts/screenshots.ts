/**
 * Takes screenshots of the main screens through the browser host with the sandbox, for
 * looking at the console as a user would. Needs a built renderer (npm run build) and Chromium.
 *
 *   bash scripts/with-keyring.sh npx tsx scripts/screenshots.ts [out-dir]
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/fixtures';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.argv[2] ?? join(root, 'test-results/screenshots'));

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'tloc-shots-'));
  const host = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/host/cli.ts'), '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok) =>
    createInterface({ input: host.stdout! }).on('line', (l) => l.startsWith('CONSOLE_URL=') && ok(l.slice('CONSOLE_URL='.length))),
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, colorScheme: scheme });
      await page.goto(url);
      await page.locator('main[data-screen="profiles"][data-state="ready"]').waitFor();
      await shoot(page, `${scheme}-01-start`);
      // The first pass starts the sandbox from the empty screen; the second finds its profile.
      const trySandbox = page.getByRole('button', { name: 'Try the sandbox' });
      if (await trySandbox.isVisible()) await trySandbox.click();
      else await page.getByRole('button', { name: /^Open / }).first().click();
      await page.locator('main[data-screen="profile"][data-state="ready"]').waitFor({ timeout: 60_000 });
      await page.getByRole('tab', { name: /^Credentials/ }).click();
      await page.locator('[data-testid="credentials-panel"][data-state="ready"]').waitFor();
      await shoot(page, `${scheme}-02-credentials`);
      await page.getByRole('button', { name: 'All profiles' }).first().click();
      await page.locator('main[data-screen="profiles"][data-state="ready"]').waitFor();
      await shoot(page, `${scheme}-03-profiles`);
      await page.getByRole('button', { name: /^Open / }).first().click();
      await page.getByRole('tab', { name: /^Connection check/ }).click();
      await page.getByRole('button', { name: 'Run read-only checks' }).click();
      await page.locator('[data-testid="scim-check-panel"][data-state="done"]').waitFor({ timeout: 60_000 });
      await shoot(page, `${scheme}-04-scim-check`);
      await page.getByRole('tab', { name: /^Setup/ }).click();
      await page.locator('[data-testid="setup-wizard"][data-state="ready"]').waitFor({ timeout: 30_000 }).catch(() => undefined);
      await shoot(page, `${scheme}-05-setup`);
      await page.close();
    }
  } finally {
    await browser.close();
    host.kill('SIGTERM');
  }
  console.log(`screenshots in ${outDir}`);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
}

void main();
