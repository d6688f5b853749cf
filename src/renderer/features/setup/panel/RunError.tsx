import type { StepView } from '../../../../shared/setup';
import { useAppStore } from '../../../core/app-store';
import { credentialCodes, type UiError } from '../../../core/errors';
import { Callout } from '../../../components/Callout';
import { Icon } from '../../../components/Icon';
import { saysRetry } from '../../../components/InlineError';
import { useSetupStore } from '../setup-store';
import { arrows } from '../step-data';
import { GoToStep } from './GoToStep';

/** `onRetry` runs the step again with the same inputs; offered when the error says to retry. */
export function RunError({ error, stepId, steps, onRetry }: { error: UiError; stepId: StepView['id']; steps: StepView[]; onRetry: () => void }) {
  const clear = useSetupStore((s) => s.clearStepError);
  const setTab = useAppStore((s) => s.setTab);
  return (
    <Callout
      tone="danger"
      icon="failCircle"
      title="The step couldn’t run"
      className="wizard-run-error"
      role="alert"
      data-testid="step-error"
      data-code={error.code}
      aside={
        <button type="button" className="icon-button wizard-dismiss" aria-label="Dismiss" onClick={() => clear(stepId)}>
          <Icon name="x" />
        </button>
      }
    >
      <p>{error.message}</p>
      {error.hint && <p className="callout-hint">{arrows(error.hint)}</p>}
      <div className="wizard-callout-actions">
        {saysRetry(error) && (
          <button type="button" className="btn btn-primary btn-small" onClick={onRetry}>
            <Icon name="refresh" />
            Retry
          </button>
        )}
        {(credentialCodes.includes(error.code) || /credentials panel|Credentials/i.test(error.hint ?? '')) && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setTab('credentials')}>
            <Icon name="key" />
            Open credentials
          </button>
        )}
        <GoToStep text={`${error.message} ${error.hint ?? ''}`} steps={steps} self={stepId} />
      </div>
    </Callout>
  );
}
