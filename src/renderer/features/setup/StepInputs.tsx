import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { StepView } from '../../../shared/setup';
import { useAppStore } from '../../app/app-store';
import { ConfirmDialog, Spinner } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { absoluteTime, plural, relativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useProfileStore } from '../profile/profile-store';
import { mappingRows, namedRefs, pushedGroups, record, rows, str, usersWithoutPhone, type MappingRow } from './step-data';
import { useSetupStore, type GroupRule, type OktaGroup } from './setup-store';

/* ---------- Prerequisites ---------- */

export function PrerequisiteExtras({ step }: { step: StepView }) {
  const setTab = useAppStore((s) => s.setTab);
  const orgs = namedRefs(rows(step.data, 'childOrganizations'));
  return (
    <div className="wizard-block wizard-inline-note">
      <Icon name="key" size={16} />
      <p>
        The tokens live under <strong>Credentials</strong>; this step checks them and the Okta token’s permissions.
        {orgs.length > 0 && <> The portal token sees {plural(orgs.length, 'child organization')}.</>}
      </p>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => setTab('credentials')}>
        <Icon name="key" />
        Open credentials
      </button>
    </div>
  );
}

/* ---------- Create the app ---------- */

export interface CreateAppDraft {
  appLabel: string;
  defaultRelayState: string;
  hideTile: boolean;
}

export function CreateAppInputs({
  draft,
  onChange,
  disabled,
  labelError,
}: {
  draft: CreateAppDraft;
  onChange: (draft: CreateAppDraft) => void;
  disabled: boolean;
  labelError: string | undefined;
}) {
  return (
    <div className="wizard-block wizard-form">
      <h3 className="wizard-block-title">App settings</h3>
      <div className="wizard-form-row">
        <Field
          label="App label"
          value={draft.appLabel}
          maxLength={100}
          disabled={disabled}
          error={labelError}
          help="The name in Okta’s app list. If an app with this label exists, the console reuses it instead of creating a second one."
          onChange={(e) => onChange({ ...draft, appLabel: e.target.value })}
        />
        <Field
          label="Default RelayState"
          optional
          value={draft.defaultRelayState}
          maxLength={2000}
          disabled={disabled}
          placeholder="Leave empty"
          help="Where ThreatLocker lands after sign-in. Most organizations leave it empty."
          onChange={(e) => onChange({ ...draft, defaultRelayState: e.target.value })}
        />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={draft.hideTile} disabled={disabled} onChange={(e) => onChange({ ...draft, hideTile: e.target.checked })} />
        <span>
          Hide the app tile from users <span className="muted">(ThreatLocker supports SP-initiated sign-in only)</span>
        </span>
      </label>
    </div>
  );
}

/* ---------- Assertion preview ---------- */

export function AssertionPreview({ step }: { step: StepView }) {
  const a = record(step.data, 'assertion');
  if (!a) return null;
  const text = (key: string) => (typeof a[key] === 'string' && a[key] ? (a[key] as string) : undefined);
  const sample = record(a, 'sampleUser');
  const line = (indent: number, content: string) => `${'  '.repeat(indent)}${content}`;
  const lines = [
    '<saml2:Assertion>',
    line(1, `<saml2:Issuer>${text('issuer') ?? '?'}</saml2:Issuer>`),
    line(1, '<saml2:Subject>'),
    line(2, `<saml2:NameID Format="${text('nameIdFormat') ?? '?'}">${text('sampleNameId') ?? '(no sample user)'}</saml2:NameID>`),
    line(2, `<saml2:SubjectConfirmationData Recipient="${text('recipient') ?? '?'}"/>`),
    line(1, '</saml2:Subject>'),
    line(1, '<saml2:Conditions>'),
    line(2, `<saml2:AudienceRestriction><saml2:Audience>${text('audience') ?? '?'}</saml2:Audience></saml2:AudienceRestriction>`),
    line(1, '</saml2:Conditions>'),
    '</saml2:Assertion>',
  ];
  return (
    <div className="wizard-block">
      <h3 className="wizard-block-title">
        What Okta will assert
        {sample && (
          <span className="wizard-block-meta">
            sample: {str(sample.login) ?? 'a user'}
            {str(sample.source) ? ` (${str(sample.source)})` : ''}
          </span>
        )}
      </h3>
      <pre className="wizard-xml" tabIndex={0} aria-label="SAML assertion preview">
        {lines.join('\n')}
      </pre>
      <p className="wizard-caption">
        Destination <code>{text('destination') ?? '(not set)'}</code> · signed with <code>{text('signatureAlgorithm') ?? '?'}</code>
        {text('certificateAlgorithm') ? (
          <>
            {' '}
            (certificate <code>{text('certificateAlgorithm')}</code>)
          </>
        ) : null}
      </p>
    </div>
  );
}

