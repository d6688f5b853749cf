import { useEffect, useRef, useState } from 'react';
import { Spinner } from '../../../components/Dialog';
import { Icon } from '../../../components/Icon';
import { InlineError } from '../../../components/InlineError';
import { useSetupStore, type OktaGroup } from '../setup-store';
import type { PickedGroup } from './picked-group';

export function GroupSearch({ pickedIds, onToggle, disabled }: { pickedIds: Set<string>; onToggle: (g: PickedGroup, on: boolean) => void; disabled: boolean }) {
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
        <InlineError error={groups.error} onRetry={() => void search(query)} retryLabel="Retry the search" />
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
