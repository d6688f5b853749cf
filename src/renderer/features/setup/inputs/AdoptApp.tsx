import type { StepView } from '../../../../shared/setup';
import { dataOf } from '../step-data';

/**
 * Step 2 when an app with the label exists that this profile did not create: it may be another
 * child org's on the same Okta org, so the console shows it and uses it only if the admin says so.
 */
export function AdoptApp({ step, disabled, onConfirm }: { step: StepView; disabled: boolean; onConfirm: (appId: string) => void }) {
  const candidate = dataOf(step, 'create-app')?.adoptCandidate;
  if (!candidate) return null;
  return (
    <div className="wizard-block" data-testid="adopt-app">
      <h3 className="wizard-block-title">An app with this label already exists: nothing was changed</h3>
      <p>This profile did not create it. If another ThreatLocker tenant uses it, choose another app label instead.</p>
      <dl className="wizard-facts">
        <dt>Label</dt>
        <dd>{candidate.label}</dd>
        <dt>App id</dt>
        <dd>{candidate.id}</dd>
        <dt>Created</dt>
        <dd>{candidate.created ?? 'unknown'}</dd>
      </dl>
      <button type="button" className="btn" disabled={disabled} onClick={() => onConfirm(candidate.id)} data-action="adopt-app">
        Use this app for this profile
      </button>
    </div>
  );
}
