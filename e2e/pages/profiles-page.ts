import type { Locator, Page } from '@playwright/test';

export interface NewProfileFields {
  name: string;
  oktaDomain: string;
  instance: string;
  childOrganizationGuid?: string;
  scimApiUrl?: string;
}

/** The "Profiles" screen: list, empty hero, problems panel, and the create/rename/delete dialogs. */
export class ProfilesPage {
  readonly main: Locator;
  readonly list: Locator;
  readonly problems: Locator;
  readonly emptyState: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.main = page.locator('main[data-screen="profiles"]');
    this.list = this.main.getByRole('list', { name: 'Profiles' });
    this.problems = this.main.getByTestId('profile-problems');
    this.emptyState = this.main.getByTestId('empty-state');
    this.dialog = page.getByRole('dialog');
  }

  /** Waits until the list has loaded (data-state="ready"), whatever it holds. */
  async waitUntilReady(): Promise<void> {
    await this.page.locator('main[data-screen="profiles"][data-state="ready"]').waitFor();
  }

  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'All profiles' }).click();
    await this.waitUntilReady();
  }

  row(name: string): Locator {
    return this.list.getByRole('listitem', { name, exact: true });
  }

  profileNames(): Promise<string[]> {
    return this.list.getByRole('listitem').evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
  }

  /** "Try the sandbox": waits through the starting dialog until the sandbox profile is open. */
  async trySandbox(): Promise<void> {
    await this.main.getByRole('button', { name: 'Try the sandbox' }).click();
    await this.page.locator('main[data-screen="profile"][data-state="ready"]').waitFor({ timeout: 60_000 });
  }

  async openNewProfileDialog(): Promise<Locator> {
    await this.main.getByRole('button', { name: 'New profile' }).click();
    await this.dialog.getByRole('heading', { name: 'New profile' }).waitFor();
    return this.dialog;
  }

  async fillNewProfile(fields: NewProfileFields): Promise<void> {
    await this.dialog.getByLabel('Profile name').fill(fields.name);
    await this.dialog.getByLabel('Okta domain', { exact: true }).fill(fields.oktaDomain);
    await this.dialog.getByLabel('ThreatLocker instance').fill(fields.instance);
    if (fields.childOrganizationGuid !== undefined) await this.dialog.getByLabel('Child organization GUID').fill(fields.childOrganizationGuid);
    if (fields.scimApiUrl !== undefined) await this.dialog.getByLabel('SCIM API Url').fill(fields.scimApiUrl);
  }

  /** Creates a profile through the dialog; resolves once the new profile's screen is open. */
  async createProfile(fields: NewProfileFields): Promise<void> {
    await this.openNewProfileDialog();
    await this.fillNewProfile(fields);
    await this.dialog.getByRole('button', { name: 'Create profile' }).click();
    await this.page.locator('main[data-screen="profile"][data-state="ready"]').waitFor();
  }

  /** The inline error shown under a field of the open dialog (VALIDATION errors land here). */
  fieldError(label: string): Locator {
    return this.dialog.locator('.field', { has: this.page.getByLabel(label, { exact: true }) }).locator('.field-error');
  }

  async openProfile(name: string): Promise<void> {
    // The row's main button reads "Open <name> <Okta org> <instance> Updated …".
    await this.row(name).getByRole('button', { name: /^Open / }).click();
    await this.page.locator('main[data-screen="profile"][data-state="ready"]').waitFor();
  }

  async renameProfile(name: string, newName: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Rename', exact: true }).click();
    await this.dialog.getByLabel('Profile name').fill(newName);
    await this.dialog.getByRole('button', { name: 'Save name' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** Clicks "Delete profile" on the row and confirms; the dialog names the keychain secrets that go too. */
  async deleteProfile(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Delete profile', exact: true }).click();
    await this.dialog.getByRole('button', { name: 'Delete profile', exact: true }).click();
    await this.row(name).waitFor({ state: 'detached' });
  }

  /** Imports a profile JSON file; resolves once the imported profile's screen is open. */
  async importProfile(filePath: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.main.getByRole('button', { name: 'Import profile' }).click();
    await (await chooser).setFiles(filePath);
    await this.page.locator('main[data-screen="profile"][data-state="ready"]').waitFor();
  }

  /** Exports from the row; returns the download (suggestedFilename(), path()). */
  async exportProfile(name: string) {
    const download = this.page.waitForEvent('download');
    await this.row(name).getByRole('button', { name: 'Export profile', exact: true }).click();
    return download;
  }

  /** File names listed in the "couldn't be loaded" panel. */
  problemFiles(): Promise<string[]> {
    return this.problems.locator('.problem-file').allTextContents();
  }
}
