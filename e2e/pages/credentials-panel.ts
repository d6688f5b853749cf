import type { Locator, Page } from '@playwright/test';

/** Token labels as shown on the cards (secretLabels in src/shared/profile.ts). */
export type SecretLabel = 'Okta API token' | 'ThreatLocker portal API token' | 'ThreatLocker SCIM bearer token';

/**
 * The Credentials tab: one <section aria-label="<label>"> per token. Note the section and its
 * password input share the label, so always scope to the card first (as here); a page-wide
 * getByLabel('Okta API token') matches both.
 */
export class CredentialsPanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('credentials-panel');
  }

  async waitUntilReady(): Promise<void> {
    await this.page.locator('[data-testid="credentials-panel"][data-state="ready"]').waitFor();
  }

  card(label: SecretLabel): Locator {
    return this.root.getByRole('region', { name: label, exact: true });
  }

  input(label: SecretLabel): Locator {
    return this.card(label).getByLabel(label, { exact: true });
  }

  /** Fills the password field and presses Save (or Replace); resolves once the card shows "Saved". */
  async saveSecret(label: SecretLabel, value: string): Promise<void> {
    const card = this.card(label);
    await this.input(label).fill(value);
    await card.getByRole('button', { name: /^(Save|Replace)$/ }).click();
    await this.page.locator(`[data-testid="credentials-panel"] section[aria-label="${label}"][data-state="saved"]`).waitFor();
  }

  /** "Saved ••••abcd · saved just now" or "Not set". */
  async secretStatus(label: SecretLabel): Promise<string> {
    return ((await this.card(label).getByTestId('secret-status').textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** 'saved' | 'missing' | 'loading'. */
  async secretState(label: SecretLabel): Promise<string | null> {
    return this.card(label).getAttribute('data-state');
  }

  async deleteSecret(label: SecretLabel): Promise<void> {
    await this.card(label).getByRole('button', { name: 'Delete', exact: true }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Delete token' }).click();
    await this.page.locator(`[data-testid="credentials-panel"] section[aria-label="${label}"][data-state="missing"]`).waitFor();
  }

  /** Presses Copy; resolves with the "Copied — the clipboard clears in 60 s" message. */
  async copySecret(label: SecretLabel): Promise<string> {
    const card = this.card(label);
    await card.getByRole('button', { name: 'Copy', exact: true }).click();
    const message = card.locator('.secret-copied');
    await message.filter({ hasText: 'Copied' }).waitFor();
    return ((await message.textContent()) ?? '').trim();
  }

  /** The inline error under the card's input (e.g. "Paste the token first."). */
  error(label: SecretLabel): Locator {
    return this.card(label).locator('.field-error');
  }
}
