/**
 * Everything one ThreatLocker simulator remembers, and the portal-UI-only actions (generate the
 * SCIM token, flip Enabled, edit the Group Mapping tab, Allow SSO, the SAML integration) that the
 * demo plays through the sandbox controls. No HTTP here.
 */
import { mulberry32 } from '../seeded-random';
import { ScimStore, type StoredUser } from './scim-store';
import { guid, token, type TlOrganization, type TlSeed, type TlUserRole } from './tl-seed';

export interface GroupMappingRow {
  /** An "Identity Provider Group": the displayName of a group the IdP pushed over SCIM. */
  groupDisplayName: string;
  /** A ThreatLocker user role id (userRoleId) of one of the organizations. */
  roleId: string;
}

export interface SamlIntegration {
  /** The IdP's SSO endpoint (Okta: the app's "Identity Provider Single Sign-On URL"). */
  signOnUrl: string;
  /** The IdP's entity id (Okta: "Identity Provider Issuer"). */
  issuer: string;
  /** The IdP's X.509 signing certificate, PEM. */
  certificatePem: string;
  signatureAlgorithm: 'SHA256' | 'SHA512';
}

/** A provisioned administrator, as the simulator stores it (only ThreatLocker's kept attributes). */
export type ProvisionedUser = StoredUser;

export interface ProvisionedGroup {
  id: string;
  displayName: string;
  members: { value: string; display?: string }[];
  created: string;
  lastModified: string;
}

export interface ThreatLockerSandboxControls {
  /** "Generate API Token": returns the new token; the previous one stops working at once. */
  generateScimToken(): string;
  /** The SCIM integration's Enabled toggle (starts ON so the sandbox works out of the box). */
  setScimEnabled(enabled: boolean): void;
  isScimEnabled(): boolean;
  /** Replaces the Group Mapping tab's rows (Save). Throws if a group was not pushed or a role is unknown (or deleted). */
  setGroupMappings(rows: GroupMappingRow[]): void;
  getGroupMappings(): GroupMappingRow[];
  /** Administrators -> Login Settings -> "Allow SSO" (starts off). */
  setSsoAllowed(allowed: boolean): void;
  isSsoAllowed(): boolean;
  /** The SAML integration (one IdP); null removes it. Throws on an incomplete integration. */
  setSamlIntegration(saml: SamlIntegration | null): void;
  getSamlIntegration(): SamlIntegration | null;
  /** Administrators provisioned over SCIM, in creation order. */
  listUsers(): ProvisionedUser[];
  /** Groups pushed over SCIM, in creation order. */
  listGroups(): ProvisionedGroup[];
  /** The MSP parent organization followed by its child organizations. */
  listOrganizations(): TlOrganization[];
  /** The roles of one organization (never inherited from the parent), without the deleted ones. */
  listRoles(organizationId: string): TlUserRole[];
  /**
   * Users -> User Roles -> delete, as an admin would: the role is gone from the portal API and the
   * Group Mapping tab drops every row that used it (README: "Deleting a role"). Returns those rows.
   * Throws if the role is not one of the organization's current roles.
   */
  deleteRole(organizationId: string, userRoleId: string): GroupMappingRow[];
  /** Sandbox-only undo of deleteRole: the same role (same id) comes back; the dropped rows do not. */
  restoreRole(organizationId: string, userRoleId: string): void;
  /** The organization's deleted roles, for the sandbox control that puts them back. */
  listDeletedRoles(organizationId: string): TlUserRole[];
  /** Revokes the portal API token (Administrators -> API Users): every call with it answers 403 TOKEN_REVOKED. */
  revokePortalToken(): void;
  /** A portal API token minted on another instance: every portal call with it answers 403 TOKEN_REVOKED. */
  readonly otherInstanceToken: string;
  /** Back to the freshly started state: no SCIM data, first SCIM token, Enabled on, no mappings, no deleted roles, SSO off, no SAML, start faults. */
  reset(): void;
}

export class ThreatLockerState {
  readonly store: ScimStore;
  scimToken: string;
  scimEnabled = true;
  ssoAllowed = false;
  saml: SamlIntegration | null = null;
  groupMappings: GroupMappingRow[] = [];
  /** Ids (lower case) of roles an admin deleted through the sandbox controls. */
  private readonly deletedRoleIds = new Set<string>();
  private tokenRandom: () => number;
  private idRandom: () => number;

  constructor(
    readonly seed: TlSeed,
    private readonly numericSeed: number,
    private readonly existingAdministrators: ReadonlyArray<{ userName: string; givenName: string; familyName: string }> = [],
  ) {
    this.tokenRandom = mulberry32(numericSeed + 1);
    this.idRandom = mulberry32(numericSeed + 2);
    this.scimToken = seed.initialScimToken;
    // SCIM ids are seeded too, so a demo replays with the same ids.
    this.store = new ScimStore(() => guid(this.idRandom));
    this.addExistingAdministrators();
  }

