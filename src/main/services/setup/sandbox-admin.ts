/**
 * The few sandbox controls the wizard plays (admin-UI-only steps). Typed structurally because
 * src/main may not import sandbox/; demo-entry.ts checks the real sandbox against it with
 * `satisfies`, so a mismatch is a compile error, not a runtime guess.
 */
export interface SandboxScimConnection {
  baseUrl: string;
  headerToken: string;
  uniqueIdentifier: string;
  actions: Record<string, boolean | undefined>;
}

export interface SandboxAdmin {
  okta: {
    controls: {
      enableScimProvisioning(appId: string): void;
      setScimConnection(
        appId: string,
        connection: { baseUrl: string; headerToken: string; uniqueIdentifier?: string; actions?: Record<string, boolean> },
      ): void;
      testScimConnection(appId: string): Promise<{ ok: boolean; status: number | null; message: string }>;
      setToAppFeatures(appId: string, features: { createUsers?: boolean; updateUserAttributes?: boolean; deactivateUsers?: boolean }): void;
      getScimConnection(appId: string): SandboxScimConnection | null;
      retryFailedProvisioning(appId: string): number;
      whenIdle(): Promise<void>;
    };
  };
  threatlocker: {
    scimUrl: string;
    readonly scimToken: string;
    controls: {
      setScimEnabled(enabled: boolean): void;
      setGroupMappings(rows: { groupDisplayName: string; roleId: string }[]): void;
      getGroupMappings(): { groupDisplayName: string; roleId: string }[];
      setSsoAllowed(allowed: boolean): void;
      isSsoAllowed(): boolean;
      setSamlIntegration(saml: SandboxSamlIntegration | null): void;
      getSamlIntegration(): SandboxSamlIntegration | null;
      listGroups(): { displayName: string; members: { value: string }[] }[];
      listOrganizations(): SandboxOrganization[];
      /** An organization's current roles (deleted ones left out). */
      listRoles(organizationId: string): SandboxRole[];
      listDeletedRoles(organizationId: string): SandboxRole[];
      /** An admin deletes a User Role; returns the Group Mapping rows ThreatLocker dropped with it. */
      deleteRole(organizationId: string, userRoleId: string): { groupDisplayName: string; roleId: string }[];
      restoreRole(organizationId: string, userRoleId: string): void;
    };
  };
}

export interface SandboxOrganization {
  organizationId: string;
  displayName: string;
}

export interface SandboxRole {
  userRoleId: string;
  name: string;
}

export interface SandboxSamlIntegration {
  signOnUrl: string;
  issuer: string;
  certificatePem: string;
  signatureAlgorithm: 'SHA256' | 'SHA512';
}
