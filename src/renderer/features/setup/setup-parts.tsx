import type { SecretKind } from '../../../shared/profile';
import { stepStatusLabels, type Finding, type StepView } from '../../../shared/setup';
import { Spinner } from '../../components/Dialog';
import { Icon, type IconName } from '../../components/Icon';
import { PathSeparator } from '../../components/PathSeparator';
import { useCredentialsStore } from '../credentials';
import { pathParts } from './step-data';

export type StepStatus = StepView['status'];
export type StepMode = StepView['mode'];

export const statusLabels: Record<StepStatus, string> = stepStatusLabels;

export const statusIcons: Record<StepStatus, IconName> = {
  'not-started': 'skipCircle',
  verified: 'check',
  unverifiable: 'alert',
  failed: 'x',
  'needs-recheck': 'refresh',
};

export const modeLabels: Record<StepMode, string> = {
  automated: 'Automated',
  manual: 'Manual',
  mixed: 'Automated + guided',
};

export const modeHelp: Record<StepMode, string> = {
  automated: 'The console does this step through the Okta API and reads the result back.',
  manual: 'No API exists for this step: you do it by hand with the values below, and the console checks what it can.',
  mixed: 'The console does what the API allows and guides you through the rest.',
};

export function ModeBadge({ mode }: { mode: StepMode }) {
  const icon: IconName = mode === 'manual' ? 'pencil' : mode === 'automated' ? 'plug' : 'list';
  return (
    <span className={`badge wizard-mode wizard-mode-${mode}`} title={modeHelp[mode]}>
      <Icon name={icon} size={12} />
      {modeLabels[mode]}
    </span>
  );
}

export const findingIcons: Record<Finding['outcome'], IconName> = { pass: 'passCircle', warn: 'alert', fail: 'failCircle', info: 'info' };
export const findingLabels: Record<Finding['outcome'], string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', info: 'Info' };

/** "Okta -> app -> Provisioning" as a breadcrumb. */
export function PathText({ text }: { text: string }) {
  const parts = pathParts(text);
  return (
    <span className="wizard-path">
      {parts.map((part, index) => (
        <span key={`${index}-${part}`}>
          {index > 0 && <PathSeparator />}
          <span className="path-step">{part}</span>
        </span>
      ))}
    </span>
  );
}

/** Secrets are copied by main from the keychain (the credentials store's copy); the renderer never holds the value. */
export function CopySecretButton({ label, kind }: { label: string; kind: SecretKind }) {
  const seconds = useCredentialsStore((s) => s.copied[kind]);
  const copying = useCredentialsStore((s) => s.pending[kind] === 'copying');
  const copy = useCredentialsStore((s) => s.copy);
  return (
    <button
      type="button"
      className="btn btn-secondary btn-small wizard-copy"
      aria-label={`Copy ${label}`}
      disabled={copying}
      data-copied={seconds ? true : undefined}
      onClick={() => void copy(kind)}
    >
      {copying ? <Spinner /> : <Icon name={seconds ? 'check' : 'copy'} size={14} />}
      {seconds ? 'Copied' : 'Copy'}
    </button>
  );
}
