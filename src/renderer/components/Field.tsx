import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  help?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  prefix?: string;
}

/** A labelled text input with help and error text wired to aria-describedby. */
export function Field({ label, help, error, optional, prefix, className, ...input }: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = (error ? errorId : help ? helpId : undefined);
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {optional && (
          <span className="field-optional" aria-hidden="true">
            Optional
          </span>
        )}
      </label>
      <div className={prefix ? 'input-group' : undefined}>
        {prefix && <span className="input-prefix" aria-hidden="true">{prefix}</span>}
        <input id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {help && !error && (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
    </div>
  );
}
