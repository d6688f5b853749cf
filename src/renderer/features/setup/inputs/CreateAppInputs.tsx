import { Field } from '../../../components/Field';

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
