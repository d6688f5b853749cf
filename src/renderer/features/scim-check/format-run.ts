import type { CheckOutcome } from '../../../shared/scim-check';

export const outcomeLabels: Record<CheckOutcome, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', skip: 'Skipped' };

/** "Copy as text" copies what the CLI prints: one formatter for both, in src/shared. */
export { formatScimRunText as formatRunAsText } from '../../../shared/scim-check-text';
