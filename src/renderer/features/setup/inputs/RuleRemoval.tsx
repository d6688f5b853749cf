import type { StepView } from '../../../../shared/setup';
import { dataOf } from '../step-data';

/**
 * Step 8 when a re-run would drop groups from the group rule that fills the assignment group:
 * their members (unless in another picked group) lose the app and are deactivated in
 * ThreatLocker, so nothing changed until the admin confirms.
 */
export function RuleRemoval({ step, disabled, onConfirm }: { step: StepView; disabled: boolean; onConfirm: () => void }) {
  const removed = dataOf(step, 'push-groups')?.ruleRemovalNeedsConfirmation;
  if (!removed?.length) return null;
  return (
    <div className="wizard-block" data-testid="rule-removal">
      <h3 className="wizard-block-title">These groups would stop assigning the app: nothing was changed</h3>
      <p>
        Their members who are in no other picked group lose the ThreatLocker app in Okta, and Okta deactivates them in
        ThreatLocker. Add the groups back to the selection and run the step again, or remove them from the rule:
      </p>
      <ul aria-label="Groups that would be removed from the group rule">
        {removed.map((g) => (
          <li key={g.id}>
            <span className="wizard-strong">{g.name}</span> ({g.id})
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-danger" disabled={disabled} onClick={onConfirm} data-action="confirm-rule-removal">
        Remove these groups from the rule
      </button>
    </div>
  );
}
