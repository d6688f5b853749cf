import type { StepView } from '../../../../shared/setup';
import { Icon } from '../../../components/Icon';
import { useSetupStore } from '../setup-store';

/** "Run step 2 … first" -> the step to offer a way to. */
function referencedStep(text: string | undefined, steps: StepView[], self: StepView['id']): StepView | undefined {
  const match = /\bsteps? (\d+)/i.exec(text ?? '');
  const step = match ? steps.find((s) => s.number === Number(match[1])) : undefined;
  return step && step.id !== self ? step : undefined;
}

export function GoToStep({ text, steps, self }: { text: string | undefined; steps: StepView[]; self: StepView['id'] }) {
  const select = useSetupStore((s) => s.select);
  const target = referencedStep(text, steps, self);
  if (!target) return null;
  return (
    <button type="button" className="btn btn-secondary btn-small" onClick={() => select(target.id)}>
      Go to step {target.number}
      <Icon name="chevronRight" />
    </button>
  );
}
