import type { MappingRow } from '../../../../../shared/mapping-validation';
import type { MappingChange } from '../../../../../shared/profile';
import { CopyTextButton } from '../../../../components/CopyTextButton';
import { absoluteTime } from '../../../../lib/format';

/**
 * The saved rows as ThreatLocker's Group Mapping tab asks for them (Identity Provider Group, then
 * User Role), with copy buttons, and a plain account of what the console checked itself.
 */
export function MappingChecklist({ rows, sandbox, history }: { rows: MappingRow[]; sandbox: boolean; history: MappingChange[] }) {
  if (!rows.length) return null;
  return (
    <section className="wizard-block" aria-label="Rows to enter in ThreatLocker">
      <h3 className="wizard-block-title">Enter these in ThreatLocker, in this order</h3>
      <ol className="mapping-checklist">
        {rows.map((r) => (
          <li key={r.oktaGroupId}>
            <span>Identity Provider Group</span> <strong>{r.oktaGroupName}</strong>{' '}
            <CopyTextButton value={r.oktaGroupName} label={`group name ${r.oktaGroupName}`} />
            <span aria-hidden="true"> → </span>
            <span>User Role</span> <strong>{r.roleName}</strong> <CopyTextButton value={r.roleName} label={`role name ${r.roleName}`} />
          </li>
        ))}
      </ol>
      <p className="wizard-caption" data-testid="mapping-trust">
        Checked by the console (a failure shows as a problem above): each group exists in Okta and its push is ACTIVE (step 8), members counted through Okta, and each role exists in this ThreatLocker organization (portal API, when listed).{' '}
        {sandbox
          ? 'In the sandbox the ThreatLocker simulator’s Group Mapping tab is read back and compared with these rows.'
          : 'ThreatLocker has no API for the Group Mapping tab: the rows there are only confirmed by you, below.'}
      </p>
      {history.length > 0 && (
        <details className="mapping-history">
          <summary>Change history ({history.length})</summary>
          <ul>
            {[...history].reverse().map((h, i) => (
              <li key={i}>
                {absoluteTime(h.at)}, {h.by}: {h.summary}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
