import { useState, type ChangeEvent } from 'react';

/** Each field's error, and `form` for one that belongs to no field. */
export type FormErrors<F extends string> = Partial<Record<F | 'form', string>>;

/** What bind(field) hands a form's input: its value, its error and its change handler. */
export interface FieldBinding {
  value: string;
  error: string | undefined;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}

/**
 * A form's text values and errors. bind(field) wires an input (typing clears its error);
 * showIssues puts the first validation issue of each field next to it.
 */
export function useFieldForm<F extends string>(initial: Record<F, string>) {
  const [values, setValues] = useState<Record<F, string>>(initial);
  const [errors, setErrors] = useState<FormErrors<F>>({});

  const bind = (field: F): FieldBinding => ({
    value: values[field],
    error: errors[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setValues((v) => ({ ...v, [field]: event.target.value }));
      if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
    },
  });

  const showIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
    const next: FormErrors<F> = {};
    for (const issue of issues) {
      const field = issue.path[0] as F | undefined;
      if (field && !next[field]) next[field] = issue.message;
    }
    setErrors(next);
  };

  return { values, errors, setErrors, bind, showIssues };
}
