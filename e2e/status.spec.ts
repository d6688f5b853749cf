import type { Locator, Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { completeEveryStep, PUSHED } from './flows/complete-setup';
import { sandboxAccess } from './flows/sandbox-access';
import { ProfilePage } from './pages/profile-page';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage } from './pages/setup-page';

type OktaUser = { id: string; status: string; profile: { email: string; login: string; primaryPhone?: string | null; firstName: string; lastName: string } };

/** The Status tab as an admin uses it: refresh, read the counts, search, open a person. */
class StatusTab {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.locator('section.status-screen');
  }
  async refresh(): Promise<void> {
    await this.root.getByRole('button', { name: 'Refresh' }).click();
    await expect(this.root).toHaveAttribute('data-running', 'false', { timeout: 60_000 });
    await expect(this.root.getByRole('button', { name: 'Refresh' })).toBeVisible();
  }
  async count(label: RegExp): Promise<number> {
    const text = await this.root.getByRole('button', { name: label }).textContent();
    return Number(/\d+/.exec(text ?? '')?.[0]);
  }
  async open(name: string): Promise<Locator> {
    await this.root.getByRole('searchbox').fill(name);
    await expect(this.root.getByTestId('status-total')).toHaveText(/^1 person/);
    await this.root.getByRole('table', { name: 'People' }).getByRole('button', { name }).click();
    const panel = this.root.locator('aside.status-person');
    await expect(panel.getByRole('heading', { name })).toBeVisible();
    return panel;
  }
}

