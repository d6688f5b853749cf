import { z } from 'zod';

export const checkOutcomeSchema = z.enum(['pass', 'warn', 'fail', 'skip']);
export type CheckOutcome = z.infer<typeof checkOutcomeSchema>;

/** One itemised SCIM connection check (numbering follows shared/reference/scim-checks.md). */
export const scimCheckResultSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  outcome: checkOutcomeSchema,
  /** The request as sent, with the token redacted. */
  request: z.object({ method: z.string(), url: z.string() }).optional(),
  status: z.number().int().optional(),
  latencyMs: z.number().optional(),
  expected: z.string(),
  actual: z.string().optional(),
  /** The likely cause and what to do, for warn and fail. */
  hint: z.string().optional(),
  /** Set when the answer came only after retries, e.g. "after 1 retry (500)". */
  retried: z.string().optional(),
});
export type ScimCheckResult = z.infer<typeof scimCheckResultSchema>;

export const scimCheckRunSchema = z.object({
  baseUrl: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  write: z.boolean(),
  results: z.array(scimCheckResultSchema),
  /** Test identities the write checks could not remove (empty when clean-up succeeded). */
  leftovers: z.array(z.string()),
  summary: z.object({ pass: z.number(), warn: z.number(), fail: z.number(), skip: z.number() }),
});
export type ScimCheckRun = z.infer<typeof scimCheckRunSchema>;
