import { z } from 'zod';
import {
  MAX_PROFILE_BYTES,
  newProfileInputSchema,
  profileDetailsPatchSchema,
  profileProblemSchema,
  profileSchema,
  profileSummarySchema,
  secretKindSchema,
  secretStatusSchema,
} from './profile';
import { oauthSignInInputSchema, oauthViewSchema } from './okta-oauth';
import { configChangeSchema, overviewRowSchema, reportFormatSchema, reviewSchema, reviewSourceSchema } from './review';
import { scimCheckResultSchema, scimCheckRunSchema } from './scim-check';
import { setupStepIdSchema, setupViewSchema, stepInputSchema } from './setup';
import { impactRowsSchema } from './role-impact';
import { personDetailSchema, roleImpactAnswerSchema, statusCountsSchema, statusDoneSchema, statusPageSchema, statusProgressSchema, statusQuerySchema, statusSummarySchema } from './provisioning-status';

/**
 * The whole renderer <-> main contract. Names are `domain:verb`; every call takes one object.
 * main validates requests with these schemas; the preload and the browser bridge build
 * window.api from the keys, so nothing here is written twice.
 */
const channel = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, result: Res) => ({ request, result });
const empty = z.object({}).strict();
const byProfile = z.object({ profileId: z.string().uuid() });

export const sandboxInfoSchema = z.object({
  running: z.boolean(),
  oktaUrl: z.string().optional(),
  threatlockerUrl: z.string().optional(),
  scimUrl: z.string().optional(),
  profileId: z.string().optional(),
});
export type SandboxInfo = z.infer<typeof sandboxInfoSchema>;

/** One simulator's fault settings (sandbox/faults.ts): latency, and how many of the next requests fail which way. */
const faultCount = z.number().int().min(0).max(100_000);
export const faultSettingsSchema = z.object({
  latencyMs: z.number().int().min(0).max(30_000),
  next429: faultCount,
  next5xx: faultCount,
  nextDrop: faultCount,
  nextMalformed: faultCount,
});
export type FaultSettingsView = z.infer<typeof faultSettingsSchema>;
export const faultTargetSchema = z.enum(['okta', 'threatlocker']);
export const sandboxFaultsSchema = z.object({ okta: faultSettingsSchema, threatlocker: faultSettingsSchema });
export type SandboxFaults = z.infer<typeof sandboxFaultsSchema>;

/** The sandbox ThreatLocker's user roles of one organization, for the control that deletes one as an admin would. */
export const sandboxRolesSchema = z.object({
  organizations: z.array(z.object({ id: z.string(), name: z.string() })),
  organizationId: z.string(),
  /** The organization the sandbox profile works in (its managedOrganizationId, else the MSP parent). */
  profileOrganizationId: z.string(),
  roles: z.array(z.object({ id: z.string(), name: z.string(), deleted: z.boolean() })),
  /** After a delete: the groups whose Group Mapping rows ThreatLocker dropped with the role. */
  droppedMappings: z.array(z.string()).optional(),
});
export type SandboxRoles = z.infer<typeof sandboxRolesSchema>;

const damagedFile = z.object({ file: z.string().max(200) });
export const damagedProfileInfoSchema = z.object({
  file: z.string(),
  secrets: z.array(secretStatusSchema),
  backup: z.object({ name: z.string(), savedAt: z.string(), stepsSaved: z.number().int() }).optional(),
});
export type DamagedProfileInfo = z.infer<typeof damagedProfileInfoSchema>;

