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

/**
 * The last run saved in a profile. A run in a shape this version cannot read (saved by another
 * version, or edited by hand) loads as `{ unreadable: true }`: the profile still opens, the
 * screens say the check must run again, and the next run replaces it.
 */
export const savedScimCheckSchema = z.union([
  scimCheckRunSchema,
  z.object({ unreadable: z.literal(true) }),
  z.unknown().transform(() => ({ unreadable: true as const })),
]);
export type SavedScimCheck = z.infer<typeof savedScimCheckSchema>;

/** The saved run, when there is one this version can read. */
export function readableRun(saved: SavedScimCheck | undefined): ScimCheckRun | undefined {
  return saved && !('unreadable' in saved) ? saved : undefined;
}

/**
 * How each result is numbered on screen and in text: the check's number, with a letter when one
 * check has several results ("1a", "1b", "1c", "2", "3a", "3b"), so no number repeats.
 */
export function resultNumbers(results: readonly Pick<ScimCheckResult, 'number'>[]): string[] {
  const total = new Map<number, number>();
  for (const r of results) total.set(r.number, (total.get(r.number) ?? 0) + 1);
  const seen = new Map<number, number>();
  return results.map((r) => {
    if (total.get(r.number) === 1) return String(r.number);
    const index = seen.get(r.number) ?? 0;
    seen.set(r.number, index + 1);
    return `${r.number}${String.fromCharCode(97 + (index % 26))}`;
  });
}
