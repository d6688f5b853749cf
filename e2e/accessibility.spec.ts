import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ProfilePage } from './pages/profile-page';
import { ProfilesPage } from './pages/profiles-page';
import { SetupPage, stepIds } from './pages/setup-page';

/** The axe rules' findings a screen-reader or low-vision user would hit ("serious" or "critical"). */
async function seriousViolations(page: Page): Promise<string[]> {
  // Let transitions finish: axe reads colours mid-fade otherwise.
  await page.waitForTimeout(250);
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze(); // legacy: the fixture page has no own context (no iframes here)
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}  ${n.failureSummary?.split('\n').slice(1, 2).join(' ') ?? ''}`).join('\n')}`);
}

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
