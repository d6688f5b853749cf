import { z } from 'zod';

/**
 * What each setup step saves in its `data`, one zod schema per step. Steps save through these
 * (SetupContext.saveData / saveOutcome parse every write), main reads saved data back through
 * readStepData, and the renderer gets it as a union discriminated on `stepId`. Every field is
 * optional: a step saves its data in parts as it runs (so a crash resumes from the last part).
 */

/** The article's procedure, in its order. Ids are stable: they key the saved step state. */
export const setupStepIds = [
  'prerequisites',
  'create-app',
  'assertion-preview',
  'threatlocker-saml',
  'enable-scim',
  'scim-connection',
  'to-app',
  'push-groups',
  'primary-phone',
  'group-mapping',
  'allow-sso',
] as const;
export const setupStepIdSchema = z.enum(setupStepIds);
export type SetupStepId = z.infer<typeof setupStepIdSchema>;

/** Who ticked a checklist item: the admin in the wizard, or the sandbox playing the admin's clicks. */
export const confirmedBySchema = z.enum(['admin', 'sandbox']);
export type ConfirmedBy = z.infer<typeof confirmedBySchema>;

/** One line of a step's verification: what was compared or probed, and how it came out. */
export const findingSchema = z.object({
  label: z.string(),
  outcome: z.enum(['pass', 'warn', 'fail', 'info']),
  expected: z.string().optional(),
  actual: z.string().optional(),
  hint: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

const refSchema = z.object({ id: z.string(), name: z.string() });
export type NamedRef = z.infer<typeof refSchema>;

/** Saved data comes from a file (possibly imported): a malformed finding is dropped, not rendered. */
const savedFindingsSchema = z.array(z.unknown()).transform((list) =>
  list.flatMap((f) => {
    const parsed = findingSchema.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  }),
);

/** The error a failed run ended on: saved with the step, and shown to the renderer. */
const errorShape = { error: z.object({ code: z.string(), retryable: z.boolean() }).optional() };

/** Who confirmed a step no API can read back; null once a replace of the app has withdrawn it. */
const confirmedShape = { confirmedBy: confirmedBySchema.nullable().optional() };

/** Keys every step's saved data may hold; the view shows them in its frame (findings, hint, checklist), not in `data`. */
const frameShape = {
  findings: savedFindingsSchema.optional(),
  hint: z.string().optional(),
  checklist: z.record(z.string(), z.boolean()).optional(),
  checklistBy: z.record(z.string(), confirmedBySchema).optional(),
  /** When each item was ticked (ISO time), for the record. */
  checklistAt: z.record(z.string(), z.string()).optional(),
  ...errorShape,
  ...confirmedShape,
};


export const recheckSchema = z.object({
  id: setupStepIdSchema,
  title: z.string(),
  ok: z.boolean(),
  detail: z.string(),
  /** What the admin enters again (absent when the step read back fine). */
  reenter: z.string().optional(),
});
export type Recheck = z.infer<typeof recheckSchema>;

export const pushedGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Assigned to the app directly: the old style Okta does not support for a pushed group. */
  assigned: z.boolean(),
  mappingId: z.string().optional(),
  mappingStatus: z.string().optional(),
  errorSummary: z.string().optional(),
});
export type PushedGroup = z.infer<typeof pushedGroupSchema>;

export const missingPhoneUserSchema = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  /** Other phone-like attributes that could fill primaryPhone, by attribute name. */
  candidates: z.record(z.string(), z.string()),
});
export type MissingPhoneUser = z.infer<typeof missingPhoneUserSchema>;

export const roleSuggestionSchema = z.object({
  oktaGroupId: z.string(),
  oktaGroupName: z.string(),
  roleId: z.string(),
  roleName: z.string(),
  basis: z.enum(['name', 'least-privilege']),
});
export type RoleSuggestion = z.infer<typeof roleSuggestionSchema>;

