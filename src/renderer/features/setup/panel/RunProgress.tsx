import { useEffect, useRef } from 'react';
import { Spinner } from '../../../components/Dialog';
import { Icon } from '../../../components/Icon';

export function RunProgress({ kind, messages }: { kind: 'run' | 'play'; messages: string[] }) {
  const last = messages[messages.length - 1];
  const logRef = useRef<HTMLOListElement>(null);
  // Keep the newest line in view.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length]);
  return (
    <div className="wizard-progress" data-testid="step-progress">
      <div className="wizard-progress-head">
        <Spinner />
        <p className="wizard-progress-text">{last ?? (kind === 'play' ? 'The sandbox is playing this step…' : 'Starting…')}</p>
      </div>
      <progress className="progress" aria-label="Step progress" />
      <ol ref={logRef} className="wizard-progress-log" aria-label="Progress" aria-live="polite" aria-relevant="additions">
        {messages.map((m, i) => (
          <li key={i} className={i === messages.length - 1 ? 'wizard-progress-current' : undefined}>
            <Icon name={i === messages.length - 1 ? 'chevronRight' : 'check'} size={12} />
            {m}
          </li>
        ))}
      </ol>
    </div>
  );
}
