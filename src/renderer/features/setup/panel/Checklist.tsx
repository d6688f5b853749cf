import type { StepView } from '../../../../shared/setup';
import { arrows } from '../step-data';

export function Checklist({
  items,
  checked,
  onChange,
  disabled,
}: {
  items: StepView['checklist'];
  checked: Record<string, boolean>;
  onChange: (id: string, confirmed: boolean) => void;
  disabled: boolean;
}) {
  return (
    <fieldset className="wizard-block wizard-checklist" disabled={disabled}>
      <legend className="wizard-block-title">Confirm when done</legend>
      {items.map((item) => (
        <label key={item.id} className="checkbox wizard-check">
          <input
            type="checkbox"
            data-checklist-id={item.id}
            checked={checked[item.id] ?? false}
            onChange={(e) => onChange(item.id, e.target.checked)}
          />
          <span>
            {arrows(item.label)}
            {checked[item.id] && item.confirmed && (item.confirmedBy === 'sandbox' || item.confirmedAt) && (
              <span className="wizard-check-by"> ({item.confirmedBy === 'sandbox' ? 'ticked by the sandbox' : 'confirmed by you'})</span>
            )}
            {checked[item.id] && item.confirmedAt && <span className="wizard-check-by"> at {new Date(item.confirmedAt).toLocaleString()}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
