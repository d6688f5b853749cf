import { execFileSync } from 'node:child_process';
import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { goodProfile } from '../tests/support/review-fixtures';
import { reportSchemaErrors } from '../tests/support/report-schema-validator';

/** A saved sandbox profile: set up in the sandbox, every step verified, a SCIM check and a mapping. */
const saved = goodProfile({ name: 'Sandbox Co', sandbox: true });

test.use({ hostOptions: { seedProfiles: async (dir) => writeFile(join(dir, `${saved.id}.json`), JSON.stringify(saved)) } });

test('with the network blocked: open a saved sandbox profile, review it, lint, export every format', async ({ consoleHost }) => {
  const { page } = consoleHost;
  const consoleOrigin = new URL(page.url()).origin;
  const blocked: string[] = [];
  // The network is blocked for the renderer: only the console itself answers.
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(consoleOrigin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });

  await page.getByRole('button', { name: 'All orgs overview' }).first().click();
  const table = page.getByTestId('overview-table');
  await expect(table).toContainText('Sandbox Co');
  await expect(table).toContainText('Complete (11/11)');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Review Sandbox Co' }).click();

  await expect(page.getByRole('heading', { name: 'Review: Sandbox Co' })).toBeVisible();
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toContainText('Offline review');
  await expect(banner).toContainText('SCIM check:');
  await expect(banner).toContainText('Status snapshot: no data yet');
  await expect(page.locator('[data-verdict="ready"]')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const files: Record<string, string> = {};
  for (const label of ['HTML', 'Markdown', 'JSON', 'Mapping CSV', 'Status CSV', 'PDF']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label, exact: true }).click()]);
    const path = join(consoleHost.dataDir, download.suggestedFilename());
    await download.saveAs(path);
    files[label] = path;
  }
  expect(reportSchemaErrors(await readFile(files.JSON!, 'utf8'))).toEqual([]);
  expect(await readFile(files.Markdown!, 'utf8')).toContain('## Summary');
  expect(await readFile(files['Mapping CSV']!, 'utf8')).toContain('TL Admins,g1,Administrator,r1');

  // The HTML report renders in Chromium with zero requests beyond the document itself.
  const reportContext = await page.context().browser()!.newContext();
  const reportPage = await reportContext.newPage();
  const requested: string[] = [];
  reportPage.on('request', (r) => requested.push(r.url()));
  await reportPage.goto(`file://${files.HTML}`);
  await expect(reportPage.getByRole('heading', { name: 'Summary' })).toBeVisible();
  expect(requested).toEqual([`file://${files.HTML}`]);

  // The app's PDF (Chromium's printing in the browser host): its pages as PNG through pdftoppm, and the text layer has the summary.
  const pdf = files.PDF!;
  const prefix = join(consoleHost.dataDir, 'page');
  execFileSync('pdftoppm', ['-png', '-r', '40', pdf, prefix]);
  const pngs = (await readdir(consoleHost.dataDir)).filter((f) => f.startsWith('page') && f.endsWith('.png'));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
  expect(pngs).toHaveLength(pages);
  expect(pages).toBeGreaterThanOrEqual(2);
  expect(pages).toBeLessThan(12);
  expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('Ready: every step is done');

  await reportContext.close();

  // Compare with a copy whose Name ID format changed and one mapping row is gone: exactly those two changes.
  const edited = JSON.parse(JSON.stringify(saved)) as typeof saved & { setup: { steps: Record<string, { data: { assertion: { nameIdFormat: string } } }> } };
  edited.setup.steps['assertion-preview']!.data.assertion.nameIdFormat = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
  edited.mappings = edited.mappings.slice(0, 1);
  await page.getByTestId('compare-file-input').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited)) });
  const diff = page.getByTestId('config-diff');
  await expect(diff).toContainText('2 differences');
  await expect(diff.locator('tbody tr')).toHaveCount(2);
  await expect(diff.locator('tbody tr').first()).toContainText('Name ID format');
  await expect(diff.locator('tbody tr').nth(1)).toContainText('TL Read Only');
  expect(blocked).toEqual([]);
  expect(consoleHost.hostOutput.filter((l) => /direct \(no proxy\)|through the proxy/.test(l))).toEqual([]);
});

test('a hostile or broken config file opened by the Open command gives a clear error or renders escaped', async ({ consoleHost }) => {
  const { page } = consoleHost;
  await page.getByRole('button', { name: 'All orgs overview' }).first().click();
  const input = page.getByTestId('review-file-input');
  await input.setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(saved).slice(0, 200)) });
  await expect(page.getByRole('alert').filter({ hasText: 'not valid JSON' }).first()).toBeVisible();
  // 100 MB: refused by its size before it is read, with the limit in the message.
  const huge = join(consoleHost.dataDir, 'huge.json');
  await writeFile(huge, '');
  await truncate(huge, 100_000_000); // sparse: 100 MB without writing them
  await input.setInputFiles(huge);
  await expect(page.getByRole('alert').filter({ hasText: 'huge.json is 100.0 MB: too large to be a config export' }).first()).toBeVisible();

  const hostile = { ...saved, name: '<img src=x onerror="window.pwned=1">=SUM(A1)', mappings: [{ oktaGroupId: 'g1', oktaGroupName: '<script>window.pwned=1</script>', roleId: 'r', roleName: '@cmd' }] };
  await input.setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(`{"__proto__":{"pwned":1},${JSON.stringify(hostile).slice(1)}`) });
  await expect(page.getByRole('heading', { name: 'Review: <img src=x onerror="window.pwned=1">=SUM(A1)' })).toBeVisible();
  await expect(page.getByText('<script>window.pwned=1</script>')).toBeVisible();
  expect(await page.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined();
  // The saved profile still opens, here from the profiles list.
  await page.getByRole('button', { name: 'All profiles' }).click();
  await page.getByRole('button', { name: 'Review offline' }).click();
  await expect(page.getByRole('heading', { name: 'Review: Sandbox Co' })).toBeVisible();
});
