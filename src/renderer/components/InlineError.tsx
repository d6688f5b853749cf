import type { UiError } from '../core/errors';
import { Icon } from './Icon';

/** True when the error itself invites another try (its flag, or a message or hint that says to retry). */
export function saysRetry(error: UiError): boolean {
  return error.retryable === true || /\b(retry|try again|run (this step|it) again)\b/i.test(`${error.message} ${error.hint ?? ''}`);
}

/**
 * An error shown where a list or field would be, with its hint and, when the error says to try
 * again, a Retry button that does exactly that.
 */
export function InlineError({ error, onRetry, retryLabel = 'Retry' }: { error: UiError; onRetry: () => void; retryLabel?: string }) {
  return (
    <div className="field-error inline-error" role="alert">
      <p>
        {error.message} {error.hint}
      </p>
      {saysRetry(error) && (
        <button type="button" className="btn btn-secondary btn-small" onClick={onRetry}>
          <Icon name="refresh" />
          {retryLabel}
        </button>
      )}
    </div>
  );
}
