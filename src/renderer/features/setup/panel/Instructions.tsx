import type { StepView } from '../../../../shared/setup';
import { arrows } from '../step-data';

export function Instructions({ step }: { step: StepView }) {
  return (
    <div className="wizard-block">
      <h3 className="wizard-block-title">{step.mode === 'automated' ? 'What the console does' : 'What to do'}</h3>
      <ol className="wizard-instructions">
        {step.instructions.map((text, i) => (
          <li key={i}>{arrows(text)}</li>
        ))}
      </ol>
    </div>
  );
}
