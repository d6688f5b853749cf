import { plural } from '../../../../lib/format';
import type { RowIssue } from './draft-rows';

export interface IssueFix {
  label: string;
  run: () => void;
}

/** Every problem in one list, each with its fix as a button (the rows show theirs inline too). */
export function MappingIssues({ issues, fixFor }: { issues: RowIssue[]; fixFor: (issue: RowIssue) => IssueFix | undefined }) {
  if (!issues.length) {
    return (
      <p className="wizard-caption" role="status" data-testid="mapping-issues">
        No problems found in these rows.
      </p>
    );
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <section className="wizard-block mapping-issues" aria-label="Problems in the mappings" data-testid="mapping-issues">
      <h4 className="wizard-block-title" role="status">
        {errors ? plural(errors, 'problem') + ' to fix' : ''}
        {errors && issues.length > errors ? ', ' : ''}
        {issues.length > errors ? plural(issues.length - errors, 'row') + ' to review' : ''}
      </h4>
      <ul>
        {issues.map((issue, n) => {
          const fix = fixFor(issue);
          return (
            <li key={n} data-issue={issue.code} className={`mapping-${issue.severity}`}>
              {issue.draft !== undefined ? `Row ${issue.draft + 1}: ` : ''}
              {issue.message} {issue.fix}{' '}
              {fix && (
                <button type="button" className="btn btn-secondary btn-small" onClick={fix.run}>
                  {fix.label}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
