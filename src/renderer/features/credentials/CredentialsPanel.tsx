import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { secretKinds, secretLabels, type SecretKind, type SecretStatus } from '../../../shared/profile';
import { Callout } from '../../components/Callout';
import { ConfirmDialog, Spinner } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { PathSeparator } from '../../components/PathSeparator';
import { selectCanCopySecrets, useAppStore } from '../../core/app-store';
import { absoluteTime, relativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useCredentialsStore } from './credentials-store';

const secretHelp: Record<SecretKind, { where: ReactNode; why: string }> = {
  oktaApiToken: {
    where: <Path steps={['Okta Admin Console', 'Security', 'API', 'Tokens', 'Create token']} />,
    why: 'Lets the console create the ThreatLocker app in Okta and read your groups.',
  },
  threatlockerPortalToken: {
    where: <Path steps={['ThreatLocker portal', 'Administrators', 'API Users']} />,
    why: 'Lets the console read roles and administrators to verify the mapping.',
  },
  scimBearerToken: {
    where: (
      <>
        <Path steps={['ThreatLocker portal', 'Integrations', 'SCIM Integration', 'Generate API Token']} />{' '}
        <span className="secret-warning">Generating a new token invalidates the old one.</span>
      </>
    ),
    why: 'What Okta sends to ThreatLocker’s SCIM endpoint; the connection check uses it too.',
  },
};

function Path({ steps }: { steps: string[] }) {
  return (
    <span className="path">
      {steps.map((step, index) => (
        <span key={step}>
          {index > 0 && <PathSeparator />}
          <span className="path-step">{step}</span>
        </span>
      ))}
    </span>
  );
}

export function CredentialsPanel({ profileId }: { profileId: string }) {
  const statuses = useCredentialsStore((state) => state.statuses);
  const load = useCredentialsStore((state) => state.load);
  const storeProfileId = useCredentialsStore((state) => state.profileId);

  // The profile screen loads the statuses when the profile opens (its tab badge needs them too);
  // until they are this profile's, the panel shows as loading.
  const mine = storeProfileId === profileId;
  const ready = statuses.status === 'ready' && mine;
  const dataState = !mine || statuses.status === 'idle' ? 'loading' : statuses.status;

  return (
    <div className="panel-stack" data-testid="credentials-panel" data-state={dataState}>
      <div className="panel-intro">
        <Icon name="lock" size={16} />
        <p>
          Tokens are stored in your system keychain and never written to the profile file, exports or logs. This window only
          ever sees the last four characters.
        </p>
      </div>
      {mine && statuses.status === 'error' && (
        <Callout tone="danger" icon="alert" title="Couldn’t read the keychain" role="alert">
          <p>{statuses.error.message}</p>
          {statuses.error.hint && <p className="muted">{statuses.error.hint}</p>}
          <button type="button" className="btn btn-secondary btn-small" onClick={() => void load(profileId)}>
            <Icon name="refresh" />
            Retry
          </button>
        </Callout>
      )}
      {secretKinds.map((kind) => (
        <SecretCard key={kind} kind={kind} status={ready ? statuses.value[kind] : undefined} loading={!ready && dataState !== 'error'} />
      ))}
    </div>
  );
}

