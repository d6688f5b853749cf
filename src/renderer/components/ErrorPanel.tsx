import type { ReactNode } from 'react';
import { Icon } from './Icon';

interface ErrorPanelProps {
  title: string;
  error: { message: string; hint?: string | undefined };
  /** Offers Retry (after any other actions) when given. */
  onRetry?: (() => void) | undefined;
  /** Actions before Retry, e.g. a way back. */
  children?: ReactNode;
}

/** What a screen shows instead of its content when loading it failed: the error, its hint and the ways on. */
export function ErrorPanel({ title, error, onRetry, children }: ErrorPanelProps) {
  return (
    <div className="state-panel" role="alert">
      <Icon name="alert" size={28} className="state-panel-icon state-panel-icon-danger" />
      <h2>{title}</h2>
      <p>{error.message}</p>
      {error.hint && <p className="muted">{error.hint}</p>}
      <div className="state-panel-actions">
        {children}
        {onRetry && (
          <button type="button" className="btn btn-primary" onClick={onRetry}>
            <Icon name="refresh" />
            Retry
          </button>
        )}
      </div>
    </div>
  );
}
