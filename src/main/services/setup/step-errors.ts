import { AppError } from '../../../shared/errors';
import type { StepOutcome } from './setup-context';

/** A failure during a step becomes its saved "failed" state: what went wrong and what to do. */
export function failedOutcome(err: unknown, fallbackHint = 'Run the step again.'): StepOutcome {
  if (err instanceof AppError) {
    const retryable = err.retryable ?? ['NETWORK', 'TIMEOUT', 'RATE_LIMITED', 'REMOTE_ERROR'].includes(err.code);
    return {
      status: 'failed',
      detail: err.message,
      hint: err.hint ?? (retryable ? 'This is temporary: run the step again.' : fallbackHint),
      data: { error: { code: err.code, retryable } },
    };
  }
  return {
    status: 'failed',
    detail: 'Something went wrong inside the console. The details are in the log file.',
    hint: fallbackHint,
    data: { error: { code: 'INTERNAL', retryable: true } },
  };
}
