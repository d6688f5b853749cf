import { useEffect, useState, type ReactNode } from 'react';
import type { MappingRow } from '../../../../../shared/mapping-validation';
import { statusSourceLabels } from '../../../../../shared/provisioning-status';
import type { RoleImpact as Impact } from '../../../../../shared/role-impact';
import { Callout } from '../../../../components/Callout';
import { Spinner } from '../../../../components/Dialog';
import { Icon } from '../../../../components/Icon';
import { useAppStore } from '../../../../core/app-store';
import { valueOf } from '../../../../lib/async';
import { absoluteTime, plural } from '../../../../lib/format';
import { useSetupStore } from '../../setup-store';
import { useRoleImpactStore } from './role-impact-store';

/** Edits settle for this long before the preview runs again in main. */
const DEBOUNCE_MS = 300;
/** People named per list; main sends up to 100 and counts everyone. */
const SHOWN = 20;
const people = (n: number) => plural(n, 'person', 'people');

/**
 * "Who gets which role": the editor's current rows over the people of the latest status data.
 * A preview from what Okta and ThreatLocker listed when the status was read, not a read of
 * ThreatLocker's Group Mapping tab (which has no API).
 */
export function RoleImpact({ profileId, rows }: { profileId: string | undefined; rows: readonly MappingRow[] }) {
  const preview = useRoleImpactStore((s) => s.preview);
  const load = useRoleImpactStore((s) => s.load);
  const setTab = useAppStore((s) => s.setTab);
  const rowsKey = rows.map((r) => `${r.oktaGroupId}\u0000${r.oktaGroupName}\u0000${r.roleId}\u0000${r.roleName}`).join('\u0001');
  // A status refresh that ends while the editor is open brings new people: the preview runs again.
  const [statusReads, setStatusReads] = useState(0);
  useEffect(() => window.api.on('status:done', (p) => p.profileId === profileId && setStatusReads((n) => n + 1)), [profileId]);
  // Each run of this step lists ThreatLocker's roles again (one may have been deleted there): main checks the rows against the new list.
  const stepRunAt = useSetupStore((s) => valueOf(s.view)?.steps.find((st) => st.id === 'group-mapping')?.updatedAt);
  useEffect(() => {
    if (!profileId) return;
    const timer = setTimeout(() => void load(profileId, rows), DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rowsKey stands for the rows
  }, [profileId, rowsKey, statusReads, stepRunAt, load]);

  const answer = valueOf(preview);
  return (
    <section className="wizard-block role-impact" aria-labelledby="role-impact-title" data-testid="role-impact" aria-busy={preview.status === 'loading'}>
      <h3 className="wizard-block-title" id="role-impact-title">
        Who gets which role
        {preview.status === 'loading' && <Spinner />}
      </h3>
      {preview.status === 'error' && (
        <p className="mapping-error" role="alert">
          {preview.error.message} {preview.error.hint}
        </p>
      )}
      {answer && !answer.impact && (
        <div className="wizard-block wizard-inline-note">
          <Icon name="users" size={16} />
          <p>No status data yet for this profile, so the console cannot say who gets which role. The Status screen reads Okta’s app users and pushed groups and ThreatLocker’s administrators; refresh it there, then come back.</p>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setTab('status')}>
            Open the Status screen
          </button>
        </div>
      )}
      {answer?.impact && (
        <>
          <p className="wizard-caption" data-testid="role-impact-source">
            From the status data read {absoluteTime(answer.takenAt ?? undefined)}
            {answer.fromSnapshot ? ' (the saved snapshot)' : ''} ({people(answer.impact.people)}, {answer.impact.inPushedGroups} in a pushed group), with the rows above. A preview from what Okta and
            ThreatLocker listed then, not a read of ThreatLocker’s Group Mapping tab.{' '}
            {answer.rolesListedAt
              ? `Roles checked against ThreatLocker’s role list from this step’s run ${absoluteTime(answer.rolesListedAt)}.`
              : 'ThreatLocker’s roles were not read yet (run this step), so every role counts as existing.'}
          </p>
          {answer.failedSources.length > 0 && (
            <p className="mapping-review">That read was partial ({answer.failedSources.map((s) => statusSourceLabels[s]).join(', ')} failed): refresh the status for a full preview.</p>
          )}
          <ImpactDetails impact={answer.impact} />
        </>
      )}
    </section>
  );
}

function ImpactDetails({ impact }: { impact: Impact }) {
  const { multiRole, noRole } = impact;
  const missing = impact.roles.some((r) => !r.listed);
  return (
    <>
      {impact.roles.length > 0 && (
        <table className="wizard-table" aria-label="People per role">
          <thead>
            <tr>
              <th scope="col">ThreatLocker role</th>
              <th scope="col">People</th>
              <th scope="col">Through the groups</th>
            </tr>
          </thead>
          <tbody>
            {impact.roles.map((r) =>
              r.listed ? (
                <tr key={r.roleId || r.roleName}>
                  <th scope="row">{r.roleName}</th>
                  <td>{r.people}</td>
                  <td>{r.groups.join(', ')}</td>
                </tr>
              ) : (
                <tr key={r.roleId || r.roleName} className="role-impact-missing" data-missing-role={r.roleName}>
                  <th scope="row">
                    <Icon name="alert" size={12} /> {r.roleName} — not in this organization
                  </th>
                  <td>{people(r.people)} get no role through it</td>
                  <td>{r.groups.join(', ')}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {multiRole.total > 0 && (
        <Callout tone="warning" icon="alert" title={`To review: ${people(multiRole.total)} would get two or more roles`} data-finding="multi-role">
          <p>
            They are in groups mapped to different roles, and ThreatLocker does not say which one applies. Fix: map those groups to the same role, or take the person out of one group in Okta, so each
            person gets one role on purpose.
          </p>
          <PersonList
            total={multiRole.total}
            items={multiRole.people}
            render={(p) => (
              <>
                <strong>{p.name}</strong> ({p.userName}): {p.roles.map((r) => `${r.roleName} (through ${r.via.join(', ')})`).join('; ')}
              </>
            )}
          />
        </Callout>
      )}
      {noRole.total > 0 && (
        <Callout tone="warning" icon="users" title={`${people(noRole.total)} in a pushed group would get no role`} data-finding="no-role">
          <p>
            None of their pushed groups has a row{missing ? ', or its row’s role is not in this ThreatLocker organization any more' : ''}. Fix: add a row for the group, or stop pushing it (step
            8){missing ? '; for a missing role, pick another role in its row' : ''}.
          </p>
          <PersonList
            total={noRole.total}
            items={noRole.people}
            render={(p) => (
              <>
                <strong>{p.name}</strong> ({p.userName}): in {p.groups.join(', ')}
                {p.missingRoles.length > 0 && ` (${p.missingRoles.join(', ')}: not in this organization)`}
              </>
            )}
          />
        </Callout>
      )}
      {multiRole.total === 0 && noRole.total === 0 && impact.inPushedGroups > 0 && <p className="wizard-caption">Everyone in a pushed group gets exactly one role.</p>}
    </>
  );
}

function PersonList<T extends { key: string }>({ total, items, render }: { total: number; items: T[]; render: (item: T) => ReactNode }) {
  const shown = items.slice(0, SHOWN);
  return (
    <>
      <ul className="role-impact-people">
        {shown.map((p) => (
          <li key={p.key}>{render(p)}</li>
        ))}
      </ul>
      {total > shown.length && <p className="wizard-caption">and {people(total - shown.length)} more.</p>}
    </>
  );
}
