import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Icon } from './Icon';

interface DialogProps {
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  onClose: () => void;
  /** While busy, Escape and the close button do nothing: the call is already on its way. */
  busy?: boolean;
  /** Hides the × button for dialogs that only close when their job is done. */
  dismissible?: boolean;
  size?: 'small' | 'medium';
  tone?: 'default' | 'danger';
}

/**
 * A modal on the native <dialog>: the browser gives us the focus trap, Escape, the top layer
 * and inert background. Put data-autofocus on the control that should take focus first.
 */
export function Dialog({ title, description, children, onClose, busy = false, dismissible = true, size = 'small', tone = 'default' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.close();
      if (returnFocus?.isConnected) returnFocus.focus();
    };
  }, []);

  const requestClose = () => {
    if (!busy && dismissible) onClose();
  };

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}${tone === 'danger' ? ' dialog-danger' : ''}`}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      aria-busy={busy || undefined}
      onCancel={(event) => {
        event.preventDefault();
        requestClose();
      }}
      onMouseDown={(event) => {
        // A press on the backdrop lands on the <dialog> element itself.
        if (event.target === event.currentTarget) requestClose();
      }}
    >
      <div className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {dismissible && (
          <button type="button" className="icon-button" aria-label="Close" onClick={requestClose} disabled={busy}>
            <Icon name="x" />
          </button>
        )}
      </div>
      {description && (
        <div id={descriptionId} className="dialog-description">
          {description}
        </div>
      )}
      {children}
    </dialog>
  );
}

interface ConfirmDialogProps {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: 'default' | 'danger';
  onConfirm: () => Promise<unknown> | unknown;
  onClose: () => void;
}

/** "Are you sure?" with the safe choice focused first. */
export function ConfirmDialog({ title, description, confirmLabel, cancelLabel = 'Cancel', tone = 'default', onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={title} description={description} onClose={onClose} busy={busy} tone={tone}>
      <div className="dialog-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy} data-autofocus>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={`btn ${tone === 'danger' ? 'btn-danger' : 'btn-primary'}`}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy && <Spinner />}
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** A form dialog's Cancel and submit buttons; both are disabled, and the submit spins, while busy. */
export function FormActions({ submitLabel, onCancel, busy }: { submitLabel: string; onCancel: () => void; busy: boolean }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy && <Spinner />}
        {submitLabel}
      </button>
    </div>
  );
}

export function Spinner({ label }: { label?: string }) {
  return <span className="spinner" role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true} />;
}
