import { useEffect, useState } from 'react';
import type { DamagedProfileInfo } from '../../../shared/ipc-contract';
import { secretLabels } from '../../../shared/profile';
import { useAppStore } from '../../core/app-store';
import { ConfirmDialog, Dialog, Spinner } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { absoluteTime } from '../../lib/format';
import { NewProfileDialog } from './ProfileDialogs';
import { useProfilesStore } from './profiles-store';

type Step = 'closed' | 'options' | 'new-profile' | 'confirm-delete';

/**
 * "Recover…" on a damaged profile file: its tokens are still in the keychain (and no other
 * profile may take them), so the admin restores the last good copy, moves the tokens to a new
 * profile, or deletes them.
 */
export function RecoverDamagedButton({ file }: { file: string }) {
  const [step, setStep] = useState<Step>('closed');
  const openProfile = useAppStore((state) => state.openProfile);
  const deleteSecrets = useProfilesStore((state) => state.deleteDamagedSecrets);
  return (
    <>
      <button type="button" className="btn btn-secondary btn-small problem-recover" onClick={() => setStep('options')}>
        <Icon name="refresh" />
        Recover {file}…
      </button>
      {step === 'options' && (
        <RecoverDialog
          file={file}
          onClose={() => setStep('closed')}
          onNewProfile={() => setStep('new-profile')}
          onDeleteSecrets={() => setStep('confirm-delete')}
          onRestored={(id) => {
            setStep('closed');
            openProfile(id);
          }}
        />
      )}
      {step === 'new-profile' && (
        <NewProfileDialog
          recoverFrom={file}
          onClose={() => setStep('options')}
          onCreated={(profile) => {
            setStep('closed');
            openProfile(profile.id, 'credentials');
          }}
        />
      )}
      {step === 'confirm-delete' && (
        <ConfirmDialog
          title="Delete the tokens of this file?"
          description={`The keychain entries saved for ${file} are deleted from this computer. Nothing changes in Okta or ThreatLocker; to use these tokens again, paste them into a profile. The file itself stays where it is.`}
          confirmLabel="Delete tokens"
          tone="danger"
          onClose={() => setStep('options')}
          onConfirm={async () => {
            if (await deleteSecrets(file)) setStep('closed');
          }}
        />
      )}
    </>
  );
}

function RecoverDialog({
  file,
  onClose,
  onNewProfile,
  onDeleteSecrets,
  onRestored,
}: {
  file: string;
  onClose: () => void;
  onNewProfile: () => void;
  onDeleteSecrets: () => void;
  onRestored: (profileId: string) => void;
}) {
  const damagedInfo = useProfilesStore((state) => state.damagedInfo);
  const restoreBackup = useProfilesStore((state) => state.restoreBackup);
  const [info, setInfo] = useState<DamagedProfileInfo | 'loading' | 'failed'>('loading');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void damagedInfo(file).then((value) => setInfo(value ?? 'failed'));
  }, [damagedInfo, file]);

  const restore = async () => {
    setBusy(true);
    const profile = await restoreBackup(file);
    setBusy(false);
    if (profile) onRestored(profile.id);
  };

  return (
    <Dialog title={`Recover ${file}`} size="medium" busy={busy} onClose={onClose} description="The file can’t be read, but what it points at is not lost.">
      <div className="form recover-damaged" data-testid="recover-damaged">
        {info === 'loading' ? (
          <p>
            <Spinner /> Looking in the keychain…
          </p>
        ) : info === 'failed' ? (
          <p className="field-error">The keychain couldn’t be read. Close this and try again.</p>
        ) : (
          <>
            <section aria-label="Keychain entries">
              <h3 className="field-label">Its tokens in the keychain</h3>
              {info.secrets.length ? (
                <ul className="recover-secrets">
                  {info.secrets.map((s) => (
                    <li key={s.kind}>
                      {secretLabels[s.kind]} <code>••••{s.fingerprint}</code>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">None: no token of this file is left in the keychain.</p>
              )}
            </section>
            {info.backup ? (
              <section aria-label="Last good copy">
                <h3 className="field-label">Last good copy</h3>
                <p>
                  “{info.backup.name}”, saved {absoluteTime(info.backup.savedAt)}, with {info.backup.stepsSaved} setup step
                  {info.backup.stepsSaved === 1 ? '' : 's'} saved. Restoring it brings the profile back with its tokens and its
                  wizard progress; the damaged file is kept in profiles/.damaged.
                </p>
              </section>
            ) : (
              <p className="muted">No good copy of this file was kept (it was last saved by an older version of the console).</p>
            )}
            <div className="dialog-actions">
              {info.secrets.length > 0 && (
                <button type="button" className="btn btn-danger" disabled={busy} onClick={onDeleteSecrets}>
                  Delete its tokens…
                </button>
              )}
              {info.secrets.length > 0 && (
                <button type="button" className={`btn ${info.backup ? 'btn-secondary' : 'btn-primary'}`} disabled={busy} onClick={onNewProfile}>
                  Re-attach its tokens to a new profile…
                </button>
              )}
              {info.backup && (
                <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void restore()} data-autofocus>
                  {busy && <Spinner />}
                  Restore the last good copy
                </button>
              )}
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}