  private addExistingAdministrators(): void {
    for (const admin of this.existingAdministrators) {
      this.store.createUser({ userName: admin.userName, name: { givenName: admin.givenName, familyName: admin.familyName } });
    }
  }

  generateScimToken(): string {
    this.scimToken = token(this.tokenRandom, 'tlsim-scim-', 48);
    return this.scimToken;
  }

  /** The organization's roles as the portal shows them now (deleted ones left out). */
  rolesOf(organizationId: string): TlUserRole[] {
    return (this.seed.rolesByOrganization.get(organizationId) ?? []).filter((r) => !this.deletedRoleIds.has(r.userRoleId.toLowerCase()));
  }

  listDeletedRoles(organizationId: string): TlUserRole[] {
    return (this.seed.rolesByOrganization.get(organizationId) ?? []).filter((r) => this.deletedRoleIds.has(r.userRoleId.toLowerCase()));
  }

  deleteRole(organizationId: string, userRoleId: string): GroupMappingRow[] {
    const id = userRoleId.toLowerCase();
    const role = this.rolesOf(organizationId).find((r) => r.userRoleId.toLowerCase() === id);
    if (!role) throw new Error(`Role ${userRoleId} is not a current user role of organization ${organizationId}`);
    this.deletedRoleIds.add(id);
    // The tab cannot show a row without its role: the rows go, silently (README: "Deleting a role").
    const dropped = this.groupMappings.filter((r) => r.roleId.toLowerCase() === id);
    this.groupMappings = this.groupMappings.filter((r) => r.roleId.toLowerCase() !== id);
    return dropped;
  }

  restoreRole(organizationId: string, userRoleId: string): void {
    const id = userRoleId.toLowerCase();
    if (!this.listDeletedRoles(organizationId).some((r) => r.userRoleId.toLowerCase() === id)) {
      throw new Error(`Role ${userRoleId} of organization ${organizationId} was not deleted`);
    }
    this.deletedRoleIds.delete(id);
  }

  setGroupMappings(rows: GroupMappingRow[]): void {
    const groups = this.store.listGroups();
    const roleIds = new Set([...this.seed.rolesByOrganization.keys()].flatMap((org) => this.rolesOf(org)).map((r) => r.userRoleId.toLowerCase()));
    const saved: GroupMappingRow[] = [];
    for (const row of rows) {
      // The portal's dropdown only offers groups the IdP already pushed.
      const group = groups.find((g) => g.displayName.toLowerCase() === row.groupDisplayName.toLowerCase());
      if (!group) {
        throw new Error(`Group "${row.groupDisplayName}" has not been pushed over SCIM yet, so the Group Mapping tab cannot offer it (push it from Okta first)`);
      }
      const deleted = [...this.seed.rolesByOrganization.keys()].flatMap((org) => this.listDeletedRoles(org)).find((r) => r.userRoleId.toLowerCase() === row.roleId.toLowerCase());
      if (deleted) {
        throw new Error(`Role "${deleted.name}" was deleted in ThreatLocker, so the Group Mapping tab cannot offer it for "${row.groupDisplayName}" (pick another role)`);
      }
      if (!roleIds.has(row.roleId.toLowerCase())) {
        throw new Error(`Role ${row.roleId} is not a ThreatLocker user role of any organization`);
      }
      saved.push({ groupDisplayName: group.displayName, roleId: row.roleId });
    }
    this.groupMappings = saved;
  }

  setSamlIntegration(saml: SamlIntegration | null): void {
    if (saml !== null) {
      const given = saml;
      const missing = (['signOnUrl', 'issuer', 'certificatePem'] as const).filter((k) => !given[k]?.trim());
      if (missing.length) throw new Error(`The SAML integration needs ${missing.join(', ')}`);
      if (saml.signatureAlgorithm !== 'SHA256' && saml.signatureAlgorithm !== 'SHA512') {
        throw new Error('The SAML signature algorithm must be SHA256 or SHA512');
      }
      if (!saml.certificatePem.includes('BEGIN CERTIFICATE')) {
        throw new Error('certificatePem must be a PEM certificate (-----BEGIN CERTIFICATE-----)');
      }
      saml = { ...saml };
    }
    this.saml = saml;
  }

  listUsers(): ProvisionedUser[] {
    return this.store.listUsers().map((u) => ({ ...u }));
  }

  listGroups(): ProvisionedGroup[] {
    return this.store.listGroups().map((g) => ({
      id: g.id,
      displayName: g.displayName,
      members: g.memberIds.map((id) => {
        const user = this.store.findUser(id);
        return user ? { value: id, display: user.userName } : { value: id };
      }),
      created: g.created,
      lastModified: g.lastModified,
    }));
  }

  reset(): void {
    this.store.clear();
    this.tokenRandom = mulberry32(this.numericSeed + 1);
    this.idRandom = mulberry32(this.numericSeed + 2);
    this.scimToken = this.seed.initialScimToken;
    this.scimEnabled = true;
    this.ssoAllowed = false;
    this.saml = null;
    this.groupMappings = [];
    this.deletedRoleIds.clear();
    this.addExistingAdministrators();
  }
}
