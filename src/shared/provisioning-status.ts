import { z } from 'zod';
import { personRoleSchema, roleImpactSchema } from './role-impact';

/**
 * Provisioning status: the words both views (the Status screen and `npm run status`) use. The
 * join that produces them lives in main (src/main/services/status/status-join.ts); the renderer
 * only ever receives one page of rows at a time.
 */

/** One verdict per person, most urgent first (the table's default order follows this list). */
export const statusClasses = [
  'failed',
  'missing',
  'orphan',
  'half-deactivated',
  'drift',
  'pending',
  'matching',
  'deactivated',
  'local',
] as const;
export const statusClassSchema = z.enum(statusClasses);
export type StatusClass = z.infer<typeof statusClassSchema>;

export const statusClassLabels: Record<StatusClass, string> = {
  failed: 'Failed in Okta',
  missing: 'Missing in ThreatLocker',
  orphan: 'Orphan (still has access)',
  'half-deactivated': 'Deactivated on one side only',
  drift: 'Attribute drift',
  pending: 'Pending',
  matching: 'Provisioned and matching',
  deactivated: 'Deactivated',
  local: 'Local ThreatLocker admin',
};

/** Classes that make the CLI exit 1 and the card turn red. Pending is normal for a while. */
export const attentionClasses: ReadonlySet<StatusClass> = new Set(['failed', 'missing', 'orphan', 'half-deactivated', 'drift']);

/** The sources one refresh reads; progress and partial results name them. */
export const statusSources = ['okta-app-users', 'okta-push-groups', 'okta-logs', 'scim-users', 'scim-groups'] as const;
export const statusSourceSchema = z.enum(statusSources);
export type StatusSource = z.infer<typeof statusSourceSchema>;
export const statusSourceLabels: Record<StatusSource, string> = {
  'okta-app-users': 'Okta: app users',
  'okta-push-groups': 'Okta: push groups and members',
  'okta-logs': 'Okta: System Log',
  'scim-users': 'ThreatLocker: SCIM Users',
  'scim-groups': 'ThreatLocker: SCIM Groups',
};

export const statusRowSchema = z.object({
  /** Stable across refreshes: the Okta user id, or `tl:<SCIM id>` for people only ThreatLocker knows. */
  key: z.string(),
  cls: statusClassSchema,
  name: z.string(),
  userName: z.string(),
  oktaStatus: z.string(),
  tlStatus: z.string(),
  reason: z.string(),
  /** Which field the verdict came from, e.g. "Okta app user syncState = ERROR". */
  source: z.string(),
  fix: z.string(),
  groups: z.array(z.string()),
});
export type StatusRow = z.infer<typeof statusRowSchema>;

export const groupVerdictSchema = z.object({
  mappingId: z.string(),
  name: z.string(),
  status: z.string(),
  lastPush: z.string().optional(),
  errorSummary: z.string().optional(),
  oktaMembers: z.number(),
  tlMembers: z.number().nullable(),
  missingInTl: z.array(z.string()),
  extraInTl: z.array(z.string()),
  ok: z.boolean(),
  fix: z.string(),
});
export type GroupVerdict = z.infer<typeof groupVerdictSchema>;

export const statusCountsSchema = z.record(statusClassSchema, z.number());
export type StatusCounts = z.infer<typeof statusCountsSchema>;

export const sourceStateSchema = z.object({
  source: statusSourceSchema,
  state: z.enum(['waiting', 'reading', 'done', 'failed', 'cancelled']),
  count: z.number(),
  readAt: z.string().optional(),
  error: z.string().optional(),
});
export type SourceState = z.infer<typeof sourceStateSchema>;

export const statusSummarySchema = z.object({
  profileId: z.string(),
  /** When the data shown was read; for a saved snapshot opened offline, that snapshot's time. */
  takenAt: z.string().nullable(),
  fromSnapshot: z.boolean(),
  partial: z.boolean(),
  failedSources: z.array(statusSourceSchema),
  sources: z.array(sourceStateSchema),
  counts: statusCountsSchema,
  total: z.number(),
  needsAttention: z.number(),
  groups: z.array(groupVerdictSchema),
  history: z.array(z.object({ at: z.string(), counts: statusCountsSchema })),
  changes: z.array(z.object({ key: z.string(), name: z.string(), from: statusClassSchema, to: statusClassSchema })),
  running: z.boolean(),
  joinMs: z.number().optional(),
});
export type StatusSummary = z.infer<typeof statusSummarySchema>;

export const statusSortSchema = z.enum(['cls', 'name', 'userName', 'oktaStatus', 'tlStatus']);
export const statusQuerySchema = z.object({
  profileId: z.string().uuid(),
  cls: statusClassSchema.optional(),
  group: z.string().max(200).optional(),
  text: z.string().max(200).default(''),
  sort: statusSortSchema.default('cls'),
  desc: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type StatusQuery = z.input<typeof statusQuerySchema>;

export const statusPageSchema = z.object({ total: z.number(), offset: z.number(), rows: z.array(statusRowSchema), queryMs: z.number() });
export type StatusPage = z.infer<typeof statusPageSchema>;

export const timelineStepSchema = z.object({
  at: z.string().optional(),
  step: z.enum(['scoping', 'matching', 'export', 'log', 'console']),
  outcome: z.enum(['success', 'failure', 'skipped', 'info']),
  text: z.string(),
  next: z.string().optional(),
});
export type TimelineStep = z.infer<typeof timelineStepSchema>;

/**
 * A person's ThreatLocker role(s) from the saved mapping (the person panel). missingRoles: roles
 * their rows name that ThreatLocker no longer lists (step 10's last run), so they give none.
 */
export const mappedRolesSchema = z.object({ roles: z.array(personRoleSchema), missingRoles: z.array(personRoleSchema), unmappedGroups: z.array(z.string()), inPushedGroup: z.boolean() });
export type MappedRoles = z.infer<typeof mappedRolesSchema>;

export const personDetailSchema = z.object({
  row: statusRowSchema,
  okta: z.array(z.tuple([z.string(), z.string()])),
  threatlocker: z.array(z.tuple([z.string(), z.string()])),
  timeline: z.array(timelineStepSchema),
  oktaUserId: z.string().optional(),
  /** Absent when no mapping is saved. */
  mappedRoles: mappedRolesSchema.optional(),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const statusProgressSchema = z.object({ profileId: z.string(), sources: z.array(sourceStateSchema) });
export const statusDoneSchema = z.object({ profileId: z.string(), partial: z.boolean(), failedSources: z.array(statusSourceSchema), cancelled: z.boolean() });

/** The role preview over the profile's latest status data; impact is null when there is none yet. */
export const roleImpactAnswerSchema = z.object({
  takenAt: z.string().nullable(),
  fromSnapshot: z.boolean(),
  failedSources: z.array(statusSourceSchema),
  impact: roleImpactSchema.nullable(),
  /** When step 10 last listed ThreatLocker's roles (the ones the preview checks rows against); null: not read yet. */
  rolesListedAt: z.string().nullable(),
});
export type RoleImpactAnswer = z.infer<typeof roleImpactAnswerSchema>;
