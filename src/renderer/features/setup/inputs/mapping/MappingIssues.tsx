import { useEffect, useRef, useState } from 'react';
import { Spinner } from '../../../../components/Dialog';
import { plural } from '../../../../lib/format';
import type { RowIssue } from './draft-rows';

export interface IssueFix {
  label: string;
  /** May return a sentence saying what it did (shown as a status under the heading). */
  run: () => void | Promise<string | void>;
  /** A fix that changes Okta asks first, inline: one sentence saying what it will do, and the button that does it. */
  confirm?: { says: string; label: string };
}

/** Every problem in one list, each with its fix as a button (the rows show theirs inline too). */
export function MappingIssues({ issues, fixFor, disabled }: { issues: RowIssue[]; fixFor: (issue: RowIssue) => IssueFix | undefined; disabled: boolean }) {
  const [asking, setAsking] = useState<string>();
  const [running, setRunning] = useState<string>();
  const [note, setNote] = useState<string>();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const askingFix = useRef<HTMLButtonElement>(null);
  const cancel = () => {
    setAsking(undefined);
    askingFix.current?.focus();
  };
  useEffect(() => {
    if (asking) confirmButton.current?.focus();
  }, [asking]);

  const start = async (fix: IssueFix) => {
    setAsking(undefined);
    setNote(undefined);
    setRunning(fix.label);
    try {
      const said = await fix.run();
      if (said) setNote(said);
    } finally {
      setRunning(undefined);
    }
  };

  const errors = issues.filter((i) => i.severity === 'error').length;
  const status = note && <p className="wizard-caption" role="status">{note}</p>;
  if (!issues.length) {
    return (
      <>
        {status}
        <p className="wizard-caption" role="status" data-testid="mapping-issues">
          No problems found in these rows.
        </p>
      </>
    );
  }
  return (
    <section className="wizard-block mapping-issues" aria-label="Problems in the mappings" data-testid="mapping-issues">
      <h4 className="wizard-block-title" role="status">
        {errors ? plural(errors, 'problem') + ' to fix' : ''}
        {errors && issues.length > errors ? ', ' : ''}
        {issues.length > errors ? plural(issues.length - errors, 'row') + ' to review' : ''}
      </h4>
      {status}
      <ul>
        {issues.map((issue, n) => {
          const fix = fixFor(issue);
          const key = fix && `${n}:${fix.label}`;
          return (
            <li key={n} data-issue={issue.code} className={`mapping-${issue.severity}`}>
              {issue.draft !== undefined ? `Row ${issue.draft + 1}: ` : ''}
              {issue.message} {issue.fix}{' '}
              {fix && (
                <button
                  ref={asking === key ? askingFix : undefined}
                  type="button"
                  className="btn btn-secondary btn-small"
                  disabled={disabled || running !== undefined}
                  aria-expanded={fix.confirm ? asking === key : undefined}
                  onClick={() => (fix.confirm ? setAsking(asking === key ? undefined : key) : void start(fix))}
                >
                  {running === fix.label && <Spinner />}
                  {fix.label}
                </button>
              )}
              {fix?.confirm && asking === key && (
                <div className="mapping-fix-confirm" role="group" aria-label={`Confirm: ${fix.label}`} onKeyDown={(e) => e.key === 'Escape' && cancel()}>
                  <p>{fix.confirm.says}</p>
                  <button ref={confirmButton} type="button" className="btn btn-primary btn-small" disabled={disabled} onClick={() => void start(fix)}>
                    {fix.confirm.label}
                  </button>
                  <button type="button" className="btn btn-secondary btn-small" onClick={cancel}>
                    Cancel
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