function SecretCard({ kind, status, loading }: { kind: SecretKind; status: SecretStatus | undefined; loading: boolean }) {
  const label = secretLabels[kind];
  const pending = useCredentialsStore((state) => state.pending[kind]);
  const save = useCredentialsStore((state) => state.save);
  const remove = useCredentialsStore((state) => state.remove);
  const copy = useCredentialsStore((state) => state.copy);
  const canCopy = useAppStore(selectCanCopySecrets);
  const now = useNow();
  const inputRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const errorId = useId();
  const helpId = useId();
  const [error, setError] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const present = status?.present === true;
  const help = secretHelp[kind];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = inputRef.current;
    if (!input) return;
    // The token goes straight from the field to main: it is never put in React state or a store.
    const value = input.value;
    input.value = '';
    if (!value.trim()) {
      setError('Paste the token first.');
      input.focus();
      return;
    }
    setError(undefined);
    const saved = await save(kind, value, { inline: (e) => setError(e.message) });
    if (!saved) inputRef.current?.focus();
  };

  return (
    <section
      aria-label={label}
      className={`card secret-card${present ? ' secret-card-saved' : ''}`}
      data-kind={kind}
      data-state={loading ? 'loading' : present ? 'saved' : 'missing'}
    >
      <div className="secret-card-head">
        <span className={`secret-icon${present ? ' secret-icon-saved' : ''}`} aria-hidden="true">
          <Icon name={present ? 'check' : 'key'} size={18} />
        </span>
        <div className="secret-card-title">
          <h3 id={headingId}>{label}</h3>
          <p className="secret-status" data-testid="secret-status" aria-live="polite">
            {loading ? (
              <span className="skeleton skeleton-inline" aria-label="Loading" />
            ) : present ? (
              <>
                <span className="badge badge-success">Saved</span>{' '}
                <span>
                  <span className="fingerprint">••••{status?.fingerprint ?? ''}</span>
                  {status?.savedAt && (
                    <span className="muted" title={absoluteTime(status.savedAt)}>
                      {' '}
                      · saved {relativeTime(status.savedAt, now)}
                    </span>
                  )}
                </span>
              </>
            ) : (
              <span className="badge badge-neutral">Not set</span>
            )}
          </p>
        </div>
        {present && (
          <div className="secret-card-actions">
            {canCopy && (
              <button type="button" className="btn btn-ghost btn-small" onClick={() => void copy(kind)} disabled={pending !== undefined}>
                {pending === 'copying' ? <Spinner /> : <Icon name="copy" />}
                Copy
              </button>
            )}
            <button type="button" className="btn btn-ghost btn-small btn-ghost-danger" onClick={() => setConfirmDelete(true)} disabled={pending !== undefined}>
              <Icon name="trash" />
              Delete
            </button>
          </div>
        )}
      </div>

      <form className="secret-form" onSubmit={submit} noValidate>
        <input
          ref={inputRef}
          className="input input-mono"
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-label={label}
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? errorId : '', helpId].join(' ').trim()}
          placeholder={present ? 'Paste a new token to replace the saved one' : 'Paste the token'}
          disabled={pending === 'saving'}
          onInput={() => error && setError(undefined)}
        />
        <button type="submit" className={`btn ${present ? 'btn-secondary' : 'btn-primary'}`} disabled={pending !== undefined}>
          {pending === 'saving' && <Spinner />}
          {present ? 'Replace' : 'Save'}
        </button>
      </form>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      <SecretCopiedNote kind={kind} />
      <div id={helpId} className="secret-help">
        <p>
          <span className="secret-help-label">Where to find it:</span> {help.where}
        </p>
        <p className="muted">{help.why}</p>
      </div>

      {confirmDelete && (
        <ConfirmDialog
          title={`Delete the ${label}?`}
          tone="danger"
          confirmLabel="Delete token"
          onClose={() => setConfirmDelete(false)}
          onConfirm={async () => {
            if (await remove(kind)) setConfirmDelete(false);
          }}
          description={
            <p>
              It is removed from the system keychain on this computer. The token itself stays valid until you revoke it in{' '}
              {kind === 'oktaApiToken' ? 'Okta' : 'ThreatLocker'}.
            </p>
          }
        />
      )}
    </section>
  );
}

/** "Copied — the clipboard clears in 60 s" after a copy of this kind, until main clears the clipboard. */
export function SecretCopiedNote({ kind, className }: { kind: SecretKind; className?: string }) {
  const copiedFor = useCredentialsStore((state) => state.copied[kind]);
  return (
    <p className={`secret-copied${className ? ` ${className}` : ''}`} role="status" aria-live="polite">
      {copiedFor !== undefined && (
        <>
          <Icon name="clipboard" size={14} /> Copied — the clipboard clears in {copiedFor} s
        </>
      )}
    </p>
  );
}
