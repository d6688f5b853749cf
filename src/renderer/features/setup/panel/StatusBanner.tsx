import type { StepView } from '../../../../shared/setup';
import { Callout } from '../../../components/Callout';
import { absoluteTime, relativeTime } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { statusLabels } from '../setup-parts';
import { arrows } from '../step-data';
import { GoToStep } from './GoToStep';

export function StatusBanner({ step, steps }: { step: StepView; steps: StepView[] }) {
  const now = useNow();
  if (step.status === 'not-started' && !step.detail) return null;
  const tone = step.status === 'verified' ? 'success' : step.status === 'unverifiable' || step.status === 'needs-recheck' ? 'warning' : step.status === 'failed' ? 'danger' : 'neutral';
  const icon = step.status === 'verified' ? 'passCircle' : step.status === 'unverifiable' ? 'alert' : step.status === 'failed' ? 'failCircle' : step.status === 'needs-recheck' ? 'refresh' : 'info';
  const title = statusLabels[step.status];
  return (
    <Callout
      tone={tone}
      icon={icon}
      className="wizard-banner"
      data-testid="step-status"
      data-status={step.status}
      title={
        <>
          {title}
          {step.updatedAt && (
            <span className="wizard-banner-when" title={absoluteTime(step.updatedAt)}>
              {' '}
              · {relativeTime(step.updatedAt, now)}
            </span>
          )}
        </>
      }
    >
      {step.detail && <p className="wizard-banner-detail">{step.detail}</p>}
      {step.hint && (
        <p className="callout-hint wizard-banner-hint">
          <strong>{step.status === 'failed' ? 'What to do: ' : 'Next: '}</strong>
          {arrows(step.hint)}
        </p>
      )}
      {step.status === 'failed' && <GoToStep text={step.hint} steps={steps} self={step.id} />}
    </Callout>
  );
}
