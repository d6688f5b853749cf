import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The axe rules' findings a screen-reader or low-vision user would hit ("serious" or "critical"). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Let transitions finish: axe reads colours mid-fade otherwise.
  await page.waitForTimeout(250);
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze(); // legacy: the fixture page has no own context (no iframes here)
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}  ${n.failureSummary?.split('\n').slice(1, 2).join(' ') ?? ''}`).join('\n')}`);
}
