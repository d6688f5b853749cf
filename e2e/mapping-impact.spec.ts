import type { Locator } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { pushGroupsInSandbox } from './flows/complete-setup';
import { sandboxAccess } from './flows/sandbox-access';
import { ProfilePage } from './pages/profile-page';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage } from './pages/setup-page';

type OktaUser = { id: string; status: string; profile: { login: string; firstName: string; lastName: string } };
const ROLES = { 'ThreatLocker Admins': 'Administrator', 'ThreatLocker Read Only': 'Read Only', 'IT Helpdesk': 'Helpdesk' };

test('step 10 previews who gets which role from the status data, flags a person with two roles, and the person panel shows the saved role', async ({ consoleHost }, testInfo) => {
  test.setTimeout(240_000);
  const { page } = consoleHost;
  const setup = new SetupPage(page);
  const profile = new ProfilePage(page);
  await new ProfilesPage(page).trySandbox();
  await setup.open();
  await pushGroupsInSandbox(setup, Object.keys(ROLES));

  // The seed puts someone in both "ThreatLocker Read Only" and "IT Helpdesk" (a helpdesk technician the group rule also made a reader).
  const access = await sandboxAccess(consoleHost.dataDir);
  const members = async (name: string) => {
    const [group] = await access.okta<{ id: string }[]>(`/api/v1/groups?q=${encodeURIComponent(name)}`);
    return access.okta<OktaUser[]>(`/api/v1/groups/${group!.id}/users?limit=200`);
  };
  const helpdesk = new Set((await members('IT Helpdesk')).map((u) => u.id));
  const both = (await members('ThreatLocker Read Only')).find((u) => helpdesk.has(u.id) && u.status === 'ACTIVE');
  expect(both, 'the sandbox seed has a person in two of the pushed groups').toBeDefined();
  const bothName = `${both!.profile.firstName} ${both!.profile.lastName}`;

  // Before any status read, the preview says so and offers the Status screen.
  await setup.selectStep('group-mapping');
  const impact = setup.panel.getByTestId('role-impact');
  await expect(impact).toContainText('No status data yet for this profile');
  await impact.screenshot({ path: testInfo.outputPath('role-impact-none.png') });
  await setup.mapGroups(ROLES);
  await impact.getByRole('button', { name: 'Open the Status screen' }).click();
  const status = page.locator('section.status-screen');
  await status.getByRole('button', { name: 'Refresh' }).click();
  await expect(status).toHaveAttribute('data-running', 'false', { timeout: 60_000 });
  await expect(status.getByTestId('status-total')).toBeVisible();

  // Back in step 10: who gets which role, from the status data just read.
  await profile.openTab('Setup');
  await setup.selectStep('group-mapping');
  await expect(impact.getByTestId('role-impact-source')).toContainText(/From the status data read .+ \(\d+ people, \d+ in a pushed group\)/);
  await expect(impact.getByTestId('role-impact-source')).toContainText('not a read of ThreatLocker’s Group Mapping tab');
  const perRole = impact.getByRole('table', { name: 'People per role' });
  for (const role of Object.values(ROLES)) await expect(perRole.getByRole('rowheader', { name: role, exact: true })).toBeVisible();
  const flagged = impact.locator('[data-finding="multi-role"]');
  await expect(flagged).toContainText(/To review: 1 person would get two or more roles/);
  await expect(flagged).toContainText(`${bothName} (${both!.profile.login}): Read Only (through ThreatLocker Read Only); Helpdesk (through IT Helpdesk)`);
  await expect(flagged).toContainText('Fix: map those groups to the same role');
  await expect(impact.locator('[data-finding="no-role"]')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await impact.screenshot({ path: testInfo.outputPath(`role-impact-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // The preview follows the draft: the same role for both groups clears the flag; deleting a row leaves its members with none; undo brings it back.
  const editor = setup.panel.getByTestId('mapping-editor');
  await editor.getByRole('combobox', { name: 'Role for IT Helpdesk', exact: true }).selectOption({ label: 'Read Only' });
  await expect(flagged).toHaveCount(0);
  await expect(impact).toContainText('Everyone in a pushed group gets exactly one role.');
  await editor.getByRole('button', { name: 'Undo' }).click();
  await expect(flagged).toBeVisible();
  await editor.getByRole('button', { name: 'Delete row 1 (ThreatLocker Admins)' }).click();
  await expect(impact.locator('[data-finding="no-role"]')).toContainText(/in ThreatLocker Admins/);
  await editor.getByRole('button', { name: 'Undo' }).click();
  await expect(impact.locator('[data-finding="no-role"]')).toHaveCount(0);

  // The person panel: the saved mapping's roles for that person, flagged.
  await profile.openTab('Status');
  await status.getByRole('searchbox').fill(both!.profile.login);
  await expect(status.getByTestId('status-total')).toHaveText(/^1 person/);
  await status.getByRole('table', { name: 'People' }).getByRole('button', { name: bothName }).click();
  const panel: Locator = status.locator('aside.status-person');
  const roles = panel.getByTestId('person-roles');
  await expect(roles.getByRole('heading', { name: 'ThreatLocker role (from the saved mapping)' })).toBeVisible();
  await expect(roles).toHaveAttribute('data-flagged', 'true');
  await expect(roles.getByRole('listitem')).toHaveText(['Read Only through ThreatLocker Read Only', 'Helpdesk through IT Helpdesk']);
  await expect(roles).toContainText('To review: 2 roles');
  expect(await seriousViolations(page)).toEqual([]);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await panel.screenshot({ path: testInfo.outputPath(`person-roles-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // The sandbox admin deletes "Helpdesk" in ThreatLocker; step 10's run lists the roles without it.
  await page.getByRole('button', { name: 'Sandbox roles' }).click();
  const rolesDialog = page.getByRole('dialog', { name: 'Sandbox roles' });
  await rolesDialog.getByRole('button', { name: 'Delete Helpdesk' }).click();
  await expect(rolesDialog.getByRole('button', { name: 'Put back Helpdesk' })).toBeVisible();
  await rolesDialog.getByRole('button', { name: 'Close' }).click();
  await profile.openTab('Setup');
  expect(await setup.run('group-mapping')).toBe('failed');
  await expect(editor.locator('tr[data-group="IT Helpdesk"] [data-issue="unknown-role"]')).toContainText('Role "Helpdesk" does not exist in this ThreatLocker organization.');

  // The preview: the row's role is not in this organization, its members get no role through it, the two-role flag is gone.
  await expect(impact.getByTestId('role-impact-source')).toContainText(/Roles checked against ThreatLocker’s role list from this step’s run/);
  const gone = perRole.locator('tr[data-missing-role="Helpdesk"]');
  await expect(gone.getByRole('rowheader')).toHaveText('Helpdesk — not in this organization');
  await expect(gone).toContainText(/\d+ (people|person) get no role through it/);
  await expect(flagged).toHaveCount(0);
  const noRole = impact.locator('[data-finding="no-role"]');
  await expect(noRole).toContainText('its row’s role is not in this ThreatLocker organization any more');
  await expect(noRole).toContainText('in IT Helpdesk (Helpdesk: not in this organization)');
  await expect(noRole).not.toContainText(bothName);
  expect(await seriousViolations(page)).toEqual([]);
  await gone.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('role-impact-missing.png') });

  // The person panel: Read Only through its group; Helpdesk flagged as not in this organization, with the fix.
  await profile.openTab('Status');
  await status.getByRole('table', { name: 'People' }).getByRole('button', { name: bothName }).click();
  await expect(roles.getByRole('listitem')).toHaveText(['Read Only through ThreatLocker Read Only']);
  await expect(roles.locator('[data-missing-role="Helpdesk"]')).toHaveText(
    'Helpdesk (through IT Helpdesk) is not in this ThreatLocker organization any more, so that group gives no role. Pick another role for it in setup step 10.',
  );
  await expect(roles).toHaveAttribute('data-flagged', 'true');
  await expect(roles).not.toContainText('To review: 2 roles');
  expect(await seriousViolations(page)).toEqual([]);
  await panel.screenshot({ path: testInfo.outputPath('person-roles-missing.png') });
});
