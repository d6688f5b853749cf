import { Icon } from '../../components/Icon';
import { Dialog, Spinner } from '../../components/Dialog';
import { useSandboxStore } from './sandbox-store';

/** Starting takes a few seconds: say what is happening instead of a frozen button. */
export function SandboxStartingDialog() {
  const starting = useSandboxStore((state) => state.start.status === 'starting');
  if (!starting) return null;
  return (
    <Dialog title="Starting the sandbox" onClose={() => undefined} busy dismissible={false}>
      <div className="sandbox-starting" data-state="starting">
        <Spinner />
        <div>
          <p role="status" aria-live="polite" className="sandbox-starting-text">
            Starting simulated Okta org and ThreatLocker tenant…
          </p>
          <p className="muted">
            Both run on this computer (127.0.0.1) with sample users and groups. Nothing is sent to Okta or ThreatLocker.
          </p>
        </div>
      </div>
    </Dialog>
  );
}

export function TrySandboxButton({ variant = 'primary' }: { variant?: 'primary' | 'secondary' }) {
  const startSandbox = useSandboxStore((state) => state.startSandbox);
  const starting = useSandboxStore((state) => state.start.status === 'starting');
  return (
    <button type="button" className={`btn btn-${variant}`} onClick={() => void startSandbox()} disabled={starting}>
      {starting ? <Spinner /> : <Icon name="flask" />}
      Try the sandbox
    </button>
  );
}