/* ---------- Push groups ---------- */

export type PickedGroup = { id: string; name: string };

export function GroupPicker({ picked, onChange, disabled }: { picked: PickedGroup[]; onChange: (groups: PickedGroup[]) => void; disabled: boolean }) {
  const [mode, setMode] = useState<'name' | 'rule'>('name');
  const name = useId();
  const pickedIds = new Set(picked.map((g) => g.id));
  const toggle = (group: PickedGroup, on: boolean) =>
    onChange(on ? (pickedIds.has(group.id) ? picked : [...picked, group]) : picked.filter((g) => g.id !== group.id));

  return (
    <div className="wizard-block wizard-picker" data-testid="group-picker">
      <div className="wizard-picker-head">
        <h3 className="wizard-block-title">Groups to push</h3>
        <div className="wizard-segmented" role="radiogroup" aria-label="Find groups">
          {(['name', 'rule'] as const).map((m) => (
            <label key={m} className="wizard-segment" data-checked={mode === m || undefined}>
              <input type="radio" name={name} checked={mode === m} onChange={() => setMode(m)} />
              {m === 'name' ? 'By name' : 'By group rule'}
            </label>
          ))}
        </div>
      </div>

      {mode === 'name' ? <GroupSearch pickedIds={pickedIds} onToggle={toggle} disabled={disabled} /> : <RuleList picked={picked} onChange={onChange} disabled={disabled} />}

      <div className="wizard-chips-row">
        <span className="wizard-chips-label">{picked.length ? `${plural(picked.length, 'group')} selected` : 'No groups selected yet'}</span>
        {picked.length > 0 && (
          <ul className="wizard-chips" aria-label="Selected groups">
            {picked.map((g) => (
              <li key={g.id} className="wizard-chip">
                <Icon name="users" size={12} />
                <span>{g.name}</span>
                <button type="button" className="wizard-chip-remove" aria-label={`Remove ${g.name}`} disabled={disabled} onClick={() => toggle(g, false)}>
                  <Icon name="x" size={12} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function GroupSearch({ pickedIds, onToggle, disabled }: { pickedIds: Set<string>; onToggle: (g: PickedGroup, on: boolean) => void; disabled: boolean }) {
  const groups = useSetupStore((s) => s.groups);
  const storedQuery = useSetupStore((s) => s.groupQuery);
  const search = useSetupStore((s) => s.searchGroups);
  const [query, setQuery] = useState(storedQuery);
  const first = useRef(true);

  useEffect(() => {
    // The first list shows at once; typing waits for a pause.
    const delay = first.current ? 0 : 250;
    first.current = false;
    const timer = setTimeout(() => void search(query), delay);
    return () => clearTimeout(timer);
  }, [query, search]);

  const list: OktaGroup[] = groups.status === 'ready' ? groups.value : groups.status === 'loading' ? (groups.previous ?? []) : [];
  return (
    <div className="wizard-search">
      <div className="wizard-search-box">
        <Icon name="users" size={15} className="wizard-search-icon" />
        <input
          type="search"
          className="input"
          aria-label="Search Okta groups by name"
          placeholder="Search Okta groups by name"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {groups.status === 'loading' && <Spinner label="Searching" />}
      </div>
      {groups.status === 'error' ? (
        <p className="field-error" role="alert">
          {groups.error.message} {groups.error.hint}
        </p>
      ) : (
        <ul className="wizard-options" aria-label="Okta groups" data-state={groups.status}>
          {list.map((g) => (
            <li key={g.id}>
              <label className="checkbox wizard-option">
                <input type="checkbox" checked={pickedIds.has(g.id)} disabled={disabled} onChange={(e) => onToggle({ id: g.id, name: g.name }, e.target.checked)} />
                <span className="wizard-option-text">
                  <span className="wizard-option-name">{g.name}</span>
                  {g.description && <span className="wizard-option-meta">{g.description}</span>}
                </span>
              </label>
            </li>
          ))}
          {groups.status === 'ready' && list.length === 0 && (
            <li className="wizard-options-empty">{query.trim() ? `No Okta group starts with “${query.trim()}”.` : 'This org has no Okta groups yet.'}</li>
          )}
        </ul>
      )}
    </div>
  );
}

function RuleList({ picked, onChange, disabled }: { picked: PickedGroup[]; onChange: (groups: PickedGroup[]) => void; disabled: boolean }) {
  const rules = useSetupStore((s) => s.rules);
  const load = useSetupStore((s) => s.loadGroupRules);
  useEffect(() => {
    void load();
  }, [load]);
  const pickedIds = new Set(picked.map((g) => g.id));

  const toggleRule = (rule: GroupRule, on: boolean) => {
    if (on) onChange([...picked, ...rule.groups.filter((g) => !pickedIds.has(g.id))]);
    else {
      const ids = new Set(rule.groups.map((g) => g.id));
      onChange(picked.filter((g) => !ids.has(g.id)));
    }
  };

  if (rules.status === 'loading' || rules.status === 'idle') {
    return (
      <p className="wizard-options-empty">
        <Spinner /> Loading group rules…
      </p>
    );
  }
  if (rules.status === 'error') {
    return (
      <p className="field-error" role="alert">
        {rules.error.message} {rules.error.hint}
      </p>
    );
  }
  return (
    <ul className="wizard-options" aria-label="Group rules">
      {rules.value.map((rule) => {
        const all = rule.groups.length > 0 && rule.groups.every((g) => pickedIds.has(g.id));
        return (
          <li key={rule.id}>
            <label className="checkbox wizard-option">
              <input type="checkbox" checked={all} disabled={disabled || rule.groups.length === 0} onChange={(e) => toggleRule(rule, e.target.checked)} />
              <span className="wizard-option-text">
                <span className="wizard-option-name">
                  {rule.name}
                  <span className={`badge ${rule.status === 'ACTIVE' ? 'badge-success' : 'badge-neutral'}`}>{rule.status.toLowerCase()}</span>
                </span>
                <span className="wizard-option-meta">
                  {rule.groups.length ? `Assigns to ${rule.groups.map((g) => g.name).join(', ')}` : 'Assigns to no group'}
                </span>
              </span>
            </label>
          </li>
        );
      })}
      {rules.value.length === 0 && <li className="wizard-options-empty">This org has no group rules. Search by name instead.</li>}
    </ul>
  );
}

const pushTone = (status: string | undefined, error: string | undefined) =>
  error || status === 'ERROR' ? 'fail' : status === 'ACTIVE' ? 'pass' : status ? 'warn' : 'none';

export function PushedGroupsTable({ step }: { step: StepView }) {
  const list = pushedGroups(step);
  if (list.length === 0) return null;
  return (
    <div className="wizard-block">
      <h3 className="wizard-block-title">Push status in Okta</h3>
      <table className="wizard-table" aria-label="Pushed groups">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Assigned</th>
            <th scope="col">Push mapping</th>
          </tr>
        </thead>
        <tbody>
          {list.map((g) => {
            const tone = pushTone(g.status, g.errorSummary);
            return (
              <tr key={g.id} data-group={g.name} data-push-status={g.status ?? 'none'}>
                <td className="wizard-strong">{g.name}</td>
                <td>{g.assigned === undefined ? '—' : g.assigned ? 'Yes' : <span className="wizard-text-fail">No</span>}</td>
                <td>
                  <span className={`wizard-pill wizard-pill-${tone}`}>{g.status ?? 'No mapping'}</span>
                  {g.errorSummary && <p className="wizard-text-fail wizard-cell-note">{g.errorSummary}</p>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/* ---------- primaryPhone ---------- */

export function PhoneFill({ step, disabled }: { step: StepView; disabled: boolean }) {
  const runStep = useSetupStore((s) => s.runStep);
  const now = useNow();
  const users = usersWithoutPhone(step);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(users.map((u) => u.id)));
  const [source, setSource] = useState<'attribute' | 'value'>('attribute');
  const [attribute, setAttribute] = useState('mobilePhone');
  const [value, setValue] = useState('');
  const [confirming, setConfirming] = useState(false);
  const radioName = useId();
  const listId = useId();
  const selectAllRef = useRef<HTMLInputElement>(null);

  // The list changes after a fill or a verify: keep only users still in it.
  const userKey = users.map((u) => u.id).join(',');
  useEffect(() => {
    setSelected((current) => new Set(users.map((u) => u.id).filter((id) => current.has(id) || current.size === 0)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- userKey stands for users
  }, [userKey]);

  const count = users.filter((u) => selected.has(u.id)).length;
  const allSelected = count === users.length && users.length > 0;
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = count > 0 && !allSelected;
  }, [count, allSelected]);

  const candidateKeys = useMemo(() => [...new Set(users.flatMap((u) => Object.keys(u.candidates)))], [users]);
  const userCount = typeof step.data.userCount === 'number' ? step.data.userCount : undefined;
  const lastFill = record(step.data, 'lastFill');
  const skipped = Array.isArray(lastFill?.skipped) ? lastFill.skipped.filter((s): s is string => typeof s === 'string') : [];
  const sourceReady = source === 'attribute' ? attribute.trim().length > 0 : value.trim().length > 0;

  const fill = async () => {
    const ids = users.filter((u) => selected.has(u.id)).map((u) => u.id);
    await runStep(step.id, {
      phoneFill: {
        userIds: ids,
        source: source === 'attribute' ? { kind: 'attribute', attribute: attribute.trim() } : { kind: 'value', value: value.trim() },
      },
    });
    setConfirming(false);
  };

  if (users.length === 0) {
    if (userCount === undefined && !lastFill) return null;
    return (
      <div className="wizard-block wizard-inline-note wizard-inline-note-pass" data-testid="phone-fill">
        <Icon name="passCircle" size={16} />
        <p>
          {userCount !== undefined ? `All ${plural(userCount, 'user')} to provision have a primaryPhone.` : 'No user is missing a primaryPhone.'}
          {lastFill && typeof lastFill.filled === 'number' && (
            <span className="muted">
              {' '}
              Last fill: {plural(lastFill.filled, 'user')} updated
              {skipped.length ? `, ${skipped.length} skipped` : ''}
              {str(lastFill.at) && (
                <span title={absoluteTime(str(lastFill.at))}> · {relativeTime(str(lastFill.at), now)}</span>
              )}
              .
            </span>
          )}
        </p>
      </div>
    );
  }

  const sourceText = source === 'attribute' ? `from their ${attribute.trim()} attribute` : `to “${value.trim()}”`;

  return (
    <div className="wizard-block wizard-phone" data-testid="phone-fill">
      <h3 className="wizard-block-title">
        Users without primaryPhone
        <span className="wizard-block-meta">
          {users.length}
          {userCount !== undefined ? ` of ${userCount}` : ''} to provision · {count} selected
        </span>
      </h3>
      <div className="wizard-table-scroll">
        <table className="wizard-table wizard-table-select" aria-label="Users without primaryPhone">
          <thead>
            <tr>
              <th scope="col" className="wizard-col-check">
                <input
                  ref={selectAllRef}
                  type="checkbox"
                  aria-label="Select all users"
                  checked={allSelected}
                  disabled={disabled}
                  onChange={(e) => setSelected(e.target.checked ? new Set(users.map((u) => u.id)) : new Set())}
                />
              </th>
              <th scope="col">Name</th>
              <th scope="col">Login</th>
              <th scope="col">Other phone attributes</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-user-login={u.login} data-selected={selected.has(u.id) || undefined}>
                <td className="wizard-col-check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${u.login}`}
                    checked={selected.has(u.id)}
                    disabled={disabled}
                    onChange={(e) =>
                      setSelected((current) => {
                        const nextSet = new Set(current);
                        if (e.target.checked) nextSet.add(u.id);
                        else nextSet.delete(u.id);
                        return nextSet;
                      })
                    }
                  />
                </td>
                <td className="wizard-strong">{u.name}</td>
                <td>
                  <code>{u.login}</code>
                </td>
                <td>
                  {Object.keys(u.candidates).length ? (
                    <span className="wizard-candidates">
                      {Object.entries(u.candidates).map(([k, v]) => (
                        <span key={k} className="wizard-candidate">
                          <span className="muted">{k}</span> <code>{v}</code>
                        </span>
                      ))}
                    </span>
                  ) : (
                    <span className="muted">none</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <fieldset className="wizard-source" disabled={disabled}>
        <legend className="wizard-source-legend">Fill primaryPhone from</legend>
        <div className="wizard-source-option">
          <label className="checkbox">
            <input type="radio" name={radioName} checked={source === 'attribute'} onChange={() => setSource('attribute')} />
            <span>Copy from profile attribute</span>
          </label>
          <input
            className="input input-mono wizard-source-input"
            aria-label="Profile attribute"
            list={listId}
            value={attribute}
            disabled={source !== 'attribute'}
            onChange={(e) => setAttribute(e.target.value)}
          />
          <datalist id={listId}>
            {['mobilePhone', ...candidateKeys.filter((k) => k !== 'mobilePhone')].map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
        </div>
        <div className="wizard-source-option">
          <label className="checkbox">
            <input type="radio" name={radioName} checked={source === 'value'} onChange={() => setSource('value')} />
            <span>Use this value</span>
          </label>
          <input
            className="input input-mono wizard-source-input"
            aria-label="Phone value"
            placeholder="+1 555 0100"
            maxLength={100}
            value={value}
            disabled={source !== 'value'}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <p className="wizard-caption">Only primaryPhone changes. Users whose attribute is empty are skipped and stay in the list.</p>
        <div>
          <button type="button" className="btn btn-primary" disabled={disabled || count === 0 || !sourceReady} onClick={() => setConfirming(true)}>
            <Icon name="pencil" />
            Fill primaryPhone for {plural(count, 'user')}
          </button>
        </div>
      </fieldset>

      {confirming && (
        <ConfirmDialog
          title={`Update ${plural(count, 'user')} in Okta?`}
          confirmLabel={`Update ${plural(count, 'user')}`}
          onClose={() => setConfirming(false)}
          onConfirm={fill}
          description={
            <>
              <p>
                Sets <strong>primaryPhone</strong> on {plural(count, 'Okta user')} {sourceText}. Nothing else in their profiles
                changes.
              </p>
              <p className="muted">This writes to your Okta org; the change shows in each user’s profile and the system log.</p>
            </>
          }
        />
      )}
    </div>
  );
}

/* ---------- Group mapping ---------- */

export function MappingEditor({ step, steps, disabled }: { step: StepView; steps: StepView[]; disabled: boolean }) {
  const runStep = useSetupStore((s) => s.runStep);
  const select = useSetupStore((s) => s.select);
  const savedInSession = useSetupStore((s) => s.savedMappings);
  const profileId = useSetupStore((s) => s.profileId);
  // Older sessions' mappings live in the profile file, which the profile screen has loaded.
  const profileMappings = useProfileStore((s) => (s.profile.status === 'ready' && s.profile.value.id === profileId ? s.profile.value.mappings : undefined));
  // Until this step has run once, its data has no groups: take them from the push step.
  const pushData = steps.find((s) => s.id === 'push-groups')?.data;
  const ownGroups = namedRefs(rows(step.data, 'pushedGroups'));
  const groups = ownGroups.length ? ownGroups : namedRefs(rows(pushData, 'groups', 'pushed'));
  const roles = namedRefs(rows(step.data, 'roles'));
  const rolesListed = Array.isArray(step.data.roles);
  const saved: MappingRow[] =
    mappingRows(step.data.mappings) ?? (savedInSession && savedInSession.profileId === profileId ? savedInSession.mappings : undefined) ?? profileMappings ?? [];
  const savedKey = saved.map((m) => `${m.oktaGroupId}=${m.roleId}`).join('|');
  // Main proposes a role per group from the names; they fill the editor until something is saved.
  const suggestions = new Map(
    rows(step.data, 'suggestedMappings').flatMap((row) => {
      const groupId = str(row.oktaGroupId);
      const roleId = str(row.roleId);
      return groupId && roleId ? [[groupId, { roleId, roleName: str(row.roleName) ?? roleId, basis: str(row.basis) }] as const] : [];
    }),
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
              ? 'Unsaved changes. Saving adds one checklist row per mapping below.' : saved.length ? 'Saved. Add these rows in ThreatLocker, then confirm them below.' : ''}
        </span>
      </div>
    </div>
  );
}
