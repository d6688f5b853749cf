import { expect, test } from './fixtures';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage } from './pages/setup-page';

/** The report's table row of one setting (its data-verification and text). */
function reportRow(html: string, setting: string): string {
  const row = html.split('<tr').find((tr) => tr.includes(`<div class="strong">${setting}</div>`));
  if (!row) throw new Error(`The report has no row for ${setting}`);
  return row;
}

test('step 11 after Play stays verified through a Verify click, and says the sandbox ticked the boxes, not you', async ({ consoleHost }) => {
  test.setTimeout(120_000);
  const { page } = consoleHost;
  const setup = new SetupPage(page);
  await new ProfilesPage(page).trySandbox();
  await setup.open();

  const panel = await setup.selectStep('allow-sso');
  const boxes = panel.locator('input[data-checklist-id]');
  await expect(boxes).toHaveCount(2);
  for (const box of await boxes.all()) await expect(box).not.toBeChecked();

  expect(await setup.playInSandbox()).toBe('verified');
  // The boxes the sandbox ticked are ticked, and the screen says who ticked them.
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await expect(panel.getByText('(ticked by the sandbox)')).toHaveCount(2);
  await expect(panel.getByTestId('step-status')).toContainText('Admin Login Settings ticked by the sandbox');
  await expect(panel).not.toContainText('confirmed by you');
  expect(await setup.findings()).toContainEqual({ label: 'Admin Login Settings', outcome: 'pass' });
  await expect(panel.locator('ul[aria-label="Verification results"] > li', { hasText: 'Admin Login Settings' })).toContainText('ticked by the sandbox');

  // One click on Verify re-checks: still verified, the boxes still ticked by the sandbox.
  expect(await setup.run()).toBe('verified');
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await expect(panel.getByText('(ticked by the sandbox)')).toHaveCount(2);

  // Nobody confirmed anything by hand: neither the summary nor the report says "confirmed".
  const rows = await setup.summaryRows();
  expect(rows.find((r) => r.setting === 'Admin Login Settings')).toMatchObject({ value: 'chosen by the sandbox', verification: 'sandbox' });
  expect(rows.filter((r) => r.verification === 'confirmed')).toEqual([]);
  await expect(setup.summary.getByTestId('summary-row').filter({ hasText: 'Admin Login Settings' })).toContainText('Set by the sandbox');
  const report = await setup.exportReport();
  expect(reportRow(report.content, 'Admin Login Settings')).toContain('data-verification="sandbox"');
  expect(report.content).not.toContain('data-verification="confirmed"');

  // The admin unticks one box: the step is no longer done, and nothing is "confirmed".
  await setup.selectStep('allow-sso');
  await panel.getByRole('checkbox', { name: /Admin Login Settings chosen/ }).uncheck();
  expect(await setup.run()).toBe('not-started');
  await expect(panel.getByRole('checkbox', { name: /Admin Login Settings chosen/ })).not.toBeChecked();
  expect((await setup.summaryRows()).find((r) => r.setting === 'Admin Login Settings')?.verification).toBe('pending');

  // The admin ticks it: now it is the admin's confirmation, and the summary says so.
  await setup.selectStep('allow-sso');
  await panel.getByRole('checkbox', { name: /Admin Login Settings chosen/ }).check();
  expect(await setup.run()).toBe('verified');
  await expect(panel.getByTestId('step-status')).toContainText('Admin Login Settings confirmed by you');
  await expect(panel.getByText('(ticked by the sandbox)')).toHaveCount(1);
  expect((await setup.summaryRows()).find((r) => r.setting === 'Admin Login Settings')).toMatchObject({ value: 'chosen', verification: 'confirmed' });
});
