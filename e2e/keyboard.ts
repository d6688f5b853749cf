import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Moves the focus to `target` the way a keyboard user does: Tab (or Shift+Tab) one stop at a time,
 * failing when it is not reached within `maxStops`, so a control out of the tab order fails the test.
 */
export async function tabTo(page: Page, target: Locator, { back = false, maxStops = 120 } = {}): Promise<void> {
  for (let stop = 0; stop < maxStops; stop++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reached with ${maxStops} presses of ${back ? 'Shift+Tab' : 'Tab'}`).toBeFocused({ timeout: 1 });
}