/** Each step's own data (what the renderer shows), without the frame keys. */
const ownShapes = {
  prerequisites: {
    missingScopes: z.array(z.string()).optional(),
    childOrganizations: z.array(refSchema).optional(),
  },
  'create-app': {
    appId: z.string().optional(),
    appName: z.string().optional(),
    label: z.string().optional(),
    defaultRelayState: z.string().optional(),
    hideTile: z.boolean().optional(),
    /** Marked before the POST: after a crash the next run looks for the app before creating one. */
    creating: z.object({ label: z.string(), at: z.string() }).nullable().optional(),
    fields: z.array(z.object({ setting: z.string(), path: z.string().optional(), ok: z.boolean() })).optional(),
    verifiedAt: z.string().optional(),
    drift: z.array(z.object({ setting: z.string(), expected: z.string(), actual: z.string(), where: z.string() })).optional(),
    replaceNeedsConfirmation: z.boolean().optional(),
    /** Identifies the drift list shown; a confirmed rewrite must carry it back (null once settled). */
    driftFingerprint: z.string().nullable().optional(),
    provisioningReasons: z.array(z.string()).optional(),
    replacedAt: z.string().optional(),
    /** The app was made outside the console and adopted with the admin's confirmation. */
    adopted: z.boolean().optional(),
    /** An app with the label that this profile did not create, waiting for the admin's confirmation. */
    adoptCandidate: z.object({ id: z.string(), label: z.string(), created: z.string().nullable() }).nullable().optional(),
    rechecked: z.array(recheckSchema).optional(),
  },
  'assertion-preview': {
    assertion: z
      .object({
        issuer: z.string(),
        audience: z.string().nullable(),
        recipient: z.string().nullable(),
        destination: z.string().nullable(),
        nameIdFormat: z.string().nullable(),
        sampleNameId: z.string().nullable(),
        sampleUser: z.object({ id: z.string(), login: z.string(), source: z.string() }).nullable(),
        signatureAlgorithm: z.string().nullable(),
        certificateAlgorithm: z.string(),
      })
      .optional(),
  },
  'threatlocker-saml': {
    signOnUrl: z.string().optional(),
    issuer: z.string().optional(),
    certificatePem: z.string().optional(),
    certAlgorithm: z.string().optional(),
    /** The Signature Algorithm to pick in ThreatLocker; null when the certificate is not SHA-2. */
    threatlockerAlgorithm: z.enum(['SHA256', 'SHA512']).nullable().optional(),
    certNotAfter: z.string().optional(),
    ...confirmedShape,
  },
  'enable-scim': { ...confirmedShape },
  'scim-connection': { ...confirmedShape },
  'to-app': {
    /** How the three switches were set: Okta's Features API, or the admin's clicks. */
    how: z.enum(['api', 'manual']).optional(),
    ...confirmedShape,
  },
  'push-groups': {
    /** The groups the admin picked, saved before any change so a restart knows the selection. */
    groups: z.array(refSchema).optional(),
    mappingIds: z.record(z.string(), z.string()).optional(),
    assignmentGroup: z.object({ id: z.string(), name: z.string(), assigned: z.boolean().optional() }).nullable().optional(),
    assignmentRuleId: z.string().optional(),
    assignmentRule: z.object({ id: z.string(), name: z.string(), status: z.string() }).nullable().optional(),
    pushed: z.array(pushedGroupSchema).optional(),
    /** Names of pushed groups also assigned to the app directly. */
    oldStyle: z.array(z.string()).optional(),
    /** Groups a re-run would drop from the group rule, waiting for the admin's confirmation (null once settled). */
    ruleRemovalNeedsConfirmation: z.array(refSchema).nullable().optional(),
    ...confirmedShape,
  },
  'primary-phone': {
    missing: z.array(missingPhoneUserSchema).optional(),
    userCount: z.number().optional(),
    errored: z.number().optional(),
    /** Count and oldest age (ms) per not-finished push state (SYNCING, OUT_OF_SYNC, STAGED). */
    pending: z.record(z.string(), z.object({ count: z.number(), oldestMs: z.number() })).optional(),
    /** One attribute every listed user has: the fill becomes a single confirmation. */
    suggestedSource: z.object({ kind: z.literal('attribute'), attribute: z.string() }).nullable().optional(),
    /** Users whose primaryPhone this console set, saved one by one. */
    filled: z.array(z.string()).optional(),
    lastFill: z
      .object({
        at: z.string(),
        filled: z.number(),
        // Older versions saved only the skipped logins; newer ones say why each was skipped.
        skipped: z.array(z.union([z.object({ login: z.string(), reason: z.string().optional() }), z.string().transform((login): { login: string; reason?: string } => ({ login }))])),
      })
      .optional(),
  },
  'group-mapping': {
    pushedGroups: z.array(refSchema).optional(),
    /** ThreatLocker's roles from the portal API; absent when it was not listed. */
    roles: z.array(refSchema).optional(),
    suggestedMappings: z.array(roleSuggestionSchema).optional(),
    /** Mapped groups Okta answered 404 for at the last verify. */
    goneGroupIds: z.array(z.string()).optional(),
    /** Members per mapped or pushed group (counted up to 1,000) at the last verify. */
    memberCounts: z.record(z.string(), z.number()).optional(),
    ...confirmedShape,
  },
  'allow-sso': { ...confirmedShape },
} as const satisfies Record<SetupStepId, z.ZodRawShape>;