export const invokeChannels = {
  'app:info': channel(
    empty,
    z.object({
      version: z.string(),
      dataDir: z.string(),
      allowLoopback: z.boolean(),
      platform: z.string(),
      /** False where main has no system clipboard (the browser host): tokens cannot be copied there. */
      canCopySecrets: z.boolean().default(false),
    }),
  ),

  'profiles:list': channel(
    empty,
    z.object({ profiles: z.array(profileSummarySchema), problems: z.array(profileProblemSchema) }),
  ),
  'profiles:get': channel(byProfile, profileSchema),
  'profiles:create': channel(newProfileInputSchema, profileSchema),
  'profiles:rename': channel(byProfile.extend({ name: z.string().trim().min(1).max(120) }), profileSchema),
  'profiles:update': channel(byProfile.merge(profileDetailsPatchSchema), profileSchema),
  'profiles:delete': channel(byProfile, z.object({ deleted: z.literal(true) })),
  'profiles:export': channel(byProfile, z.object({ fileName: z.string(), content: z.string() })),
  'profiles:import': channel(
    z.object({
      fileName: z.string().max(500),
      content: z.string().max(MAX_PROFILE_BYTES, `The file is larger than ${MAX_PROFILE_BYTES / 1_000_000} MB: it is not a profile export.`),
    }),
    profileSchema,
  ),
  /** Recovery for a file listed in `problems`: its keychain entries and last good copy, then restore, re-attach or delete. */
  'profiles:damagedInfo': channel(damagedFile, damagedProfileInfoSchema),
  'profiles:restoreBackup': channel(damagedFile, profileSchema),
  /** leftBehind: labels of the tokens saved for another address than the new profile's, kept under the damaged file. */
  'profiles:recoverDamaged': channel(damagedFile.extend({ profile: newProfileInputSchema }), z.object({ profile: profileSchema, leftBehind: z.array(z.string()) })),
  'profiles:deleteDamagedSecrets': channel(damagedFile, z.object({ deleted: z.array(secretKindSchema) })),

  'secrets:status': channel(byProfile, z.object({ secrets: z.array(secretStatusSchema) })),
  'secrets:set': channel(
    byProfile.extend({ kind: secretKindSchema, value: z.string().trim().min(1, 'Paste the token').max(4096) }),
    secretStatusSchema,
  ),
  'secrets:delete': channel(byProfile.extend({ kind: secretKindSchema }), secretStatusSchema),
  'secrets:copy': channel(byProfile.extend({ kind: secretKindSchema }), z.object({ clearsAfterSeconds: z.number() })),

  'sandbox:start': channel(empty, z.object({ sandbox: sandboxInfoSchema, profile: profileSchema })),
  'sandbox:info': channel(empty, sandboxInfoSchema),
  'sandbox:faults': channel(empty, sandboxFaultsSchema),
  'sandbox:setFaults': channel(z.object({ target: faultTargetSchema, settings: faultSettingsSchema.partial() }), sandboxFaultsSchema),
  'sandbox:roles': channel(z.object({ organizationId: z.string().uuid().optional() }).strict(), sandboxRolesSchema),
  'sandbox:setRoleDeleted': channel(z.object({ organizationId: z.string().uuid(), roleId: z.string().uuid(), deleted: z.boolean() }).strict(), sandboxRolesSchema),

  'okta:verifyToken': channel(
    byProfile,
    z.object({
      orgUrl: z.string(),
      missing: z.array(z.string()),
      checked: z.array(z.object({ scope: z.string(), ok: z.boolean(), detail: z.string().optional() })),
    }),
  ),

  /** Okta sign-in with OAuth 2.0 (authorization code + PKCE); tokens never cross this boundary. */
  'oktaSignIn:status': channel(byProfile, oauthViewSchema),
  /** Starts a sign-in and returns at once; 'oktaSignIn:changed' says when it ends. */
  'oktaSignIn:start': channel(oauthSignInInputSchema, oauthViewSchema),
  'oktaSignIn:cancel': channel(byProfile, oauthViewSchema),
  /** Revokes both tokens at Okta, then forgets them. */
  'oktaSignIn:signOut': channel(byProfile, oauthViewSchema.extend({ revoked: z.array(z.string()), failed: z.array(z.string()) })),

  'scim:runChecks': channel(byProfile.extend({ write: z.boolean().default(false) }), scimCheckRunSchema),
  /** Stops a running check: the remaining checks are skipped, the write checks' clean-up still runs. */
  'scim:cancel': channel(byProfile, z.object({ cancelled: z.boolean() })),

  'setup:get': channel(byProfile, setupViewSchema),
  'setup:runStep': channel(byProfile.extend({ stepId: setupStepIdSchema, input: stepInputSchema }), setupViewSchema),
  'setup:searchGroups': channel(
    byProfile.extend({ query: z.string().trim().max(100) }),
    z.object({ groups: z.array(z.object({ id: z.string(), name: z.string(), description: z.string().optional(), type: z.string().optional() })) }),
  ),
  'setup:listGroupRules': channel(
    byProfile,
    z.object({
      rules: z.array(
        z.object({ id: z.string(), name: z.string(), status: z.string(), groups: z.array(z.object({ id: z.string(), name: z.string() })) }),
      ),
    }),
  ),
  /** Sandbox only: plays a step's admin-UI part (the simulated admin clicks for you), then re-verifies. */
  'sandbox:playStep': channel(byProfile.extend({ stepId: setupStepIdSchema }), setupViewSchema),

  /** The setup report an MSP hands to its client: a self-contained HTML document (no scripts, no secrets). */
  'reports:setup': channel(byProfile, z.object({ fileName: z.string(), content: z.string() })),

  /** Provisioning status: the joined rows stay in main; the screen asks for one page at a time. */
  'status:summary': channel(byProfile, statusSummarySchema),
  /** The profile header's compact card: the last complete snapshot's counts, read from disk (no join). */
  'status:card': channel(byProfile, z.object({ takenAt: z.string(), counts: statusCountsSchema, needsAttention: z.number() }).nullable()),
  /** Starts a background refresh and returns at once; see the status:progress and status:done events. */
  'status:refresh': channel(byProfile, z.object({ started: z.boolean() })),
  'status:cancel': channel(byProfile, z.object({ cancelled: z.boolean() })),
  'status:page': channel(statusQuerySchema, statusPageSchema),
  'status:person': channel(byProfile.extend({ key: z.string().max(200) }), personDetailSchema),
  /** Who gets which ThreatLocker role: the given mapping rows over the latest status data (live or the saved snapshot). */
  'status:roleImpact': channel(byProfile.extend({ rows: impactRowsSchema }), roleImpactAnswerSchema),
  'status:csv': channel(statusQuerySchema.omit({ offset: true, limit: true }), z.object({ fileName: z.string(), content: z.string() })),
  /** oktaUserId: an Okta user id or login (someone not assigned yet is not in the table). */
  'status:provisionNow': channel(
    byProfile.extend({ oktaUserId: z.string().trim().min(1, 'Enter an Okta login or user id').max(200) }),
    z.object({ ok: z.boolean(), steps: z.array(z.object({ text: z.string(), ok: z.boolean() })) }),
  ),
  'status:fixPhone': channel(
    byProfile.extend({ oktaUserId: z.string().min(1).max(100), primaryPhone: z.string().trim().min(3, 'Enter a phone number').max(40) }),
    z.object({ ok: z.boolean(), steps: z.array(z.object({ text: z.string(), ok: z.boolean() })) }),
  ),
  /** Offline review of a saved profile or an exported config file: no network, no keychain. */
  'review:open': channel(reviewSourceSchema, reviewSchema),
  'review:export': channel(z.object({ source: reviewSourceSchema, format: reportFormatSchema }), z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() })),
  'review:pdf': channel(z.object({ source: reviewSourceSchema }), z.object({ fileName: z.string(), base64: z.string() })),
  'review:diff': channel(z.object({ before: reviewSourceSchema, after: reviewSourceSchema }), z.object({ changes: z.array(configChangeSchema) })),
  'review:overview': channel(empty, z.object({ rows: z.array(overviewRowSchema), problems: z.array(z.object({ file: z.string(), reason: z.string() })) })),
  'review:overviewCsv': channel(empty, z.object({ fileName: z.string(), content: z.string() })),

  'shell:openExternal': channel(z.object({ url: z.string().url() }), z.object({ opened: z.boolean() })),
} as const;

