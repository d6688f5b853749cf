import { useEffect, useState } from 'react';
import type { StepView } from '../../../../shared/setup';
import { statusLabels } from '../setup-parts';

/** Says how a run ended, once, for screen readers (the banner itself is not a live region). */
export function RunAnnouncer({ step, at }: { step: StepView; at: number | undefined }) {
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (at) setMessage(`${step.title}: ${statusLabels[step.status]}. ${step.detail ?? ''}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- announce per run, not per render
  }, [at]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {message}
    </p>
  );
}
