import { useMemo, useState } from 'react';
import { groupFilter, type PickableGroup } from '../../../../../shared/group-filter';
import type { NamedRef } from '../../../../../shared/setup-data';
import { Icon } from '../../../../components/Icon';
import { plural } from '../../../../lib/format';
import { roleNameOf, type DraftRow, type RowIssue } from './draft-rows';

interface Props {
  draft: DraftRow[];
  groups: PickableGroup[];
  roles: NamedRef[] | undefined;
  issues: RowIssue[];
  disabled: boolean;
  onChange: (index: number, patch: Partial<DraftRow>, field: 'group' | 'role') => void;
  onDelete: (index: number) => void;
  onTypeGroup: (query: string) => void;
  /** Members Okta counted for a group at the last verify (up to 1,000), by group name. */
  members: (groupName: string) => number | undefined;
}

/** The editable rows: a type-ahead group cell (pushed groups first), a role cell, the row's problems and a delete button. */
export function MappingRows({ draft, groups, roles, issues, disabled, onChange, onDelete, onTypeGroup, members }: Props) {
  const filter = useMemo(() => groupFilter(groups), [groups]);
  const pushedIds = useMemo(() => new Set(groups.filter((g) => g.pushed).map((g) => g.id)), [groups]);
  // Only the focused row carries a suggestion list, so 10,000 groups never become 10,000 options per row.
  const [focused, setFocused] = useState<string | undefined>();
  return (
    <table className="wizard-table wizard-mapping" aria-label="Group to role mappings">
      <thead>
        <tr>
          <th scope="col">Okta group (Identity Provider Group)</th>
          <th scope="col">ThreatLocker User Role</th>
          <th scope="col">
            <span className="visually-hidden">Row actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {draft.map((d, i) => {
          const rowIssues = issues.filter((x) => x.draft === i);
          const label = d.group.trim() || `row ${i + 1}`;
          const listId = `mapping-groups-${d.key}`;
          const roleKnown = !roles || !d.role || roles.some((r) => r.id === d.role);
          return (
            <tr key={d.key} data-row={i + 1} data-group={d.group} aria-invalid={rowIssues.some((x) => x.severity === 'error') || undefined}>
              <td>
                <input
                  className="input"
                  aria-label={`Okta group, row ${i + 1}`}
                  placeholder="Type to search groups"
                  list={listId}
                  value={d.group}
                  disabled={disabled}
                  onFocus={() => setFocused(d.key)}
                  onChange={(e) => {
                    onChange(i, { group: e.target.value }, 'group');
                    onTypeGroup(e.target.value);
                  }}
                />
                <datalist id={listId}>
                  {focused === d.key &&
                    filter(d.group).map((g) => (
                      <option key={g.id} value={g.name}>
                        {pushedIds.has(g.id) ? 'pushed' : 'not pushed'}
                      </option>
                    ))}
                </datalist>
                {/* Under the group: the group's size in Okta, not who gets the role (a failed sync, a second group): "Who gets which role" below says that. */}
                {members(d.group) !== undefined && (
                  <span className="wizard-caption mapping-members">{members(d.group)! >= 1000 ? '1,000 or more members in Okta' : `${plural(members(d.group)!, 'member', 'members')} in Okta`}</span>
                )}
                <RowIssues issues={rowIssues.filter((x) => !isAboutRole(x))} />
              </td>
              <td>
                {roles ? (
                  <select
                    className="input wizard-select"
                    aria-label={`Role for ${label}`}
                    value={d.role}
                    disabled={disabled}
                    onChange={(e) => onChange(i, { role: e.target.value }, 'role')}
                  >
                    <option value="">Not mapped</option>
                    {!roleKnown && <option value={d.role}>{roleNameOf(d, roles)} (not in this organization)</option>}
                    {roles.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    className="input"
                    aria-label={`Role for ${label}`}
                    placeholder="Role name as ThreatLocker shows it"
                    value={d.role}
                    disabled={disabled}
                    onChange={(e) => onChange(i, { role: e.target.value }, 'role')}
                  />
                )}
                <RowIssues issues={rowIssues.filter(isAboutRole)} />
              </td>
              <td>
                <button type="button" className="btn btn-ghost btn-small" aria-label={`Delete row ${i + 1} (${label})`} disabled={disabled} onClick={() => onDelete(i)}>
                  <Icon name="trash" size={14} /> Delete
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A problem with the row's role is shown under the role, the others under the group. */
const isAboutRole = (x: RowIssue) => x.code === 'unknown-role' || x.code === 'broad-admin' || (x.code === 'incomplete' && x.groupId !== undefined);

function RowIssues({ issues }: { issues: RowIssue[] }) {
  return issues.map((x, n) => (
    <p key={n} className={`wizard-caption mapping-issue mapping-${x.severity}`} data-issue={x.code}>
      <Icon name={x.severity === 'error' ? 'alert' : 'info'} size={12} /> {x.message} {x.fix}
    </p>
  ));
}
