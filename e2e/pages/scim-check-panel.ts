import type { Locator, Page } from '@playwright/test';

export type CheckOutcome = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckRow {
  id: string;
  outcome: CheckOutcome;
  title: string;
}

/** The "Connection check" tab: run the SCIM checks, watch progress, read the report. */
export class ScimCheckPanel {
  readonly root: Locator;
  readonly results: Locator;
  readonly report: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('scim-check-panel');
    this.results = this.root.getByRole('list', { name: 'Check results' });
    this.report = this.root.getByTestId('scim-check-report');
  }

  /** Runs the read-only checks and waits for the run to finish (data-state done or error). */
  async runReadOnlyChecks(): Promise<void> {
    await this.root.getByRole('button', { name: 'Run read-only checks' }).click();
    await this.waitForRunToFinish();
  }

  /** Ticks "Also run write checks…", confirms the dialog, runs, waits. */
  async runWithWriteChecks(): Promise<void> {
    await this.enableWriteChecks();
    await this.root.getByRole('button', { name: 'Run read-only and write checks' }).click();
    await this.waitForRunToFinish();
  }

  async enableWriteChecks(): Promise<void> {
    await this.root.getByRole('checkbox', { name: /Also run write checks/ }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Enable write checks' }).click();
  }

  async waitForRunToFinish(timeout = 120_000): Promise<void> {
    await this.page
      .locator('[data-testid="scim-check-panel"][data-state="done"], [data-testid="scim-check-panel"][data-state="error"]')
      .waitFor({ timeout });
  }

  /** 'idle' | 'running' | 'done' | 'error'. */
  state(): Promise<string | null> {
    return this.root.getAttribute('data-state');
  }

  /** "12 passed, 0 warnings, 1 failed, 1 skipped" as numbers. */
  async summary(): Promise<Record<CheckOutcome, number>> {
    const read = async (outcome: CheckOutcome) =>
      Number((await this.report.locator(`.summary-${outcome} .summary-count`).textContent()) ?? 'NaN');
    return { pass: await read('pass'), warn: await read('warn'), fail: await read('fail'), skip: await read('skip') };
  }

  async rows(): Promise<CheckRow[]> {
    return this.results.locator('li.result').evaluateAll((items) =>
      items.map((item) => ({
        id: item.getAttribute('data-check-id') ?? '',
        outcome: (item.getAttribute('data-outcome') ?? '') as CheckOutcome,
        title: item.querySelector('.result-title')?.textContent?.trim() ?? '',
      })),
    );
  }

  row(checkId: string): Locator {
    return this.results.locator(`li[data-check-id="${checkId}"]`);
  }

  /** The error shown when the run itself could not start or finish (e.g. token missing). */
  runError(): Locator {
    return this.root.getByRole('alert');
  }

  async copyAsText(): Promise<void> {
    await this.report.getByRole('button', { name: 'Copy as text' }).click();
  }
}
