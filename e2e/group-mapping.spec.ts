import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { pushGroupsInSandbox } from './flows/complete-setup';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage } from './pages/setup-page';

const PUSHED = ['ThreatLocker Admins', 'ThreatLocker Read Only', 'IT Helpdesk'];

test('step 10 editor: map three pushed groups, see and fix each problem, save, reload, export and re-import, keyboard only', async ({ consoleHost }, testInfo) => {
  test.setTimeout(240_000);
  const { page } = consoleHost;
  const setup = new SetupPage(page);
  await new ProfilesPage(page).trySandbox();
  const profileName = (await page.locator('main[data-screen="profile"] h1').first().textContent()) ?? 'Sandbox';
  await setup.open();
  await pushGroupsInSandbox(setup, PUSHED);

  await setup.selectStep('group-mapping');
  const editor = setup.panel.getByTestId('mapping-editor');
  await setup.whileRunning(() => editor.getByRole('button', { name: 'Load ThreatLocker roles' }).click());
  const issues = editor.getByTestId('mapping-issues');
  const role = (group: string) => editor.getByRole('combobox', { name: `Role for ${group}`, exact: true });
  const groupCell = (row: number) => editor.getByRole('combobox', { name: `Okta group, row ${row}`, exact: true });
  const save = editor.getByRole('button', { name: 'Save mappings' });

  // One row per pushed group, roles suggested from the names.
  for (const g of PUSHED) await expect(role(g)).not.toHaveValue('');
  await role('ThreatLocker Admins').selectOption({ label: 'Administrator' });
  await role('ThreatLocker Read Only').selectOption({ label: 'Read Only' });
  await role('IT Helpdesk').selectOption({ label: 'Helpdesk' });
  await expect(issues).toHaveText('No problems found in these rows.');

  // Not pushed (and, with it, a pushed group left unmapped): row 3 becomes "Sales".
  await groupCell(3).fill('Sales');
  await expect(issues.locator('[data-issue="not-pushed"]')).toContainText('"Sales" is not pushed to ThreatLocker');
  await expect(editor.locator('tr[data-row="3"] [data-issue="not-pushed"]')).toBeVisible(); // inline too
  await expect(issues.locator('[data-issue="unmapped-pushed"]')).toContainText('"IT Helpdesk" is pushed but has no role');
  await expect(save).toBeDisabled();
  await expect(editor).toContainText('Fix the 2 problems above to save.');
  // Fix: push Sales from the editor. It says what step 8 will do and waits for a confirm; then step 8 runs.
  const pushSales = issues.getByRole('button', { name: 'Push Sales to ThreatLocker' });
  const pushConfirm = issues.getByRole('group', { name: 'Confirm: Push Sales to ThreatLocker' });
  const yesPush = pushConfirm.getByRole('button', { name: 'Yes, push Sales' });
  await pushSales.click();
  await expect(pushConfirm).toContainText('assigns the app to its members, so Okta provisions them to ThreatLocker');
  await expect(yesPush).toBeFocused();
  await issues.screenshot({ path: testInfo.outputPath('push-confirm.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape'); // Escape (or Cancel) closes it and gives the focus back
  await expect(pushConfirm).toHaveCount(0);
  await expect(pushSales).toBeFocused();
  // First with Okta failing (sandbox faults): step 8 cannot push, so the editor opens step 8 and says why; the unsaved rows wait.
  const setOktaFaults = async (malformed: string) => {
    await page.getByRole('button', { name: 'Sandbox faults' }).click();
    const faults = page.getByRole('dialog', { name: 'Sandbox faults' });
    await faults.getByLabel('Next requests answered with a body that is not JSON').fill(malformed);
    await faults.getByRole('button', { name: 'Apply' }).click();
    await expect(faults.getByRole('status')).toContainText('Faults set for Okta');
    await faults.getByRole('button', { name: 'Close' }).click();
  };
  await setOktaFaults('1000');
  await pushSales.click();
  await setup.whileRunning(() => yesPush.click());
  await expect(setup.stepPanel('push-groups')).toBeVisible();
  await expect(page.getByText('“Sales” is not pushed yet')).toBeVisible();
  await expect(page.getByText(/^Opened step 8: .*not JSON/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('push-failed.png') });
  expect(await setup.status('push-groups')).toBe('failed');
  await setOktaFaults('0');
  await setup.selectStep('group-mapping');
  await expect(groupCell(3)).toHaveValue('Sales');
  await expect(issues.locator('[data-issue="not-pushed"]')).toBeVisible();
  // Then for real: step 8 runs with Sales added, and its read-back lists the push.
  await pushSales.click();
  await setup.whileRunning(() => yesPush.click());
  await expect(issues).toContainText('Step 8 pushed “Sales”: Okta’s read-back lists its push as ACTIVE.');
  await expect(editor.locator('[data-issue="not-pushed"]')).toHaveCount(0);
  await expect(groupCell(3)).toHaveValue('Sales'); // the unsaved edit survived the push
  expect(await setup.status('push-groups')).toBe('verified');
  await role('Sales').selectOption({ label: 'Read Only' });
  // IT Helpdesk is left unmapped: the summary's fix adds its row back (row 4), with the suggested role.
  await issues.getByRole('button', { name: 'Add a row for IT Helpdesk' }).click();
  await expect(role('IT Helpdesk').locator('option:checked')).toHaveText('Helpdesk');
  await expect(issues).toHaveText('No problems found in these rows.');

  // Mapped twice: a fifth row for the admins group; the summary's fix deletes it.
  await editor.getByRole('button', { name: 'Add row' }).click();
  await groupCell(5).fill('ThreatLocker Admins');
  await expect(issues.locator('[data-issue="incomplete"]')).toContainText('Pick a ThreatLocker role for "ThreatLocker Admins"');
  await role('ThreatLocker Admins').nth(1).selectOption({ label: 'Read Only' });
  await expect(issues.locator('[data-issue="mapped-twice"]')).toContainText('mapped more than once (rows 1, 5)');
  await issues.getByRole('button', { name: 'Delete row 5' }).click();
  await expect(issues).toHaveText('No problems found in these rows.');

  // Unmapped pushed group: delete row 4, then the summary's fix adds it back; undo and redo work on the rows.
  await editor.getByRole('button', { name: 'Delete row 4 (IT Helpdesk)' }).click();
  await expect(issues.locator('[data-issue="unmapped-pushed"]')).toBeVisible();
  await issues.getByRole('button', { name: 'Add a row for IT Helpdesk' }).click();
  await expect(role('IT Helpdesk').locator('option:checked')).toHaveText('Helpdesk'); // the suggested role comes with it
  await expect(issues).toHaveText('No problems found in these rows.');
  await editor.getByRole('button', { name: 'Undo' }).click();
  await expect(editor.locator('tbody tr')).toHaveCount(3);
  await expect(issues.locator('[data-issue="unmapped-pushed"]')).toBeVisible();
  await editor.getByRole('button', { name: 'Redo' }).click();
  await expect(editor.locator('tbody tr')).toHaveCount(4);
  await expect(issues).toHaveText('No problems found in these rows.');

  // Save, and the sandbox ThreatLocker's Group Mapping tab is compared with the rows (none entered yet).
  await setup.whileRunning(() => save.click());
  expect(await setup.findings()).toContainEqual({ label: 'IT Helpdesk → Helpdesk', outcome: 'fail' });
  await expect(setup.panel.getByTestId('mapping-trust')).toContainText('read back and compared');
  // Okta's members were counted per group: each row says how many members the group has in Okta (not who gets the role).
  await expect(editor.locator('tr[data-row="1"]')).toContainText(/\d+ members? in Okta/);
  await expect(editor).not.toContainText('this role');
  await expect(setup.panel.getByRole('group', { name: 'Confirm when done' })).toContainText('Identity Provider Group "IT Helpdesk"');

  // Reload: the rows come back from the profile file, with the change history.
  await page.reload();
  const profiles = new ProfilesPage(page);
  await profiles.waitUntilReady();
  await profiles.openProfile(profileName.trim());
  await setup.open();
  await setup.selectStep('group-mapping');
  await expect(role('IT Helpdesk')).toHaveValue(/.+/);
  await expect(role('ThreatLocker Admins').locator('option:checked')).toHaveText('Administrator');
  await setup.panel.getByText(/Change history \(1\)/).click();
  await expect(setup.panel.locator('.mapping-history')).toContainText('added ThreatLocker Admins -> Administrator');

  // Export CSV, then import the same file: the preview reads three rows and no problem, and nothing changes.
  const [download] = await Promise.all([page.waitForEvent('download'), editor.getByRole('button', { name: 'Export CSV' }).click()]);
  // Named for the profile and the day: an MSP exports one per organization.
  expect(download.suggestedFilename()).toMatch(/^sandbox-[a-z0-9-]+-group-role-mappings-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvPath = await download.path();
  const csv = await readFile(csvPath, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('Okta group id,Okta group,ThreatLocker role id,ThreatLocker role');
  await mkdir(testInfo.outputDir, { recursive: true });
  const exported = join(testInfo.outputDir, 'mappings.csv');
  await writeFile(exported, csv);
  await editor.getByLabel('Mapping file to import').setInputFiles(exported);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('mapping-import-preview')).toContainText('4 rows can be imported');
  await dialog.getByRole('button', { name: 'Replace with 4 rows' }).click();
  await expect(save).toBeDisabled(); // same rows as saved: nothing to save
  await expect(editor).not.toContainText('Unsaved changes');

  // A hostile file: BOM, CRLF, an unknown role and a formula; the preview names each row and the editor is unchanged until confirmed.
  const hostile = join(testInfo.outputDir, 'hostile.csv');
  const [, ...lines] = csv.trim().split('\r\n');
  await writeFile(hostile, `\uFEFF${csv.split('\r\n')[0]}\r\n${lines[0]}\r\nx1,Sales,nope,Owner\r\nx2,"=HYPERLINK(""http://evil"",""x"")",r,Read Only\r\n`);
  await editor.getByLabel('Mapping file to import').setInputFiles(hostile);
  await expect(dialog).toContainText('Row 3: Role "Owner" does not exist in this ThreatLocker organization');
  await expect(dialog).toContainText('Row 4: Okta group "=HYPERLINK');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor.locator('tbody tr')).toHaveCount(4);

  // Keyboard only: Alt+N adds a row, type the group, Tab to the role, Ctrl+Z undoes, Ctrl+Y redoes, Tab to delete it.
  await role('IT Helpdesk').focus();
  await page.keyboard.press('Alt+N');
  await expect(groupCell(5)).toBeFocused();
  await page.keyboard.type('ThreatLocker Read Only');
  await expect(issues.locator('[data-issue="incomplete"]')).toContainText('Pick a ThreatLocker role');
  await page.keyboard.press('Tab');
  await expect(editor.getByRole('combobox', { name: 'Role for ThreatLocker Read Only' }).nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(issues.locator('[data-issue="mapped-twice"]')).toBeVisible();
  await page.keyboard.press('Control+Z');
  await expect(issues.locator('[data-issue="incomplete"]')).toBeVisible();
  await page.keyboard.press('Control+Y');
  await expect(issues.locator('[data-issue="mapped-twice"]')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(editor.getByRole('button', { name: 'Delete row 5 (ThreatLocker Read Only)' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(issues).toHaveText('No problems found in these rows.');

  // The sandbox admin enters the rows in ThreatLocker's tab: the step reads them back.
  expect(await setup.playInSandbox('group-mapping')).toBe('verified');
  await expect(editor).toContainText('Saved, and verified');

  // A mapped role deleted in ThreatLocker: the sandbox admin deletes "Helpdesk"; ThreatLocker drops the row that used it.
  await page.getByRole('button', { name: 'Sandbox roles' }).click();
  const rolesDialog = page.getByRole('dialog', { name: 'Sandbox roles' });
  await rolesDialog.getByRole('button', { name: 'Delete Helpdesk' }).click();
  await expect(rolesDialog.getByRole('status')).toContainText('You deleted “Helpdesk”, as a ThreatLocker admin would. ThreatLocker dropped its Group Mapping row for “IT Helpdesk”');
  await expect(rolesDialog.getByRole('button', { name: 'Put back Helpdesk' })).toBeFocused(); // the focus stays in the dialog
  await page.screenshot({ path: testInfo.outputPath('sandbox-roles.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await rolesDialog.getByRole('button', { name: 'Close' }).click();
  // Loading the roles again (Verify): step 10 fails naming the role, and the row and the summary show the problem.
  expect(await setup.run()).toBe('failed');
  await expect(setup.panel).toContainText('Role "Helpdesk" (mapped to "IT Helpdesk") is not listed for this ThreatLocker organization');
  const unknown = 'Role "Helpdesk" does not exist in this ThreatLocker organization.';
  await expect(editor.locator('tr[data-group="IT Helpdesk"] td:nth-child(2) [data-issue="unknown-role"]')).toContainText(unknown);
  await expect(issues.locator('[data-issue="unknown-role"]')).toContainText(`Row 4: ${unknown}`);
  await expect(role('IT Helpdesk').locator('option:checked')).toHaveText('Helpdesk (not in this organization)');
  await expect(save).toBeDisabled();
  await editor.screenshot({ path: testInfo.outputPath('unknown-role.png') });
  // The fix takes the admin to that row's role picker; picking a listed role clears it.
  await issues.getByRole('button', { name: 'Pick another role for row 4' }).click();
  await expect(role('IT Helpdesk')).toBeFocused();
  await role('IT Helpdesk').selectOption({ label: 'Auditor' });
  await expect(issues).toHaveText('No problems found in these rows.');
  await setup.whileRunning(() => save.click());
  // ThreatLocker dropped the old row: the new one is missing from its tab until the admin enters it.
  expect(await setup.findings()).toContainEqual({ label: 'IT Helpdesk → Auditor', outcome: 'fail' });
  expect(await setup.playInSandbox()).toBe('verified');
});
