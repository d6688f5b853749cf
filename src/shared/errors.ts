import { z } from 'zod';

/** Stable error codes the renderer routes on. Add, never rename. */
export const errorCodes = [
  'VALIDATION',          // a request did not match its schema
  'NOT_FOUND',
  'CONFLICT',
  'PROFILE_CORRUPT',
  'PROFILE_TOO_NEW',
  'SECRET_MISSING',
  'KEYCHAIN_UNAVAILABLE',
  'HOST_NOT_ALLOWED',
  'NETWORK',
  'TIMEOUT',
  'RATE_LIMITED',
  'AUTH_FAILED',
  'PERMISSION_DENIED',
  'REMOTE_ERROR',
  'BAD_RESPONSE',
  'SANDBOX',
  'UNTRUSTED_SENDER',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  hint: z.string().optional(),
  retryable: z.boolean().optional(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

/**
 * The one error type services throw. Its message is shown to a person as is, so it must say
 * what happened in one line, and never carry a secret or a stack.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly retryable: boolean | undefined;

  constructor(code: ErrorCode, message: string, opts: { hint?: string; retryable?: boolean; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = opts.hint;
    this.retryable = opts.retryable;
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, message: this.message };
    if (this.hint !== undefined) shape.hint = this.hint;
    if (this.retryable !== undefined) shape.retryable = this.retryable;
    return shape;
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
