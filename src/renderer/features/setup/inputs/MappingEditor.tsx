import { useContext, useEffect, useState } from 'react';
import type { StepView } from '../../../../shared/setup';
import { Spinner } from '../../../components/Dialog';
import { Icon } from '../../../components/Icon';
import { SavedMappingsContext } from '../saved-mappings';
import { useSetupStore } from '../setup-store';
import { dataOf } from '../step-data';

export function MappingEditor({ step, steps, disabled }: { step: StepView; steps: StepView[]; disabled: boolean }) {
  const runStep = useSetupStore((s) => s.runStep);
  const select = useSetupStore((s) => s.select);
  const savedInSession = useSetupStore((s) => s.savedMappings);
  const profileId = useSetupStore((s) => s.profileId);
  // Older sessions' mappings live in the profile file, which the profile screen has loaded and hands down.
  const fromProfile = useContext(SavedMappingsContext);
  const profileMappings = fromProfile && fromProfile.profileId === profileId ? fromProfile.mappings : undefined;
  // Until this step has run once, its data has no groups: take them from the push step.
  const data = dataOf(step, 'group-mapping');
  const ownGroups = data?.pushedGroups ?? [];
  const groups = ownGroups.length ? ownGroups : (dataOf(steps.find((s) => s.id === 'push-groups'), 'push-groups')?.groups ?? []);
  const roles = data?.roles ?? [];
  const rolesListed = data?.roles !== undefined;
  const saved = (savedInSession && savedInSession.profileId === profileId ? savedInSession.mappings : undefined) ?? profileMappings ?? [];
  const savedKey = saved.map((m) => `${m.oktaGroupId}=${m.roleId}`).join('|');
  // Main proposes a role per group from the names; they fill the editor until something is saved.
  const suggestions = new Map(
    (data?.suggestedMappings ?? []).map((sug) => [sug.oktaGroupId, sug] as const),
  );
  const initial = () =>
    saved.length
      ? Object.fromEntries(saved.map((m) => [m.oktaGroupId, roles.length ? m.roleId : m.roleName]))
      : Object.fromEntries([...suggestions].map(([groupId, sug]) => [groupId, roles.length ? sug.roleId : sug.roleName]));
  const [draft, setDraft] = useState<Record<string, string>>(initial);
  useEffect(() => {
    setDraft(initial());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- savedKey stands for saved
  }, [savedKey]);
  // Suggestions arrive with "Load ThreatLocker roles": show them at once, keeping any role the admin already picked.
  const suggestionsKey = `${roles.length}:${[...suggestions].map(([groupId, sug]) => `${groupId}=${sug.roleId}`).join('|')}`;
  useEffect(() => {
    if (saved.length || suggestions.size === 0) return;
    setDraft((current) => ({ ...initial(), ...Object.fromEntries(Object.entries(current).filter(([, role]) => role.trim())) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- suggestionsKey stands for suggestions and roles
  }, [suggestionsKey]);
  const [saving, setSaving] = useState(false);
  const suggested = (groupId: string) => {
    const sug = suggestions.get(groupId);
    return sug !== undefined && draft[groupId] === (roles.length ? sug.roleId : sug.roleName);
  };
  const pushStep = steps.find((s) => s.id === 'push-groups');

  if (groups.length === 0) {
    return (
      <div className="wizard-block wizard-inline-note">
        <Icon name="users" size={16} />
        <p>No groups are pushed yet. Push the groups whose members become administrators first.</p>
        {pushStep && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => select('push-groups')}>
            Go to step {pushStep.number}
          </button>
        )}
      </div>
    );
  }

  const mappings = groups.flatMap((g) => {
    const chosen = draft[g.id]?.trim();
    if (!chosen) return [];
    const role = roles.find((r) => r.id === chosen);
    return [{ oktaGroupId: g.id, oktaGroupName: g.name, roleId: role ? role.id : chosen, roleName: role ? role.name : chosen }];
  });
  const changed = mappings.map((m) => `${m.oktaGroupId}=${m.roleId}`).join('|') !== savedKey;

  return (
    <div className="wizard-block" data-testid="mapping-editor">
      <h3 className="wizard-block-title">
        Role for each pushed group
        <span className="wizard-block-meta">
          {mappings.length} of {groups.length} mapped
        </span>
      </h3>
      {roles.length === 0 &&
        (rolesListed || step.status !== 'not-started' ? (
          <p className="wizard-caption">
            Type each role’s name exactly as ThreatLocker shows it. With a ThreatLocker portal API token saved under Credentials,
            the console lists the roles for you.
          </p>
        ) : (
          <div className="wizard-block wizard-inline-note">
            <Icon name="building" size={16} />
            <p>The console lists ThreatLocker’s roles through the portal API (read only), or you type their names.</p>
            <button type="button" className="btn btn-secondary btn-small" disabled={disabled} onClick={() => void runStep(step.id, {})}>
              {disabled ? <Spinner /> : <Icon name="refresh" />}
              Load ThreatLocker roles
            </button>
          </div>
        ))}
      <table className="wizard-table wizard-mapping" aria-label="Group to role mappings">
        <thead>
          <tr>
            <th scope="col">Okta group (Identity Provider Group)</th>
            <th scope="col">ThreatLocker User Role</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.id} data-group={g.name}>
              <td className="wizard-strong">
                <Icon name="users" size={14} className="wizard-muted-icon" /> {g.name}
              </td>
              <td>
                {roles.length ? (
                  <select
                    className="input wizard-select"
                    aria-label={`Role for ${g.name}`}
                    value={draft[g.id] ?? ''}
                    disabled={disabled}
                    onChange={(e) => setDraft((d) => ({ ...d, [g.id]: e.target.value }))}
                  >
                    <option value="">Not mapped</option>
                    {roles.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    className="input"
                    aria-label={`Role for ${g.name}`}
                    placeholder="Role name"
                    value={draft[g.id] ?? ''}
                    disabled={disabled}
                    onChange={(e) => setDraft((d) => ({ ...d, [g.id]: e.target.value }))}
                  />
                )}
                {saved.length === 0 && suggested(g.id) && (
                  <span className="wizard-suggested">
                    <Icon name="info" size={12} />
                    {suggestions.get(g.id)?.basis === 'least-privilege' ? 'Suggested: least privilege (no name match)' : 'Suggested from the group name'}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="wizard-row-actions">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={disabled || !changed || mappings.length === 0}
          onClick={async () => {
            setSaving(true);
            await runStep(step.id, { mappings });
            setSaving(false);
          }}
        >
          {saving ? <Spinner /> : <Icon name="check" />}
          Save mappings
        </button>
        <span className="wizard-caption">
          {changed && saved.length === 0 && suggestions.size > 0
            ? 'Roles are suggested from the group names: review them, then save.'
            : changed
              ? 'Unsaved changes. Saving adds one checklist row per mapping below.'
              : !saved.length
                ? ''
                : step.status === 'verified'
                  ? 'Saved, and verified on ThreatLocker’s Group Mapping tab.'
                  : step.status === 'unverifiable'
                    ? 'Saved, and confirmed below.'
                    : 'Saved. Add these rows in ThreatLocker, then confirm them below.'}
        </span>
      </div>
    </div>
  );
}