/** A step's saved data: its own keys plus the frame keys. Unknown keys are dropped on read. */
export const stepDataSchemas = {
  prerequisites: z.object({ ...ownShapes.prerequisites, ...frameShape }),
  'create-app': z.object({ ...ownShapes['create-app'], ...frameShape }),
  'assertion-preview': z.object({ ...ownShapes['assertion-preview'], ...frameShape }),
  'threatlocker-saml': z.object({ ...ownShapes['threatlocker-saml'], ...frameShape }),
  'enable-scim': z.object({ ...ownShapes['enable-scim'], ...frameShape }),
  'scim-connection': z.object({ ...ownShapes['scim-connection'], ...frameShape }),
  'to-app': z.object({ ...ownShapes['to-app'], ...frameShape }),
  'push-groups': z.object({ ...ownShapes['push-groups'], ...frameShape }),
  'primary-phone': z.object({ ...ownShapes['primary-phone'], ...frameShape }),
  'group-mapping': z.object({ ...ownShapes['group-mapping'], ...frameShape }),
  'allow-sso': z.object({ ...ownShapes['allow-sso'], ...frameShape }),
};
type StepDataSchemas = typeof stepDataSchemas;

/** The same map, typed per key so that a generic K picks its own schema. */
const typedSchemas: { [K in SetupStepId]: z.ZodType<StepDataOf<K>, StepDataPatch<K>> } = stepDataSchemas;

/** Step K's saved data as read. */
export type StepDataOf<K extends SetupStepId> = z.output<StepDataSchemas[K]>;
/** What step K may write in one save (merged into what it saved before). */
export type StepDataPatch<K extends SetupStepId> = z.input<StepDataSchemas[K]>;

/**
 * Step `id`'s saved data, parsed. `readable: false` when it is in a shape this version cannot
 * read (saved by an older version, or edited by hand): the data is then empty, and the caller
 * shows the step as needing a re-check rather than trust a result it cannot read.
 */
export function readStepData<K extends SetupStepId>(id: K, raw: unknown): { readable: boolean; data: StepDataOf<K> } {
  const schema = typedSchemas[id];
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return { readable: true, data: parsed.data };
  return { readable: false, data: schema.parse({}) };
}

/** The renderer's view of a step's own data, tagged with its step: `step.data.stepId` narrows it. */
export const stepViewDataSchema = z.discriminatedUnion('stepId', [
  z.object({ stepId: z.literal('prerequisites'), ...ownShapes.prerequisites, ...errorShape }),
  z.object({ stepId: z.literal('create-app'), ...ownShapes['create-app'], ...errorShape }),
  z.object({ stepId: z.literal('assertion-preview'), ...ownShapes['assertion-preview'], ...errorShape }),
  z.object({ stepId: z.literal('threatlocker-saml'), ...ownShapes['threatlocker-saml'], ...errorShape }),
  z.object({ stepId: z.literal('enable-scim'), ...ownShapes['enable-scim'], ...errorShape }),
  z.object({ stepId: z.literal('scim-connection'), ...ownShapes['scim-connection'], ...errorShape }),
  z.object({ stepId: z.literal('to-app'), ...ownShapes['to-app'], ...errorShape }),
  z.object({ stepId: z.literal('push-groups'), ...ownShapes['push-groups'], ...errorShape }),
  z.object({ stepId: z.literal('primary-phone'), ...ownShapes['primary-phone'], ...errorShape }),
  z.object({ stepId: z.literal('group-mapping'), ...ownShapes['group-mapping'], ...errorShape }),
  z.object({ stepId: z.literal('allow-sso'), ...ownShapes['allow-sso'], ...errorShape }),
]);
export type StepViewData = z.infer<typeof stepViewDataSchema>;
export type StepViewDataOf<K extends SetupStepId> = Extract<StepViewData, { stepId: K }>;

/** Narrows a view's data to step `id`'s (a type guard on the `stepId` tag). */
export function isStepData<K extends SetupStepId>(data: StepViewData, id: K): data is StepViewDataOf<K> {
  return data.stepId === id;
}

/** Step `id`'s view data when `step` is that step, else undefined. */
export function viewDataOf<K extends SetupStepId>(step: { data: StepViewData } | undefined, id: K): StepViewDataOf<K> | undefined {
  return step && isStepData(step.data, id) ? step.data : undefined;
}

/** The view data of step `id` from its saved data (frame keys left out). */
export function toViewData<K extends SetupStepId>(id: K, data: StepDataOf<K>): StepViewData {
  return stepViewDataSchema.parse({ ...data, stepId: id });
}
