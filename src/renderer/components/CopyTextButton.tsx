import { useEffect, useState } from 'react';
import { postError } from '../core/errors';
import { Icon } from './Icon';

interface CopyTextButtonProps {
  /** The text put on the clipboard; the button is disabled while it is empty. */
  value: string;
  /** What is copied ("summary as text"): the button is named "Copy <label>" and the messages say it. */
  label: string;
  /** The visible text before the copy. */
  text?: string;
  /** Named by its visible text instead of "Copy <label>". */
  nameFromText?: boolean;
  /** Announced after the copy; "<label> copied." by default. */
  copiedMessage?: string;
  small?: boolean;
  className?: string;
}

/** Copies a plain value with the browser clipboard; "Copied" for a moment. */
export function CopyTextButton({ value, label, text = 'Copy', nameFromText = false, copiedMessage, small = true, className }: CopyTextButtonProps) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <>
      <button
        type="button"
        className={['btn btn-secondary', small && 'btn-small', className].filter(Boolean).join(' ')}
        aria-label={nameFromText ? undefined : `Copy ${label}`}
        data-copied={copied || undefined}
        disabled={!value}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
          } catch {
            postError({ code: 'INTERNAL', message: 'The clipboard refused the text.', hint: 'Click into the window and try again.' }, { title: `Couldn’t copy the ${label}` });
          }
        }}
      >
        <Icon name={copied ? 'check' : 'copy'} size={14} />
        {copied ? 'Copied' : text}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {copied ? (copiedMessage ?? `${label} copied.`) : ''}
      </span>
    </>
  );
}
