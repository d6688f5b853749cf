import { errorCodes, type AppErrorShape, type ErrorCode } from '../../shared/errors';
import { useAppStore } from './app-store';
import { useToastStore, type ToastAction } from './toast-store';

/** What the UI knows about a failure: the IpcError shape, nothing more (no stack, no secret). */
export type UiError = AppErrorShape;

export interface ErrorContext {
  /**
   * Shows the error next to the control that caused it (a form). A store that shows the error
   * postError returns in its own panel passes only `inlineCodes`.
   */
  inline?: (error: UiError) => void;
  /**
   * Which codes stay inline (no toast); VALIDATION by default. 'all' is every code but INTERNAL:
   * a crash still becomes a toast (and a renderer-side one is logged).
   */
  inlineCodes?: readonly ErrorCode[] | 'all';
  /** Offered as "Retry" when the error says it is retryable. */
  retry?: () => unknown;
  /** The profile the call was about, so a credentials problem can link to its token cards. */
  profileId?: string;
  /** A short title for the toast ("Couldn’t save the token"); the message follows it. */
  title?: string;
}

const knownCodes = new Set<string>(errorCodes);

/** Anything thrown -> a UiError. Unknown errors get a friendly generic text, never their raw message. */
export function toUiError(error: unknown): UiError {
  if (error && typeof error === 'object') {
    const candidate = error as Partial<AppErrorShape>;
    if (typeof candidate.code === 'string' && knownCodes.has(candidate.code) && typeof candidate.message === 'string') {
      const shape: UiError = { code: candidate.code, message: candidate.message };
      if (typeof candidate.hint === 'string') shape.hint = candidate.hint;
      if (typeof candidate.retryable === 'boolean') shape.retryable = candidate.retryable;
      return shape;
    }
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong in the console window.',
    hint: 'Try again. If it keeps happening, reload the window (Ctrl+R) — your profiles and tokens are safe.',
    retryable: true,
  };
}

/** One link of the chain: returns true when it took care of the error. */
type ErrorHandler = (error: UiError, context: ErrorContext) => boolean;

const inlineHandler: ErrorHandler = (error, context) => {
  if (!context.inline && !context.inlineCodes) return false;
  const codes = context.inlineCodes ?? ['VALIDATION'];
  const inline = codes === 'all' ? error.code !== 'INTERNAL' : codes.includes(error.code);
  if (!inline) return false;
  context.inline?.(error);
  return true;
};

/** Codes that mean a token is missing or wrong: the fix is on the profile's Credentials tab. */
export const credentialCodes: readonly ErrorCode[] = ['SECRET_MISSING', 'AUTH_FAILED', 'PERMISSION_DENIED'];

/** Credential problems link straight to the token cards of the profile concerned. */
const credentialsHandler: ErrorHandler = (error, context) => {
  if (!context.profileId || !credentialCodes.includes(error.code)) return false;
  const profileId = context.profileId;
  const actions: ToastAction[] = [
    { label: 'Open credentials', run: () => useAppStore.getState().openProfile(profileId, 'credentials') },
  ];
  if (error.retryable && context.retry) actions.push({ label: 'Retry', run: () => void context.retry?.() });
  useToastStore.getState().show({ tone: 'error', title: context.title ?? error.message, message: context.title ? error.message : undefined, hint: error.hint, actions });
  return true;
};

const toastHandler: ErrorHandler = (error, context) => {
  const actions: ToastAction[] = [];
  if (error.retryable && context.retry) actions.push({ label: 'Retry', run: () => void context.retry?.() });
  useToastStore.getState().show({
    tone: 'error',
    title: context.title ?? error.message,
    message: context.title ? error.message : undefined,
    hint: error.hint,
    actions,
  });
  return true;
};

const chain: ErrorHandler[] = [inlineHandler, credentialsHandler, toastHandler];

/**
 * The renderer's one way to surface a failure (GitHub Desktop's postError): every store action
 * catches and hands the error here; the chain decides inline message vs toast.
 */
export function postError(error: unknown, context: ErrorContext = {}): UiError {
  const uiError = toUiError(error);
  if (uiError.code === 'INTERNAL' && !(error && typeof error === 'object' && 'code' in error)) {
    // A renderer-side bug: keep the detail in DevTools, show the person something useful.
    console.error(error);
  }
  for (const handler of chain) {
    if (handler(uiError, context)) break;
  }
  return uiError;
}

/**
 * Main reports schema problems as "field: message; other: message". Splits them back so a form
 * can put each next to its field; anything without a known field lands in `form`.
 */
export function fieldErrors(error: UiError, fields: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of error.message.split('; ')) {
    const match = /^([\w.]+): (.+)$/.exec(part);
    const field = match?.[1]?.split('.')[0];
    if (match && field && fields.includes(field)) result[field] ??= match[2] ?? part;
    else result.form = result.form ? `${result.form} ${part}` : part;
  }
  return result;
}
