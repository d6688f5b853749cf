import { useEffect } from 'react';
import { Spinner } from '../../../components/Dialog';
import { InlineError } from '../../../components/InlineError';
import { useSetupStore, type GroupRule } from '../setup-store';
import type { PickedGroup } from './picked-group';

export function RuleList({ picked, onChange, disabled }: { picked: PickedGroup[]; onChange: (groups: PickedGroup[]) => void; disabled: boolean }) {
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
    return <InlineError error={rules.error} onRetry={() => void load()} retryLabel="Retry loading the rules" />;
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
