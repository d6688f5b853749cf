import { useState } from 'react';
import type { StepView } from '../../../../shared/setup';
import { dataOf } from '../step-data';

/**
 * Step 2 when Okta's app differs from the article and SCIM provisioning may be on: the console
 * did not write. The admin fixes each field by hand at the path shown, or confirms a rewrite
 * knowing that Okta can reset provisioning (steps 5-8 are then checked again).
 */
export function AppDrift(props: { step: StepView; disabled: boolean; onConfirm: (fingerprint: string | undefined) => void }) {
  const data = dataOf(props.step, 'create-app');
  if (data?.replaceNeedsConfirmation !== true) return null;
  // A new list (Okta changed again) must be read and ticked again.
  return <DriftPanel key={data.driftFingerprint ?? ''} {...props} />;
}

function DriftPanel({ step, disabled, onConfirm }: { step: StepView; disabled: boolean; onConfirm: (fingerprint: string | undefined) => void }) {
  const [understood, setUnderstood] = useState(false);
  const data = dataOf(step, 'create-app')!;
  const drift = data.drift ?? [];
  return (
    <div className="wizard-block" data-testid="app-drift">
      <h3 className="wizard-block-title">Okta’s app differs from the article: nothing was changed</h3>
      <p>
        SCIM provisioning may be on for this app, and Okta can only replace the whole app. In real orgs that resets
        Provisioning to NONE without an error: the SCIM base URL, token and To App settings are lost. Fix these by hand in
        the Okta Admin Console (Applications → the app), then verify this step:
      </p>
      <div className="wizard-table-scroll">
      <table className="wizard-table" aria-label="Settings that differ from the article">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">In Okta</th>
            <th scope="col">Wanted</th>
            <th scope="col">Where to change it</th>
          </tr>
        </thead>
        <tbody>
          {drift.map((d) => (
            <tr key={d.setting}>
              <td className="wizard-strong">{d.setting}</td>
              <td className="wizard-text-fail">{d.actual || '(not set)'}</td>
              <td>{d.expected || '(not set)'}</td>
              <td>{d.where}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={understood} disabled={disabled} onChange={(e) => setUnderstood(e.target.checked)} />
        <span>I understand that rewriting the app may switch provisioning off, and that I will re-enter the SCIM connection, token and To App settings</span>
      </label>
      <button type="button" className="btn btn-danger" disabled={disabled || !understood} onClick={() => onConfirm(data.driftFingerprint ?? undefined)} data-action="confirm-replace">
        Rewrite the app in Okta anyway
      </button>
    </div>
  );
}