test('after the wizard, the status shows who is provisioned, who failed and why, who left, who was deleted by hand, and Provision now / Fix phone work', async ({ consoleHost }) => {
  test.setTimeout(300_000);
  const { page } = consoleHost;
  const profiles = new ProfilesPage(page);
  const profile = new ProfilePage(page);
  const setup = new SetupPage(page);
  await profiles.waitUntilReady();
  await profiles.trySandbox();
  await setup.open();
  await setup.waitUntilReady();
  await completeEveryStep(setup);

  const access = await sandboxAccess(consoleHost.dataDir);
  const groupId = async (name: string) => (await access.okta<{ id: string }[]>(`/api/v1/groups?q=${encodeURIComponent(name)}`))[0]!.id;
  const pushed = await Promise.all(PUSHED.map(groupId));
  const members = async (gid: string) => access.okta<OktaUser[]>(`/api/v1/groups/${gid}/users?limit=200`);
  const inPushed = new Set((await Promise.all(pushed.map(members))).flat().map((u) => u.id));
  const outsiders = (await access.okta<OktaUser[]>('/api/v1/users?limit=200')).filter((u) => u.status === 'ACTIVE' && u.profile.primaryPhone && !inPushed.has(u.id));
  const [noPhone, newcomer] = outsiders;
  const name = (u: OktaUser) => `${u.profile.firstName} ${u.profile.lastName}`;

  // Another admin in Okta: a user without primaryPhone joins a pushed group (the push fails), ...
  await access.oktaCall('POST', `/api/v1/users/${noPhone!.id}`, { profile: { primaryPhone: null } });
  await access.oktaCall('PUT', `/api/v1/groups/${pushed[0]}/users/${noPhone!.id}`);
  // ... one provisioned admin leaves every pushed group (Okta unassigns and deactivates them in ThreatLocker), ...
  const adminMembers = (await members(pushed[0]!)).filter((u) => u.status === 'ACTIVE' && u.id !== noPhone!.id);
  const leaver = adminMembers[0]!;
  for (const gid of pushed) await access.oktaCall('DELETE', `/api/v1/groups/${gid}/users/${leaver.id}`).catch(() => undefined);
  // ... and someone deletes another admin by hand in ThreatLocker (its SCIM API).
  const deleted = adminMembers[1]!;
  const tlDeleted = (await access.scimUserList()).find((u) => u.userName.toLowerCase() === deleted.profile.login.toLowerCase())!;
  expect((await access.scimCall('DELETE', `/Users/${tlDeleted.id}`)).status).toBe(204);
  await expect.poll(async () => (await access.scimUserList()).find((u) => u.userName.toLowerCase() === leaver.profile.login.toLowerCase())?.active, { timeout: 30_000 }).toBe(false);

  await profile.openTab('Status');
  const status = new StatusTab(page);
  await status.refresh();
  await expect(status.root.getByTestId('status-taken-at')).toHaveText(/^Read /);
  expect(await status.count(/Provisioned and matching/)).toBeGreaterThan(2);
  expect(await status.count(/Local ThreatLocker admin/)).toBe(2);
  expect(await status.count(/Failed in Okta/)).toBe(1);
  // The profile header's compact card says the same, from the saved snapshot.
  await expect(page.getByTestId('status-card')).toContainText('Status: 2 need attention');

  let panel = await status.open(name(noPhone!));
  await expect(panel.getByTestId('person-class')).toContainText('Failed in Okta');
  await expect(panel.getByTestId('person-class')).toContainText('primaryPhone');
  await expect(panel.locator('.status-timeline')).toContainText('application.provision.user.push');

  panel = await status.open(name(leaver));
  await expect(panel.getByTestId('person-class')).toContainText('Deactivated');
  panel = await status.open(name(deleted));
  await expect(panel.getByTestId('person-class')).toContainText('Missing in ThreatLocker');
  await expect(panel.getByTestId('person-class')).toContainText('removed in ThreatLocker by hand');

  // The fix for the failed push: set primaryPhone (confirmed), the retry, then ThreatLocker is watched.
  panel = await status.open(name(noPhone!));
  await panel.getByLabel('primaryPhone').fill('+1 555 0199');
  await panel.getByRole('button', { name: 'Fix phone' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Set primaryPhone' }).click();
  const result = panel.locator('.status-action-result');
  await expect(result).toContainText('Fix primaryPhone: done', { timeout: 90_000 });
  await expect(result).toContainText('Found in ThreatLocker');
  await expect(status.root).toHaveAttribute('data-running', 'false', { timeout: 60_000 });
  await expect(panel.getByTestId('person-class')).toContainText('Provisioned and matching', { timeout: 30_000 });

  // Provision now for someone not assigned yet (Entra's provision on demand): every step shown.
  await panel.getByRole('button', { name: 'Close details' }).click();
  await status.root.getByLabel(/Provision someone now/).fill(newcomer!.profile.login);
  await status.root.getByRole('button', { name: 'Provision now' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Provision now' }).click();
  const provisioned = status.root.locator('.status-provision .status-action-result');
  await expect(provisioned).toContainText('Provision now: done', { timeout: 90_000 });
  await expect(provisioned).toContainText('Assigned to the app directly by the console');
  await expect(provisioned).toContainText('Found in ThreatLocker');
  await expect(status.root).toHaveAttribute('data-running', 'false', { timeout: 60_000 });
  panel = await status.open(name(newcomer!));
  await expect(panel.getByTestId('person-class')).toContainText('Provisioned and matching');
  await expect(panel.locator('.status-timeline')).toContainText('Assigned to the app directly by the console');
  await page.screenshot({ path: test.info().outputPath('status.png'), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  // The export: one row per person, formulas neutralised.
  const download = page.waitForEvent('download');
  await status.root.getByRole('searchbox').fill('');
  await status.root.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).path().then((p) => import('node:fs/promises').then((fs) => fs.readFile(p!, 'utf8')));
  expect(csv.split('\r\n')[0]).toBe('class,name,userName,okta,threatlocker,reason,source,fix,groups');
  expect(csv).toContain(newcomer!.profile.login);

  // No token crossed to the window while the status was read and acted on.
  const tokens = await Promise.all(['oktaApiToken', 'scimBearerToken'].map((k) => access.secret(k)));
  for (const frame of consoleHost.ipcFrames) for (const token of tokens) expect(frame).not.toContain(token);
});
