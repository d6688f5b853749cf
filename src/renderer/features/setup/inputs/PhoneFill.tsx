import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { StepView } from '../../../../shared/setup';
import { ConfirmDialog } from '../../../components/Dialog';
import { Icon } from '../../../components/Icon';
import { absoluteTime, plural, relativeTime } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { useSetupStore } from '../setup-store';
import type { StepDataOf } from '../../../../shared/setup-data';
import { dataOf } from '../step-data';

export function PhoneFill({ step, disabled }: { step: StepView; disabled: boolean }) {
  const runStep = useSetupStore((s) => s.runStep);
  const now = useNow();
  const data = dataOf(step, 'primary-phone');
  const users = useMemo(() => data?.missing ?? [], [data]);
  // Main suggests the attribute every listed user has; without one, the attribute most of them
  // have; when none has a phone attribute, a value to enter (an empty attribute would fill nobody).
  const suggested = data?.suggestedSource?.attribute || mostCommonCandidate(users);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(users.map((u) => u.id)));
  const [source, setSource] = useState<'attribute' | 'value'>(suggested ? 'attribute' : 'value');
  const [attribute, setAttribute] = useState(suggested ?? 'mobilePhone');
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

  // A verify can bring a (new) suggestion after the panel opened: pre-select it.
  useEffect(() => {
    if (!suggested) return;
    setSource('attribute');
    setAttribute(suggested);
  }, [suggested]);

  const count = users.filter((u) => selected.has(u.id)).length;
  const allSelected = count === users.length && users.length > 0;
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = count > 0 && !allSelected;
  }, [count, allSelected]);

  const candidateKeys = useMemo(() => [...new Set(users.flatMap((u) => Object.keys(u.candidates)))], [users]);
  const userCount = data?.userCount;
  const lastFill = data?.lastFill;
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
        <div>
          <p>{userCount !== undefined ? `All ${plural(userCount, 'user')} to provision have a primaryPhone.` : 'No user is missing a primaryPhone.'}</p>
          <LastFillReport lastFill={lastFill} now={now} />
        </div>
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
      <LastFillReport lastFill={lastFill} now={now} />
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

/** The attribute most listed users have a value in, if any has one. */
function mostCommonCandidate(users: { candidates: Record<string, string> }[]): string | undefined {
  const counts = new Map<string, number>();
  for (const u of users) for (const key of Object.keys(u.candidates)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** What the last fill did: how many it updated, and every user it skipped with the reason. */
function LastFillReport({ lastFill, now }: { lastFill: StepDataOf<'primary-phone'>['lastFill']; now: number }) {
  if (!lastFill) return null;
  const { skipped, at } = lastFill;
  return (
    <div className="wizard-last-fill" data-testid="last-fill" role="status">
      <p>
        Last fill: {plural(lastFill.filled, 'user')} updated{skipped.length ? `, ${skipped.length} skipped` : ''}
        {at && (
          <span className="muted" title={absoluteTime(at)}>
            {' '}
            · {relativeTime(at, now)}
          </span>
        )}
      </p>
      {skipped.length > 0 && (
        <ul className="wizard-skipped" aria-label="Skipped users">
          {skipped.map((s) => (
            <li key={s.login}>
              <code>{s.login}</code> skipped{s.reason ? `: ${s.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
