import { z } from 'zod';
import { MAX_PROFILE_BYTES } from './profile';
import { setupStepIdSchema } from './setup-data';
import { settingRowSchema, stepStatusViewSchema } from './setup';

/** One thing wrong with a saved config: what, where, how to fix it, and the step that sets it. */
export const lintFindingSchema = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  setting: z.string(),
  problem: z.string(),
  fix: z.string(),
  stepId: setupStepIdSchema,
  /** Anchor of the step in the review screen and the report. */
  link: z.string(),
});
export type LintFinding = z.infer<typeof lintFindingSchema>;
export type LintSeverity = LintFinding['severity'];

/** One named value of a saved config: what the review shows, the diff compares and the report lists. */
export const configValueSchema = z.object({ key: z.string(), value: z.string() });
export type ConfigValue = z.infer<typeof configValueSchema>;

export const REPORT_SCHEMA_VERSION = 1;

/** Every format a report exports to, all drawn from one model (PDF is printed from the HTML). */
export const reportFormats = ['html', 'markdown', 'json', 'mapping-csv', 'status-csv'] as const;
export const reportFormatSchema = z.enum(reportFormats);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

/**
 * The setup report as data: the one model the HTML, Markdown and JSON reports are rendered from.
 * Its JSON Schema is committed as schemas/setup-report.schema.json (a test keeps the two equal).
 */
export const reportModelSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generatedAt: z.string(),
  generator: z.object({ name: z.string(), version: z.string() }),
  profile: z.object({
    id: z.string(),
    name: z.string(),
    sandbox: z.boolean(),
    oktaOrg: z.string(),
    instance: z.string(),
    childOrganization: z.string().nullable(),
    scimUrl: z.string().nullable(),
  }),
  summary: z.object({
    verdict: z.enum(['ready', 'needs-attention']),
    /** Why it needs attention, one line each (empty when ready). */
    reasons: z.array(z.string()),
  }),
  steps: z.array(
    z.object({
      id: setupStepIdSchema,
      number: z.number().int(),
      title: z.string(),
      status: stepStatusViewSchema,
      detail: z.string().nullable(),
      hint: z.string().nullable(),
      updatedAt: z.string().nullable(),
      staleReason: z.string().nullable(),
    }),
  ),
  settings: z.array(settingRowSchema),
  scimCheck: z.union([
    z.null(),
    z.object({ unreadable: z.literal(true) }),
    z.object({
      baseUrl: z.string(),
      startedAt: z.string(),
      finishedAt: z.string(),
      write: z.boolean(),
      summary: z.object({ pass: z.number(), warn: z.number(), fail: z.number(), skip: z.number() }),
      results: z.array(z.object({ number: z.string(), title: z.string(), outcome: z.enum(['pass', 'warn', 'fail', 'skip']), status: z.number().nullable(), hint: z.string().nullable() })),
      leftovers: z.array(z.string()),
    }),
  ]),
  mappings: z.array(z.object({ oktaGroupId: z.string(), oktaGroupName: z.string(), roleId: z.string(), roleName: z.string() })),
  /** The last provisioning status snapshot; null when there is no status data yet. */
  status: z.object({ at: z.string(), counts: z.record(z.string(), z.number()) }).nullable(),
  lint: z.array(lintFindingSchema),
  /** Every value the profile holds, by name. */
  appendix: z.array(configValueSchema),
});
export type ReportModel = z.infer<typeof reportModelSchema>;

/** What to review: a saved profile, or the text of an exported config file (never saved). */
export const reviewSourceSchema = z.union([
  z.object({ profileId: z.string().uuid() }),
  z.object({
    fileName: z.string().max(500),
    content: z.string().max(MAX_PROFILE_BYTES, `The file is larger than ${MAX_PROFILE_BYTES / 1_000_000} MB: it is not a config export.`),
  }),
]);
export type ReviewSource = z.infer<typeof reviewSourceSchema>;

/** How old one part of a saved config is: the profile file, the SCIM check, the status snapshot. */
export const reviewAgeSchema = z.object({ part: z.string(), at: z.string().nullable() });

/** A config opened for offline review: the report model plus how old each part is. */
export const reviewSchema = z.object({
  source: z.object({ kind: z.enum(['profile', 'file']), label: z.string() }),
  ages: z.array(reviewAgeSchema),
  model: reportModelSchema,
});
export type Review = z.infer<typeof reviewSchema>;

export const configChangeSchema = z.object({
  section: z.enum(['setting', 'mapping', 'verification', 'scim-check', 'status']),
  key: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  old: z.string().optional(),
  new: z.string().optional(),
});
export type ConfigChange = z.infer<typeof configChangeSchema>;

/** One row of the MSP overview: a profile's org and how its setup stands, from saved state only. */
export const overviewRowSchema = z.object({
  profileId: z.string(),
  name: z.string(),
  oktaOrg: z.string(),
  instance: z.string(),
  childOrganization: z.string().nullable(),
  sandbox: z.boolean(),
  stepsDone: z.number(),
  stepsTotal: z.number(),
  setupState: z.enum(['complete', 'in-progress', 'failed', 'not-started']),
  lint: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
  scimCheck: z.object({ at: z.string(), verdict: z.enum(['pass', 'warn', 'fail', 'unreadable']) }).nullable(),
  /** The last status snapshot's counts; null when there is no status data yet. */
  status: z.object({ at: z.string(), counts: z.record(z.string(), z.number()) }).nullable(),
  updatedAt: z.string(),
  /** Higher needs attention sooner: errors, failed steps, a failing check, then warnings. */
  attention: z.number(),
});
export type OverviewRow = z.infer<typeof overviewRowSchema>;

/** Needs attention first, then by name: the overview's default order. */
export function byAttention(a: OverviewRow, b: OverviewRow): number {
  return b.attention - a.attention || a.name.localeCompare(b.name);
}
