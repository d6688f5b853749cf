import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage, stepIds } from './pages/setup-page';

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
  // A ticked box is someone's word, not a read-back: information, never a green pass.
  expect(await setup.findings()).toContainEqual({ label: 'Admin Login Settings', outcome: 'info' });
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
  expect(await setup.findings()).toContainEqual({ label: 'Admin Login Settings', outcome: 'info' });
  await expect(panel.getByText('(ticked by the sandbox)')).toHaveCount(1);
  expect((await setup.summaryRows()).find((r) => r.setting === 'Admin Login Settings')).toMatchObject({ value: 'chosen', verification: 'confirmed' });
});

test('a new admin walks the wizard: each step keeps its result in view, statuses agree, step 9 says whom it skipped and why, step 10 suggests roles at once', async ({ consoleHost }) => {
  test.setTimeout(240_000);
  const { page } = consoleHost;
  const setup = new SetupPage(page);
  await new ProfilesPage(page).trySandbox();
  // The browser host cannot copy a token to the clipboard: the Credentials tab does not offer it.
  const credentials = page.getByTestId('credentials-panel');
  await page.locator('main[data-screen="profile"]').getByRole('tab', { name: /^Credentials/ }).click();
  await expect(credentials.locator('section[data-state="saved"]')).toHaveCount(3);
  await expect(credentials.getByRole('button', { name: 'Copy', exact: true })).toHaveCount(0);
  await setup.open();

  // Step 1 runs and stays in view with its result, like every other step.
  expect(await setup.currentStep()).toBe('prerequisites');
  expect(await setup.run()).toBe('verified');
  expect(await setup.currentStep()).toBe('prerequisites');
  await expect(setup.stepPanel('prerequisites').getByRole('button', { name: /Continue to step 2/ })).toBeVisible();

  expect(await setup.run('create-app', { createApp: { appLabel: 'ThreatLocker', hideTile: true } })).toBe('verified');
  expect(await setup.run('assertion-preview')).toBe('verified');

  // Step 4: the sandbox saves the values in ThreatLocker and ticks "I saved these values", and says so.
  expect(await setup.playInSandbox('threatlocker-saml')).toBe('verified');
  await expect(setup.panel.getByRole('checkbox', { name: /I saved these values/ })).toBeChecked();
  await expect(setup.panel.getByText('(ticked by the sandbox)')).toBeVisible();

  // Choices to select are not offered for copying.
  await setup.selectStep('enable-scim');
  await expect(setup.panel.locator('tr[data-value-label="Provisioning"]')).toContainText('Select it');
  await expect(setup.copyButton('Provisioning')).toHaveCount(0);
  expect(await setup.playInSandbox()).toBe('verified');

  // Step 6 in the browser host: no token Copy button that cannot work here; the paths read "… then …".
  await setup.selectStep('scim-connection');
  await expect(setup.panel.locator('tr[data-value-label="Authorization (SCIM token)"]')).toContainText('the browser console cannot copy tokens');
  await expect(setup.copyButton('Authorization (SCIM token)')).toHaveCount(0);
  await expect(setup.copyButton('Authentication Mode')).toHaveCount(0);
  await expect(setup.copyButton('SCIM connector base URL')).toBeVisible();
  await expect(setup.panel.getByRole('heading', { name: /^Values to enter in Okta then .+ then Provisioning/ })).toBeVisible();
  expect(await setup.playInSandbox()).toBe('verified');

  // One status per step: the step list and the banner use the same words.
  const status7 = await setup.run('to-app');
  const navStatus = setup.nav.locator('li:has(> button[data-step-id="to-app"]) .wizard-nav-status');
  const banner = setup.panel.getByTestId('step-status');
  await expect(banner).toHaveAttribute('data-status', status7);
  await expect(banner.locator('.callout-title')).toContainText((await navStatus.textContent())!.split(' · ')[0]!);
  if (status7 !== 'verified') expect(await setup.playInSandbox('to-app')).toBe('verified');

  await setup.selectStep('push-groups');
  await setup.searchAndPickGroups(['ThreatLocker Admins', 'ThreatLocker Read Only']);
  expect(await setup.run()).toBe('verified');

  // Step 9: the pre-selected source has values to copy (or is a value to enter); a fill that
  // finds nothing to copy lists every user it skipped, with the reason.
  expect(await setup.run('primary-phone')).toBe('failed');
  const fill = setup.panel.getByTestId('phone-fill');
  const table = fill.getByRole('table', { name: 'Users without primaryPhone' });
  const logins = await table.locator('tr[data-user-login]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-user-login')!));
  expect(logins.length).toBeGreaterThan(0);
  const attribute = fill.getByRole('combobox', { name: 'Profile attribute' });
  if (await fill.getByRole('radio', { name: 'Copy from profile attribute' }).isChecked()) {
    const preselected = await attribute.inputValue();
    await expect(table.locator('.wizard-candidate', { hasText: preselected }).first()).toBeVisible();
  } else {
    await expect(fill.getByRole('radio', { name: 'Use this value' })).toBeChecked();
  }
  await setup.fillPhones({ attribute: 'faxNumber' });
  const report = setup.panel.getByTestId('last-fill');
  await expect(report).toContainText(`Last fill: 0 users updated, ${logins.length} skipped`);
  for (const login of logins) await expect(report.getByRole('listitem').filter({ hasText: login })).toContainText('skipped: faxNumber is empty');
  await expect(setup.panel.getByTestId('step-status')).not.toContainText('(s)');

  await setup.fillPhones({ value: '+1 555 0100' });
  if ((await setup.status('primary-phone')) !== 'verified') expect(await setup.playInSandbox('primary-phone')).toBe('verified');
  // Every check shows, passed ones too (none drops out of the list once it passes).
  expect(await setup.findings()).toContainEqual({ label: 'Failed provisioning tasks in Okta', outcome: 'pass' });

  // Step 10: the suggested roles fill the dropdowns right after the roles load.
  await setup.selectStep('group-mapping');
  const editor = setup.panel.getByTestId('mapping-editor');
  await setup.whileRunning(() => editor.getByRole('button', { name: 'Load ThreatLocker roles' }).click());
  for (const group of ['ThreatLocker Admins', 'ThreatLocker Read Only']) {
    await expect(editor.getByRole('combobox', { name: `Role for ${group}` })).not.toHaveValue('');
  }
  await expect(editor.getByText(/^Suggested/).first()).toBeVisible();
  await setup.mapGroups({ 'ThreatLocker Admins': 'Administrator', 'ThreatLocker Read Only': 'Read Only' });
  expect(await setup.playInSandbox('group-mapping')).toBe('verified');
  await expect(editor).toContainText('Saved, and verified');
  await expect(editor).not.toContainText('then confirm them below');
  expect(await setup.playInSandbox('allow-sso')).toBe('verified');

  // The done wizard, light and dark: no serious or critical axe finding on any step or the summary.
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const id of stepIds) {
      await setup.selectStep(id);
      for (const v of await seriousViolations(page)) found.push(`${scheme} ${id}: ${v}`);
    }
    await setup.showSummary();
    for (const v of await seriousViolations(page)) found.push(`${scheme} summary: ${v}`);
  }
  expect(found.join('\n')).toBe('');
});
