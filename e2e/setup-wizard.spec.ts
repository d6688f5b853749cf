import { escapeHtml } from '../src/main/services/reports/setup-report';
import { expect, test } from './fixtures';
import { ProfilePage } from './pages/profile-page';
import { ProfilesPage } from './pages/profiles-page';
import { completeEveryStep, PUSHED } from './flows/complete-setup';
import { sandboxAccess } from './flows/sandbox-access';
import { SetupPage, stepIds } from './pages/setup-page';

test('a new admin completes the whole setup in the sandbox, every setting verified, and ThreatLocker holds the pushed admins', async ({ consoleHost }) => {
  test.setTimeout(240_000);
  const { page } = consoleHost;
  const profiles = new ProfilesPage(page);
  const profile = new ProfilePage(page);
  const setup = new SetupPage(page);
  await profiles.waitUntilReady();
  await profiles.trySandbox();
  await setup.open();
  await setup.waitUntilReady();

  await completeEveryStep(setup);
  for (const id of stepIds) expect(await setup.status(id), id).toBe('verified');

  const rows = await setup.summaryRows();
  expect(rows.length).toBeGreaterThan(20);
  for (const row of rows) expect(['read-back', 'probed', 'confirmed', 'sandbox', 'not-verifiable'], `${row.setting}: ${row.verification}`).toContain(row.verification);
  expect(rows.find((r) => /Audience/i.test(r.setting))?.value).toBe('https://threatlocker.com');

  // ThreatLocker holds every active member of the pushed groups, as an administrator.
  const access = await sandboxAccess(consoleHost.dataDir);
  await expect
    .poll(async () => {
      const provisioned = new Set(await access.scimUsers());
      const expected: string[] = [];
      for (const name of PUSHED) {
        const [group] = await access.okta<{ id: string }[]>(`/api/v1/groups?q=${encodeURIComponent(name)}`);
        const members = await access.okta<{ status: string; profile: { email: string } }[]>(`/api/v1/groups/${group!.id}/users?limit=200`);
        expected.push(...members.filter((m) => m.status === 'ACTIVE').map((m) => m.profile.email.toLowerCase()));
      }
      return expected.length > 0 && expected.every((e) => provisioned.has(e));
    }, { timeout: 30_000 })
    .toBe(true);

  // Running the wizard a second time creates nothing new.
  const before = {
    apps: (await access.okta<{ label: string; status: string }[]>('/api/v1/apps?q=ThreatLocker')).filter((a) => a.status !== 'DELETED').length,
    users: (await access.scimUsers()).length,
  };
  const appId = (await access.okta<{ id: string; label: string }[]>('/api/v1/apps?q=ThreatLocker')).find((a) => a.label === 'ThreatLocker')!.id;
  const mappingsBefore = (await access.okta<unknown[]>(`/api/v1/apps/${appId}/group-push/mappings`)).length;
  await profile.openTab('Credentials');
  await profile.openTab('Setup');
  await setup.waitUntilReady();
  for (const id of stepIds) await setup.run(id);
  for (const id of stepIds) expect(await setup.status(id), id).toBe('verified');
  expect((await access.okta<{ status: string }[]>('/api/v1/apps?q=ThreatLocker')).filter((a) => a.status !== 'DELETED').length).toBe(before.apps);
  expect(before.apps).toBe(1);
  expect((await access.scimUsers()).length).toBe(before.users);
  expect((await access.okta<unknown[]>(`/api/v1/apps/${appId}/group-push/mappings`)).length).toBe(mappingsBefore);

  // The whole wizard ran without a token crossing to the window: no IPC response carried one.
  const tokens = await Promise.all(['oktaApiToken', 'threatlockerPortalToken', 'scimBearerToken'].map((k) => access.secret(k)));
  for (const frame of consoleHost.ipcFrames) for (const token of tokens) expect(frame).not.toContain(token);

  // The report an MSP hands to its client: the profile, the settings as verified, and no token.
  const report = await setup.exportReport();
  expect(report.fileName).toMatch(/-setup-report-\d{4}-\d{2}-\d{2}\.html$/);
  expect(report.content).toContain(escapeHtml(access.profile.name));
  expect(report.content).toContain('https://threatlocker.com');
  for (const token of tokens) expect(report.content).not.toContain(token);
});
