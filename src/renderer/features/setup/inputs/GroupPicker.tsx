import { useId, useState } from 'react';
import { Icon } from '../../../components/Icon';
import { plural } from '../../../lib/format';
import { GroupSearch } from './GroupSearch';
import type { PickedGroup } from './picked-group';
import { RuleList } from './RuleList';

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
