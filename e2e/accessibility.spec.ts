import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { ProfilePage } from './pages/profile-page';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage, stepIds } from './pages/setup-page';

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation on the profiles list, the three tabs and each of the eleven steps (${scheme})`, async ({ consoleHost }) => {
    test.setTimeout(180_000);
    const { page } = consoleHost;
    await page.emulateMedia({ colorScheme: scheme });
    const profiles = new ProfilesPage(page);
    const profile = new ProfilePage(page);
    const setup = new SetupPage(page);
    const found: Record<string, string[]> = {};
    const check = async (screen: string) => {
      const violations = await seriousViolations(page);
      if (violations.length) found[screen] = violations;
    };

    await profiles.waitUntilReady();
    await check('first screen');
    await profiles.trySandbox();
    await profiles.goto();
    await check('profiles list');
    await profiles.openProfile((await profiles.profileNames())[0]!);

    await profile.openTab('Credentials');
    await profile.credentials.waitUntilReady();
    await check('Credentials tab');
    await profile.openTab('Connection check');
    await check('Connection check tab');
    await setup.open();
    await check('Setup tab');
    for (const id of stepIds) {
      await setup.selectStep(id);
      await check(`step ${stepIds.indexOf(id) + 1} (${id})`);
    }
    await setup.showSummary();
    await check('summary');

    expect(Object.entries(found).map(([screen, v]) => `${screen}:\n  ${v.join('\n  ')}`).join('\n\n')).toBe('');
  });
}
