import { z } from 'zod';
import { savedScimCheckSchema } from './scim-check';

export const PROFILE_SCHEMA_VERSION = 1;
/** Largest profile file read, imported or written (a real one is a few KB; this leaves room for saved runs). */
export const MAX_PROFILE_BYTES = 5_000_000;
/** Deepest nesting accepted in a profile: Electron's contextBridge refuses over 1,000 levels, real profiles use under 10. */
export const MAX_PROFILE_DEPTH = 64;

export const secretKinds = ['oktaApiToken', 'threatlockerPortalToken', 'scimBearerToken'] as const;
export type SecretKind = (typeof secretKinds)[number];
export const secretKindSchema = z.enum(secretKinds);

export const secretLabels: Record<SecretKind, string> = {
  oktaApiToken: 'Okta API token',
  threatlockerPortalToken: 'ThreatLocker portal API token',
  scimBearerToken: 'ThreatLocker SCIM bearer token',
};

/**
 * Kept in the keychain by the console itself, never pasted: the Okta sign-in. The access token
 * (a JWT near 1 KB) has its own entry so each stays under Windows' 1,280-character limit.
 */
export const managedSecretKinds = ['oktaOAuthSession', 'oktaOAuthAccessToken'] as const;
export type ManagedSecretKind = (typeof managedSecretKinds)[number];
/** Every kind of keychain entry a profile can own. */
export type StoredSecretKind = SecretKind | ManagedSecretKind;
export const storedSecretLabels: Record<StoredSecretKind, string> = {
  ...secretLabels,
  oktaOAuthSession: 'Okta sign-in (refresh token)',
  oktaOAuthAccessToken: 'Okta sign-in (access token)',
};

/** What the renderer may know about a secret: never the value. */
export const secretStatusSchema = z.object({
  kind: secretKindSchema,
  present: z.boolean(),
  fingerprint: z.string().optional(), // last 4 characters, shown as ••••abcd
  savedAt: z.string().optional(),
});
export type SecretStatus = z.infer<typeof secretStatusSchema>;

/** A ThreatLocker instance is the letter(s) shown under Help -> "ThreatLocker Access (X)". */
export const instanceSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{1,3}$/, 'The instance is the letter in Help -> "ThreatLocker Access (X)", for example d');

export const guidSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Expected a GUID like 1c2d3e4f-…');

export const stepStatusSchema = z.enum(['not-started', 'verified', 'unverifiable', 'failed']);

export const stepStateSchema = z.object({
  status: stepStatusSchema,
  detail: z.string().optional(),
  updatedAt: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
  /**
   * Set when the org behind the profile may have changed since this result was saved (sandbox
   * restart, URL edited, token replaced): the result is shown as "needs re-check", never as
   * verified, until the step runs again (which clears it).
   */
  stale: z.object({ reason: z.string(), at: z.string() }).optional(),
});
export type StepState = z.infer<typeof stepStateSchema>;

export const groupRoleMappingSchema = z.object({
  oktaGroupId: z.string(),
  oktaGroupName: z.string(),
  roleId: z.string(),
  roleName: z.string(),
});

/** One saved change to the mappings: who (the OS user name), when, and what in words. */
export const mappingChangeSchema = z.object({ at: z.string(), by: z.string(), summary: z.string() });
export type MappingChange = z.infer<typeof mappingChangeSchema>;

export const profileSchema = z.object({
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  id: z.string().uuid(),
  name: z.string().min(1).max(120),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Built-in sandbox profiles may point at loopback servers. */
  sandbox: z.boolean().default(false),
  okta: z.object({
    /** Origin of the Okta org, e.g. https://acme.okta.com (or the sandbox's http://127.0.0.1:port). */
    orgUrl: z.string().url(),
    /** The org is reached through its own custom domain (login.acme.com), allowed by the admin. */
    customDomain: z.boolean().default(false),
  }),
  threatlocker: z.object({
    instance: instanceSchema,
    managedOrganizationId: guidSchema.optional(),
    managedOrganizationName: z.string().optional(),
    /** The "API Url" from ThreatLocker's SCIM Integration sidebar. */
    scimUrl: z.string().url().optional(),
    /** Overrides https://portalapi.<instance>.threatlocker.com (sandbox and testing only). */
    portalApiUrl: z.string().url().optional(),
  }),
  secretsMeta: z.partialRecord(secretKindSchema, z.object({ savedAt: z.string() })).default({}),
  setup: z.object({ steps: z.record(z.string(), stepStateSchema).default({}) }).default({ steps: {} }),
  mappings: z.array(groupRoleMappingSchema).default([]),
  /** Newest last; trimmed to the last 200 saves. */
  mappingHistory: z.array(mappingChangeSchema).optional(),
  /** The last SCIM connection check run for this profile. */
  scimChecks: savedScimCheckSchema.optional(),
});
export type Profile = z.infer<typeof profileSchema>;

export const profileSummarySchema = profileSchema.pick({
  id: true,
  name: true,
  sandbox: true,
  updatedAt: true,
  okta: true,
  threatlocker: true,
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

/** A profile file that could not be loaded: reported by name, left untouched on disk. */
export const profileProblemSchema = z.object({
  file: z.string(),
  reason: z.string(),
  code: z.enum(['PROFILE_CORRUPT', 'PROFILE_TOO_NEW']),
});
export type ProfileProblem = z.infer<typeof profileProblemSchema>;

export const newProfileInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the profile a name').max(120),
  oktaOrgUrl: z.string().trim().min(1, 'Enter your Okta domain, e.g. acme.okta.com'),
  /** The admin confirms oktaOrgUrl is the org's custom domain rather than *.okta.com. */
  oktaCustomDomain: z.boolean().optional(),
  instance: instanceSchema,
  managedOrganizationId: guidSchema.optional(),
  scimUrl: z.string().trim().url('The SCIM API Url must be a full URL starting with https://').optional(),
});
export type NewProfileInput = z.infer<typeof newProfileInputSchema>;

/** Connection details an admin may change after creating the profile; null clears an optional one. */
export const profileDetailsPatchSchema = z.object({
  oktaOrgUrl: z.string().trim().min(1, 'Enter your Okta domain, e.g. acme.okta.com').optional(),
  oktaCustomDomain: z.boolean().optional(),
  instance: instanceSchema.optional(),
  managedOrganizationId: guidSchema.nullable().optional(),
  managedOrganizationName: z.string().max(200).nullable().optional(),
  scimUrl: z.string().trim().url('The SCIM API Url must be a full URL starting with https://').nullable().optional(),
});
export type ProfileDetailsPatch = z.infer<typeof profileDetailsPatchSchema>;
