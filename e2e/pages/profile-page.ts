import type { Locator, Page } from '@playwright/test';
import { CredentialsPanel } from './credentials-panel';
import { ScimCheckPanel } from './scim-check-panel';

export type ProfileTabName = 'Credentials' | 'Connection check' | 'Setup' | 'Status';

/** One profile's screen: header (name, Okta org, instance), tabs, export/delete. */
export class ProfilePage {
  readonly main: Locator;
  readonly title: Locator;
  readonly credentials: CredentialsPanel;
  readonly scimCheck: ScimCheckPanel;

  constructor(readonly page: Page) {
    this.main = page.locator('main[data-screen="profile"]');
    this.title = this.main.getByRole('heading', { level: 1 });
    this.credentials = new CredentialsPanel(page);
    this.scimCheck = new ScimCheckPanel(page);
  }

  async waitUntilReady(): Promise<void> {
    await this.page.locator('main[data-screen="profile"][data-state="ready"]').waitFor();
  }

  async name(): Promise<string> {
    return (await this.title.textContent())?.trim() ?? '';
  }

  /** The "Sandbox" badge next to the name (also shown in the sidebar for the active profile). */
  sandboxBadge(): Locator {
    return this.main.locator('.profile-title-row .badge-sandbox');
  }

  async openTab(tab: ProfileTabName): Promise<void> {
    await this.main.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  }

  async rename(newName: string): Promise<void> {
    await this.main.getByRole('button', { name: 'Rename', exact: true }).click();
    await this.main.getByLabel('Profile name').fill(newName);
    await this.main.getByRole('button', { name: 'Save name' }).click();
    await this.title.filter({ hasText: newName }).waitFor();
  }

  async exportProfile() {
    const download = this.page.waitForEvent('download');
    await this.main.getByRole('button', { name: 'Export profile' }).click();
    return download;
  }

  async deleteProfile(): Promise<void> {
    await this.main.getByRole('button', { name: 'Delete profile' }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Delete profile' }).click();
    await this.page.locator('main[data-screen="profiles"][data-state="ready"]').waitFor();
  }

  async backToProfiles(): Promise<void> {
    await this.main.getByRole('button', { name: 'All profiles' }).click();
    await this.page.locator('main[data-screen="profiles"][data-state="ready"]').waitFor();
  }
}
