import { z } from 'zod';
import { secretKindSchema } from './profile';

import { confirmedBySchema, findingSchema, isStepData, setupStepIdSchema, stepViewDataSchema, type SetupStepId, type StepViewDataOf } from './setup-data';

export { confirmedBySchema, findingSchema, setupStepIdSchema, setupStepIds } from './setup-data';
export type { ConfirmedBy, Finding, SetupStepId } from './setup-data';

export const stepModeSchema = z.enum(['automated', 'manual', 'mixed']);
/** 'needs-recheck': a saved result from before the org may have changed (see StepState.stale). */
export const stepStatusViewSchema = z.enum(['not-started', 'verified', 'unverifiable', 'failed', 'needs-recheck']);

/** A step's status in words: the same in the step list, the banner, announcements and the report. */
export const stepStatusLabels: Record<z.infer<typeof stepStatusViewSchema>, string> = {
  'not-started': 'Not done yet',
  verified: 'Verified',
  unverifiable: 'Done, not verifiable',
  failed: 'Failed',
  'needs-recheck': 'Needs re-check',
};

/** A value the admin types or pastes somewhere by hand, with a copy button. */
export const copyValueSchema = z.object({
  label: z.string(),
  /** Absent for secrets: those are copied by main from the keychain (secretKind). */
  value: z.string().optional(),
  secretKind: secretKindSchema.optional(),
  /** Where it goes, e.g. "ThreatLocker -> SAML Integration -> Sign-On URL". */
  target: z.string().optional(),
  /** A choice the admin selects (a dropdown or checkboxes): nothing to paste, so no Copy button. */
  pick: z.boolean().optional(),
});
export type CopyValue = z.infer<typeof copyValueSchema>;

export const checklistItemSchema = z.object({ id: z.string(), label: z.string(), confirmed: z.boolean(), confirmedBy: confirmedBySchema.optional(), confirmedAt: z.string().optional() });
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const stepViewSchema = z.object({
  id: setupStepIdSchema,
  number: z.number().int(),
  title: z.string(),
  why: z.string(),
  mode: stepModeSchema,
  status: stepStatusViewSchema,
  /** One line: what happened, or for failed what went wrong. */
  detail: z.string().optional(),
  /** What to do next (for failed and unverifiable). */
  hint: z.string().optional(),
  updatedAt: z.string().optional(),
  /** For needs-recheck: why the saved result may no longer hold. */
  staleReason: z.string().optional(),
  /** Instructions for the manual part, in order. */
  instructions: z.array(z.string()).default([]),
  values: z.array(copyValueSchema).default([]),
  checklist: z.array(checklistItemSchema).default([]),
  deepLink: z.object({ label: z.string(), url: z.string() }).optional(),
  findings: z.array(findingSchema).default([]),
  /** Step-specific data for the UI (e.g. the assertion preview, group lists), tagged with its step. */
  data: stepViewDataSchema,
  /** True when the sandbox can play this step's manual part. */
  sandboxCanPlay: z.boolean().default(false),
});
export type StepView = z.infer<typeof stepViewSchema>;

export const settingRowSchema = z.object({
  setting: z.string(),
  value: z.string(),
  how: z.enum(['api', 'manual']),
  /** confirmed: the admin ticked it; sandbox: the sandbox played the admin's clicks (no API reads it back); stale: read back for an org that may have changed since. */
  verification: z.enum(['read-back', 'probed', 'confirmed', 'sandbox', 'not-verifiable', 'pending', 'failed', 'stale']),
  at: z.string().optional(),
});
export type SettingRow = z.infer<typeof settingRowSchema>;

export const setupViewSchema = z.object({
  profileId: z.string(),
  steps: z.array(stepViewSchema),
  /** The first step not yet verified: where the wizard resumes. */
  resumeAt: setupStepIdSchema.optional(),
  summary: z.array(settingRowSchema),
});
export type SetupView = z.infer<typeof setupViewSchema>;

/** Inputs a step run may take; each step reads only its own fields. */
export const stepInputSchema = z
  .object({
    appLabel: z.string().trim().min(1).max(100).optional(),
    defaultRelayState: z.string().max(2000).optional(),
    hideTile: z.boolean().optional(),
    /** Step 2: the admin accepts a full replace of an app whose SCIM provisioning may be on. */
    confirmAppReplace: z.boolean().optional(),
    /** Step 2: the fingerprint of the drift list the admin read when confirming (data.driftFingerprint). */
    replaceFingerprint: z.string().max(100).optional(),
    /** Step 2: the id of an existing app (made outside this profile) the admin confirmed to use. */
    confirmAdoptAppId: z.string().max(100).optional(),
    /** Step 8: the admin accepts that the group rule stops filling the assignment group from dropped groups. */
    confirmRuleRemoval: z.boolean().optional(),
    groupIds: z.array(z.string()).max(500).optional(),
    /** primaryPhone pre-flight: users to fill, and where the value comes from. */
    phoneFill: z
      .object({
        userIds: z.array(z.string()).min(1).max(5000),
        source: z.union([
          z.object({ kind: z.literal('attribute'), attribute: z.string().min(1) }),
          z.object({ kind: z.literal('value'), value: z.string().trim().min(1).max(100) }),
        ]),
      })
      .optional(),
    mappings: z.array(z.object({ oktaGroupId: z.string(), oktaGroupName: z.string(), roleId: z.string(), roleName: z.string() })).optional(),
    checklist: z.record(z.string(), z.boolean()).optional(),
  })
  .default({});
export type StepInput = z.infer<typeof stepInputSchema>;

/** A step's view with its data typed as that step's. */
export type StepViewOf<K extends SetupStepId> = Omit<StepView, 'id' | 'data'> & { id: K; data: StepViewDataOf<K> };

/** Step `id` of a setup view, its data narrowed to that step's (undefined when the view lacks it). */
export function stepOfView<K extends SetupStepId>(view: SetupView, id: K): StepViewOf<K> | undefined {
  const step = view.steps.find((s) => s.id === id);
  if (!step || !isStepData(step.data, id)) return undefined;
  return { ...step, id, data: step.data };
}