export const eventChannels = {
  'sandbox:state': sandboxInfoSchema,
  'setup:progress': z.object({ profileId: z.string(), stepId: setupStepIdSchema, message: z.string() }),
  'status:progress': statusProgressSchema,
  'status:done': statusDoneSchema,
  'scim:progress': z.object({ profileId: z.string(), index: z.number(), total: z.number(), result: scimCheckResultSchema }),
  'oktaSignIn:changed': z.object({ profileId: z.string() }),
} as const;

export type InvokeChannels = typeof invokeChannels;
export type InvokeChannel = keyof InvokeChannels;
export type EventChannels = typeof eventChannels;
export type EventChannel = keyof EventChannels;

export type RequestOf<C extends InvokeChannel> = z.input<InvokeChannels[C]['request']>;
export type ResultOf<C extends InvokeChannel> = z.output<InvokeChannels[C]['result']>;
export type EventPayload<E extends EventChannel> = z.output<EventChannels[E]>;

/** Calls longer than this fail with TIMEOUT; long jobs report progress through events instead. */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
export const callTimeouts: Partial<Record<InvokeChannel, number>> = {
  'scim:runChecks': 120_000,
  'sandbox:start': 60_000,
  'setup:runStep': 180_000,
  'sandbox:playStep': 180_000,
  'status:provisionNow': 180_000,
  'status:fixPhone': 180_000,
  'review:pdf': 90_000,
};
