import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { pushGroupsInSandbox } from './flows/complete-setup';
import { tabTo } from './keyboard';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage } from './pages/setup-page';

const PUSHED = ['ThreatLocker Admins', 'ThreatLocker Read Only', 'IT Helpdesk'];

test('step 10 editor with the keyboard only: load roles, map three groups, fix each problem, undo, save and export', async ({ consoleHost }) => {
  test.setTimeout(240_000);
  const { page } = consoleHost;
  const setup = new SetupPage(page);
  await new ProfilesPage(page).trySandbox();
  await setup.open();
  await pushGroupsInSandbox(setup, PUSHED); // pointer allowed up to here: the flow under test starts at step 10

  // From here on, no pointer: every control is reached with Tab / Shift+Tab and used with keys.
  await tabTo(page, setup.stepButton('group-mapping'), { back: true });
  await page.keyboard.press('Enter');
  await expect(setup.panel).toHaveAttribute('data-step-id', 'group-mapping');
  const editor = setup.panel.getByTestId('mapping-editor');
  const issues = editor.getByTestId('mapping-issues');
  const role = (group: string) => editor.getByRole('combobox', { name: `Role for ${group}`, exact: true });
  const groupCell = (row: number) => editor.getByRole('combobox', { name: `Okta group, row ${row}`, exact: true });

  await tabTo(page, editor.getByRole('button', { name: 'Load ThreatLocker roles' }));
  await setup.whileRunning(() => page.keyboard.press('Enter'));

  // A role by typing its first letters on the focused list, as in any select.
  const pick = async (group: string, typed: string, label: string) => {
    await tabTo(page, role(group));
    await page.keyboard.type(typed);
    await expect(role(group).locator('option:checked')).toHaveText(label);
  };
  await tabTo(page, role('ThreatLocker Admins'), { back: true });
  await pick('ThreatLocker Admins', 'Adm', 'Administrator');
  await pick('ThreatLocker Read Only', 'Rea', 'Read Only');
  await pick('IT Helpdesk', 'Hel', 'Helpdesk');
  await expect(issues).toHaveText('No problems found in these rows.');

  // Not pushed: retype row 3's group; the rows and the summary say so; retyping it back fixes it.
  await tabTo(page, groupCell(3), { back: true });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Sales');
  await expect(issues.locator('[data-issue="not-pushed"]')).toContainText('"Sales" is not pushed to ThreatLocker');
  await expect(issues.locator('[data-issue="unmapped-pushed"]')).toContainText('"IT Helpdesk" is pushed but has no role');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('IT Helpdesk');
  await expect(issues).toHaveText('No problems found in these rows.');

  // Mapped twice: Alt+N adds a row with the focus in its group cell; the summary's fix deletes it.
  await page.keyboard.press('Alt+N');
  await expect(groupCell(4)).toBeFocused();
  await page.keyboard.type('ThreatLocker Admins');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Rea');
  await expect(issues.locator('[data-issue="mapped-twice"]')).toContainText('mapped more than once (rows 1, 4)');
  await tabTo(page, issues.getByRole('button', { name: 'Delete row 4' }));
  await page.keyboard.press('Enter');
  await expect(issues).toHaveText('No problems found in these rows.');

  // Unmapped pushed group: delete row 3 with its own button; the summary's fix adds it back with its role.
  const addRow = editor.getByRole('button', { name: 'Add row' });
  await tabTo(page, editor.getByRole('button', { name: 'Delete row 3 (IT Helpdesk)' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(issues.locator('[data-issue="unmapped-pushed"]')).toBeVisible();
  await expect(addRow).toBeFocused(); // the deleted row's button is gone; the focus stays in the editor
  await tabTo(page, issues.getByRole('button', { name: 'Add a row for IT Helpdesk' }));
  await page.keyboard.press('Enter');
  await expect(role('IT Helpdesk').locator('option:checked')).toHaveText('Helpdesk');
  await expect(issues).toHaveText('No problems found in these rows.');
  await expect(groupCell(3)).toBeFocused(); // the added row takes the focus

  // Undo and redo from the keyboard; undo removes the focused row, and the focus stays in the editor.
  await page.keyboard.press('Control+Z');
  await expect(editor.locator('tbody tr')).toHaveCount(2);
  await expect(addRow).toBeFocused();
  await page.keyboard.press('Control+Y');
  await expect(editor.locator('tbody tr')).toHaveCount(3);

  // Save, then export: the file holds the three rows.
  await tabTo(page, editor.getByRole('button', { name: 'Save mappings' }));
  await setup.whileRunning(() => page.keyboard.press('Enter'));
  await expect(editor.getByRole('status').filter({ hasText: 'Saved in this profile.' })).toBeVisible(); // announced
  await expect(addRow).toBeFocused(); // Save is disabled once saved: the focus stays in the editor
  await tabTo(page, editor.getByRole('button', { name: 'Export CSV' }));
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const csv = await readFile(await download.path(), 'utf8');
  const rows = csv.trim().split('\r\n').slice(1).map((line) => line.split(','));
  expect(rows.map(([, group, , roleName]) => `${group} -> ${roleName}`).sort()).toEqual(['IT Helpdesk -> Helpdesk', 'ThreatLocker Admins -> Administrator', 'ThreatLocker Read Only -> Read Only']);
});
