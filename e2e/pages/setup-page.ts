import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { setupStepIds, type SetupStepId, type StepView } from '../../src/shared/setup';

export type { SetupStepId };

export type StepStatus = StepView['status'];

/** Step ids in the wizard's order: step n is stepIds[n - 1]. */
export const stepIds: readonly SetupStepId[] = setupStepIds;

export interface CreateAppInput {
  appLabel?: string;
  defaultRelayState?: string;
  hideTile?: boolean;
}

export interface SummaryRow {
  setting: string;
  value: string;
  how: string;
  verification: string;
  at: string;
}

/**
 * The profile's Setup tab: a stepper (nav "Setup steps", one button "<n>. <title> <status>" per
 * step plus "Summary …") and the selected step's panel (section[data-testid="setup-step"] with
 * data-step-id, data-status and data-running while it runs).
 */
export class SetupPage {
  readonly root: Locator;
  readonly nav: Locator;
  readonly panel: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('setup-wizard');
    this.nav = this.root.getByRole('navigation', { name: 'Setup steps' });
    this.panel = this.root.getByTestId('setup-step');
    this.summary = this.root.getByTestId('setup-summary');
  }

  /** Clicks the profile's Setup tab and waits for the steps to load. */
  async open(): Promise<void> {
    await this.page.locator('main[data-screen="profile"]').getByRole('tab', { name: /^Setup/ }).click();
    await this.waitUntilReady();
  }

  async waitUntilReady(timeout = 30_000): Promise<void> {
    await this.page.locator('[data-testid="setup-wizard"][data-state="ready"]').waitFor({ timeout });
  }

  /** 'idle' | 'loading' | 'ready' | 'error'. */
  state(): Promise<string | null> {
    return this.root.getAttribute('data-state');
  }

  static idOf(step: number | SetupStepId): SetupStepId {
    if (typeof step === 'string') return step;
    const id = stepIds[step - 1];
    if (!id) throw new Error(`There is no step ${step}`);
    return id;
  }

  /** The stepper button of a step (accessible name "<n>. <title> <status>"). */
  stepButton(step: number | SetupStepId): Locator {
    return this.nav.locator(`button[data-step-id="${SetupPage.idOf(step)}"]`);
  }

  /** The step the wizard opened on or shows now ('summary' for the summary). */
  async currentStep(): Promise<string | null> {
    return this.nav.locator('button[aria-current="step"]').getAttribute('data-step-id');
  }

  async selectStep(step: number | SetupStepId): Promise<Locator> {
    const id = SetupPage.idOf(step);
    await this.stepButton(id).click();
    const panel = this.stepPanel(id);
    await panel.waitFor();
    return panel;
  }

  stepPanel(step: number | SetupStepId): Locator {
    return this.root.locator(`section[data-testid="setup-step"][data-step-id="${SetupPage.idOf(step)}"]`);
  }

  /** The status the step's stepper entry shows (works whichever step is open). */
  async status(step: number | SetupStepId): Promise<StepStatus> {
    const item = this.nav.locator(`li:has(> button[data-step-id="${SetupPage.idOf(step)}"])`);
    return (await item.getAttribute('data-status')) as StepStatus;
  }

  async waitForStatus(step: number | SetupStepId, status: StepStatus | StepStatus[], timeout = 120_000): Promise<void> {
    const id = SetupPage.idOf(step);
    const wanted = Array.isArray(status) ? status : [status];
    const selector = wanted.map((s) => `[data-testid="setup-wizard"] nav li[data-status="${s}"] > button[data-step-id="${id}"]`).join(', ');
    await this.waitForIdle(timeout);
    await this.page.locator(selector).waitFor({ timeout });
  }

  /** Waits until no step is running. */
  async waitForIdle(timeout = 120_000): Promise<void> {
    await this.page.locator('[data-testid="setup-wizard"][data-state="ready"]:not([data-running])').waitFor({ timeout });
  }

  /** How many runs/plays have finished (ok or failed) since the wizard loaded this profile. */
  async finishedRuns(): Promise<number> {
    return Number((await this.root.getAttribute('data-finished-runs')) ?? '0');
  }

  /** Does `action` (a click that starts a run or a play) and waits until that run has finished. */
  async whileRunning(action: () => Promise<void>, timeout = 180_000): Promise<void> {
    const before = await this.finishedRuns();
    await action();
    await this.page.locator(`[data-testid="setup-wizard"][data-finished-runs="${before + 1}"]:not([data-running])`).waitFor({ timeout });
  }

  /** The primary button: "Run step", "Verify" or "Re-run". */
  primaryButton(step?: number | SetupStepId): Locator {
    const panel = step === undefined ? this.panel : this.stepPanel(step);
    return panel.getByRole('button', { name: /^(Run step|Verify|Re-run)$/ });
  }

  /**
   * Opens the step (when given), fills what it takes and presses its primary button, then waits
   * for the run to end. Resolves with the status the step settled on.
   */
  async run(step?: number | SetupStepId, input: { createApp?: CreateAppInput } = {}): Promise<StepStatus> {
    if (step !== undefined) await this.selectStep(step);
    const panel = this.panel;
    const id = (await panel.getAttribute('data-step-id')) as SetupStepId;
    if (input.createApp) await this.fillCreateApp(input.createApp);
    await this.whileRunning(() => this.primaryButton().click());
    return this.status(id);
  }

  async fillCreateApp(input: CreateAppInput): Promise<void> {
    if (input.appLabel !== undefined) await this.panel.getByLabel('App label').fill(input.appLabel);
    if (input.defaultRelayState !== undefined) await this.panel.getByLabel('Default RelayState').fill(input.defaultRelayState);
    if (input.hideTile !== undefined) await this.panel.getByRole('checkbox', { name: /Hide the app tile from users/ }).setChecked(input.hideTile);
  }

  /** "Play this step in the sandbox" on the open (or given) step; waits for the play to end. */
  async playInSandbox(step?: number | SetupStepId): Promise<StepStatus> {
    if (step !== undefined) await this.selectStep(step);
    const id = (await this.panel.getAttribute('data-step-id')) as SetupStepId;
    await this.whileRunning(() => this.panel.getByRole('button', { name: 'Play this step in the sandbox' }).click());
    return this.status(id);
  }

  /** Ticks every checklist box of the open step (they are sent with the next Verify). */
  async confirmChecklist(): Promise<void> {
    const boxes = this.panel.locator('input[data-checklist-id]');
    for (const box of await boxes.all()) await box.check();
  }

  /** push-groups: searches each name ("By name") and ticks the group of exactly that name. */
  async searchAndPickGroups(names: string[]): Promise<void> {
    const picker = this.panel.getByTestId('group-picker');
    await picker.getByRole('radio', { name: 'By name' }).check();
    const search = picker.getByRole('searchbox', { name: 'Search Okta groups by name' });
    const results = picker.getByRole('list', { name: 'Okta groups' });
    for (const name of names) {
      await search.fill(name);
      const option = results.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(name)}\\b`) }).first();
      await option.waitFor();
      await option.check();
      await picker.getByRole('list', { name: 'Selected groups' }).getByText(name, { exact: true }).waitFor();
    }
  }

  /** push-groups: "By group rule", ticks the named rule (selects its target groups). */
  async pickGroupRule(ruleName: string): Promise<void> {
    const picker = this.panel.getByTestId('group-picker');
    await picker.getByRole('radio', { name: 'By group rule' }).check();
    await picker.getByRole('list', { name: 'Group rules' }).getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(ruleName)}`) }).check();
  }

  /** The chips under the picker. */
  async selectedGroups(): Promise<string[]> {
    const list = this.panel.getByRole('list', { name: 'Selected groups' });
    if ((await list.count()) === 0) return [];
    return (await list.locator('li').allTextContents()).map((t) => t.trim());
  }

  /**
   * primary-phone: selects the users (all when `logins` is omitted), picks the source, confirms
   * "Update N users in Okta?" and waits for the run to end.
   */
  async fillPhones(options: { logins?: string[]; attribute?: string; value?: string } = {}): Promise<StepStatus> {
    const fill = this.panel.getByTestId('phone-fill');
    const table = fill.getByRole('table', { name: 'Users without primaryPhone' });
    const selectAll = table.getByRole('checkbox', { name: 'Select all users' });
    if (options.logins) {
      await selectAll.check();
      await selectAll.uncheck();
      for (const login of options.logins) await table.getByRole('checkbox', { name: `Select ${login}`, exact: true }).check();
    } else {
      await selectAll.check();
    }
    if (options.value !== undefined) {
      await fill.getByRole('radio', { name: 'Use this value' }).check();
      await fill.getByRole('textbox', { name: 'Phone value' }).fill(options.value);
    } else {
      await fill.getByRole('radio', { name: 'Copy from profile attribute' }).check();
      await fill.getByRole('combobox', { name: 'Profile attribute' }).fill(options.attribute ?? 'mobilePhone');
    }
    await fill.getByRole('button', { name: /^Fill primaryPhone for/ }).click();
    await this.whileRunning(() => this.page.getByRole('dialog').getByRole('button', { name: /^Update \d+ users?$/ }).click());
    return this.status('primary-phone');
  }

  /** group-mapping: picks a role per pushed group ({ "TL Admins": "Full Access" }) and saves. */
  async mapGroups(roles: Record<string, string>): Promise<void> {
    const editor = this.panel.getByTestId('mapping-editor');
    const loadRoles = editor.getByRole('button', { name: 'Load ThreatLocker roles' });
    if (await loadRoles.isVisible()) await this.whileRunning(() => loadRoles.click());
    for (const [group, role] of Object.entries(roles)) {
      const control = editor.getByLabel(`Role for ${group}`, { exact: true });
      const tag = await control.evaluate((el) => el.tagName);
      if (tag === 'SELECT') await control.selectOption({ label: role });
      else await control.fill(role);
    }
    await this.whileRunning(() => editor.getByRole('button', { name: 'Save mappings' }).click());
  }

  /** Message from the inline "The step couldn't run" error, if shown. */
  runError(): Locator {
    return this.panel.getByTestId('step-error');
  }

  /** The findings of the open step as {label, outcome}. */
  async findings(): Promise<{ label: string; outcome: string }[]> {
    return this.panel.locator('ul[aria-label="Verification results"] > li').evaluateAll((items) =>
      items.map((li) => ({ label: li.querySelector('.wizard-finding-label')?.textContent?.trim() ?? '', outcome: li.getAttribute('data-outcome') ?? '' })),
    );
  }

  /** The Copy button of a value row ("Copy <label>"). */
  copyButton(label: string): Locator {
    return this.panel.getByRole('button', { name: `Copy ${label}`, exact: true });
  }

  async showSummary(): Promise<void> {
    await this.nav.getByRole('button', { name: /^Summary\b/ }).click();
    await this.summary.waitFor();
  }

  async summaryRows(): Promise<SummaryRow[]> {
    if (!(await this.summary.isVisible())) await this.showSummary();
    return this.summary.getByTestId('summary-row').evaluateAll((trs) =>
      trs.map((tr) => {
        const text = (selector: string) => tr.querySelector(selector)?.textContent?.trim() ?? '';
        const cells = Array.from(tr.querySelectorAll('td'), (c) => c.textContent?.trim() ?? '');
        return {
          setting: text('.wizard-summary-setting'),
          value: text('.wizard-summary-value'),
          how: tr.getAttribute('data-how') ?? cells[0] ?? '',
          verification: tr.getAttribute('data-verification') ?? '',
          at: cells[2] ?? '',
        };
      }),
    );
  }

  /** "Export report" in the summary header: waits for the download and reads the saved file. */
  async exportReport(): Promise<{ fileName: string; content: string }> {
    if (!(await this.summary.isVisible())) await this.showSummary();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.summary.getByRole('button', { name: 'Export report', exact: true }).click(),
    ]);
    return { fileName: download.suggestedFilename(), content: await readFile(await download.path(), 'utf8') };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
