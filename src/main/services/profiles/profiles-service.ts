import { AppError } from '../../../shared/errors';
import {
  PROFILE_SCHEMA_VERSION,
  type NewProfileInput,
  type Profile,
  type ProfileDetailsPatch,
  type StoredSecretKind,
} from '../../../shared/profile';
import { portalApiBaseFor } from '../threatlocker/threatlocker-urls';
import type { SecretStore } from '../secrets/secret-store';
import { markSetupStale, staleReasonForDetails } from './stale-results';
import { checkProfile, checkProfileText, type ProfileStore } from './profile-store';

export interface UrlRules {
  /** Turns what the admin typed into the org's https origin, or throws a clear AppError; a custom domain is checked, not yet allowed. */
  normalizeOktaOrgUrl(input: string, customDomain?: boolean): string;
  /** Throws a clear AppError when the SCIM API Url is not an https (or allowed loopback) URL. */
  checkScimUrl(url: string): void;
  /** Throws unless the portal API address is a ThreatLocker host (or the sandbox's). */
  checkPortalApiUrl(url: string): void;
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
    const orgUrl = this.urls.normalizeOktaOrgUrl(input.oktaOrgUrl, input.oktaCustomDomain ?? false);
    if (input.scimUrl) this.urls.checkScimUrl(input.scimUrl);
    if (extra.portalApiUrl) this.urls.checkPortalApiUrl(extra.portalApiUrl);
    const stamp = this.now().toISOString();
    const threatlocker: Profile['threatlocker'] = { instance: input.instance };
    if (input.managedOrganizationId) threatlocker.managedOrganizationId = input.managedOrganizationId;
    if (input.scimUrl) threatlocker.scimUrl = input.scimUrl;
    if (extra.portalApiUrl) threatlocker.portalApiUrl = extra.portalApiUrl;
    const saved = await this.store.save({
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
    this.allowCustomDomainOf(saved);
    return saved;
  }

  /** The app-wide allowlist learns a custom domain only from a saved profile: a refused one adds nothing. */
  private allowCustomDomainOf(profile: Profile): void {
    if (profile.okta.customDomain) this.urls.allowCustomOktaDomain(profile.okta.orgUrl);
  }

  /** Changes connection details; every value is checked before anything is written. */
  async updateDetails(id: string, patch: ProfileDetailsPatch): Promise<Profile> {
    const current = await this.store.get(id);
    // An omitted field keeps its value, the custom-domain flag included.
    const customDomain = patch.oktaCustomDomain ?? current.okta.customDomain;
    const orgInput = patch.oktaOrgUrl ?? current.okta.orgUrl;
    const orgUrl = this.urls.normalizeOktaOrgUrl(orgInput, customDomain);
    if (patch.scimUrl) this.urls.checkScimUrl(patch.scimUrl);
    const okta = { orgUrl, customDomain };
    // A token is bound to where it was saved for: a new destination must not receive the old one.
    const moved = secretsMovedAway(current, { ...current, okta, threatlocker: patchThreatLocker(current.threatlocker, patch) });
    for (const kind of moved) await this.secrets.delete(id, kind);
    const updated = await this.store.update(id, (p) => {
      const secretsMeta = { ...p.secretsMeta };
      // The sign-in entries have no meta (the console manages them); deleting their key is a no-op.
      for (const kind of moved) delete secretsMeta[kind as keyof typeof secretsMeta];
      const next = { ...p, okta, threatlocker: patchThreatLocker(p.threatlocker, patch), secretsMeta };
      const reason = staleReasonForDetails(p, next);
      return reason ? markSetupStale(next, reason, this.now().toISOString()) : next;
    });
    this.allowCustomDomainOf(updated);
    return updated;
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

  /**
   * Adds a profile from an exported file. The file is untrusted: its addresses pass the same rules
   * as typed ones, it never becomes a sandbox profile (which may call loopback servers), and it
   * gets a fresh id, so no keychain entry left under an old id can follow it anywhere.
   */
  async import(fileName: string, content: string): Promise<Profile> {
    const limit = checkProfileText(content);
    if (limit) throw new AppError('VALIDATION', `${fileName} ${limit}`, { hint: 'Choose a file made with "Export profile".' });
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
    const incoming = check.profile;
    const orgUrl = this.urls.normalizeOktaOrgUrl(incoming.okta.orgUrl, incoming.okta.customDomain);
    if (incoming.threatlocker.scimUrl) this.urls.checkScimUrl(incoming.threatlocker.scimUrl);
    if (incoming.threatlocker.portalApiUrl) this.urls.checkPortalApiUrl(incoming.threatlocker.portalApiUrl);
    const existing = await this.store.list();
    const saved = await this.store.save({
      ...incoming,
      id: this.store.newId(),
      name: distinctName(incoming.name, new Set(existing.profiles.map((p) => p.name))),
      sandbox: false,
      okta: { ...incoming.okta, orgUrl },
      // Secrets never travel in a profile file, so none is present after an import.
      secretsMeta: {},
    });
    this.allowCustomDomainOf(saved);
    return saved;
  }
}

/** "Acme", then "Acme (imported)", "Acme (imported 2)", ...: every import is told apart in the list. */
function distinctName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (imported)' : ` (imported ${n})`;
    const candidate = `${name.slice(0, 120 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function patchThreatLocker(current: Profile['threatlocker'], patch: ProfileDetailsPatch): Profile['threatlocker'] {
  const threatlocker = { ...current };
  if (patch.instance !== undefined) threatlocker.instance = patch.instance;
  assignOptional(threatlocker, 'managedOrganizationId', patch.managedOrganizationId);
  assignOptional(threatlocker, 'managedOrganizationName', patch.managedOrganizationName);
  assignOptional(threatlocker, 'scimUrl', patch.scimUrl);
  return threatlocker;
}

/**
 * The secrets whose destination changed: the Okta API token and the Okta sign-in (its access and
 * refresh tokens were issued by that org, so they must not be sent to another) when the org
 * origin changes (a custom domain included), the portal
 * token when the portal API host changes (it follows the instance), the SCIM token when the SCIM
 * API Url moves to another origin. Setting an address for the first time moves nothing.
 */
export function secretsMovedAway(before: Profile, after: Profile): StoredSecretKind[] {
  const moved: StoredSecretKind[] = [];
  if (originOf(before.okta.orgUrl) !== originOf(after.okta.orgUrl)) moved.push('oktaApiToken', 'oktaOAuthAccessToken', 'oktaOAuthSession');
  const portal = (p: Profile) => p.threatlocker.portalApiUrl ?? portalApiBaseFor(p.threatlocker.instance);
  if (originOf(portal(before)) !== originOf(portal(after))) moved.push('threatlockerPortalToken');
  const scimBefore = before.threatlocker.scimUrl;
  if (scimBefore !== undefined && originOf(scimBefore) !== originOf(after.threatlocker.scimUrl)) moved.push('scimBearerToken');
  return moved;
}

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** undefined leaves a field as it is, null removes it, a value sets it. */
function assignOptional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | null | undefined): void {
  if (value === null) delete target[key];
  else if (value !== undefined) target[key] = value;
}
