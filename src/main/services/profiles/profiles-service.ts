import { AppError } from '../../../shared/errors';
import {
  PROFILE_SCHEMA_VERSION,
  type NewProfileInput,
  type Profile,
  type ProfileDetailsPatch,
} from '../../../shared/profile';
import type { SecretStore } from '../secrets/secret-store';
import { markSetupStale, staleReasonForDetails } from '../setup/stale-results';
import { checkProfile, type ProfileStore } from './profile-store';

export interface UrlRules {
  /** Turns what the admin typed into the org's https origin, or throws a clear AppError. */
  normalizeOktaOrgUrl(input: string): string;
  /** Throws a clear AppError when the SCIM API Url is not an https (or allowed loopback) URL. */
  checkScimUrl(url: string): void;
  /** Allows the org's own custom domain (login.acme.com) for Okta calls, or throws VALIDATION. */
  allowCustomOktaDomain(hostOrUrl: string): void;
}

/** Profile lifecycle: the rules around the store (validation, secrets clean-up, import/export). */
export class ProfilesService {
  constructor(
    private readonly store: ProfileStore,
    private readonly secrets: SecretStore,
    private readonly urls: UrlRules,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list() {
    return this.store.list();
  }

  get(id: string) {
    return this.store.get(id);
  }

  async create(input: NewProfileInput, extra: Partial<Pick<Profile, 'sandbox'>> & { portalApiUrl?: string } = {}): Promise<Profile> {
    if (input.oktaCustomDomain) this.urls.allowCustomOktaDomain(input.oktaOrgUrl);
    const orgUrl = this.urls.normalizeOktaOrgUrl(input.oktaOrgUrl);
    if (input.scimUrl) this.urls.checkScimUrl(input.scimUrl);
    const stamp = this.now().toISOString();
    const threatlocker: Profile['threatlocker'] = { instance: input.instance };
    if (input.managedOrganizationId) threatlocker.managedOrganizationId = input.managedOrganizationId;
    if (input.scimUrl) threatlocker.scimUrl = input.scimUrl;
    if (extra.portalApiUrl) threatlocker.portalApiUrl = extra.portalApiUrl;
    return this.store.save({
      schemaVersion: PROFILE_SCHEMA_VERSION,
      id: this.store.newId(),
      name: input.name,
      createdAt: stamp,
      updatedAt: stamp,
      sandbox: extra.sandbox ?? false,
      okta: { orgUrl, customDomain: input.oktaCustomDomain ?? false },
      threatlocker,
      secretsMeta: {},
      setup: { steps: {} },
      mappings: [],
    });
  }

  /** Changes connection details; every value is checked before anything is written. */
  async updateDetails(id: string, patch: ProfileDetailsPatch): Promise<Profile> {
    const current = await this.store.get(id);
    // An omitted field keeps its value, the custom-domain flag included.
    const customDomain = patch.oktaCustomDomain ?? current.okta.customDomain;
    const orgInput = patch.oktaOrgUrl ?? current.okta.orgUrl;
    if (customDomain) this.urls.allowCustomOktaDomain(orgInput);
    const orgUrl = this.urls.normalizeOktaOrgUrl(orgInput);
    if (patch.scimUrl) this.urls.checkScimUrl(patch.scimUrl);
    return this.store.update(id, (p) => {
      const threatlocker = { ...p.threatlocker };
      if (patch.instance !== undefined) threatlocker.instance = patch.instance;
      assignOptional(threatlocker, 'managedOrganizationId', patch.managedOrganizationId);
      assignOptional(threatlocker, 'managedOrganizationName', patch.managedOrganizationName);
      assignOptional(threatlocker, 'scimUrl', patch.scimUrl);
      const next = { ...p, okta: { orgUrl, customDomain }, threatlocker };
      const reason = staleReasonForDetails(p, next);
      return reason ? markSetupStale(next, reason, this.now().toISOString()) : next;
    });
  }


  rename(id: string, name: string) {
    return this.store.update(id, (p) => ({ ...p, name }));
  }

  /** Deletes the profile's keychain entries first: a profile file without secrets is harmless, the reverse is not. */
  async delete(id: string): Promise<void> {
    await this.secrets.deleteAll(id);
    await this.store.delete(id);
  }

  /** The profile as a portable file: settings, setup state and mappings, never a secret. */
  async export(id: string): Promise<{ fileName: string; content: string }> {
    const profile = await this.store.get(id);
    const { secretsMeta: _omit, ...portable } = profile;
    const slug = profile.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'profile';
    return { fileName: `${slug}.tlprofile.json`, content: `${JSON.stringify(portable, null, 2)}\n` };
  }

  async import(fileName: string, content: string): Promise<Profile> {
    let raw: unknown;
    try {
      raw = JSON.parse(content);
    } catch {
      throw new AppError('VALIDATION', `${fileName} is not a profile file (not valid JSON).`, {
        hint: 'Choose a file made with "Export profile".',
      });
    }
    // An exported file carries no secretsMeta; the schema defaults it.
    const check = checkProfile(raw);
    if (!check.ok) throw new AppError(check.code, `${fileName} ${check.reason}`);
    const existing = await this.store.list();
    const incoming = check.profile;
    const idTaken = existing.profiles.some((p) => p.id === incoming.id);
    const nameTaken = existing.profiles.some((p) => p.name === incoming.name);
    if (incoming.okta.customDomain) this.urls.allowCustomOktaDomain(incoming.okta.orgUrl);
    this.urls.normalizeOktaOrgUrl(incoming.okta.orgUrl);
    return this.store.save({
      ...incoming,
      id: idTaken ? this.store.newId() : incoming.id,
      name: nameTaken ? `${incoming.name} (imported)` : incoming.name,
      // Secrets never travel in a profile file, so none is present after an import.
      secretsMeta: {},
    });
  }
}

/** undefined leaves a field as it is, null removes it, a value sets it. */
function assignOptional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | null | undefined): void {
  if (value === null) delete target[key];
  else if (value !== undefined) target[key] = value;
}
