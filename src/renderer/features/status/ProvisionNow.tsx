import { useState } from 'react';
import { ConfirmDialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { ActionResultView } from './PersonPanel';
import { useStatusStore } from './status-store';

/** Entra's "Provision on demand" for someone not in the table yet: by Okta login or user id. */
export function ProvisionNow() {
  const provisionNow = useStatusStore((s) => s.provisionNow);
  const action = useStatusStore((s) => s.action);
  const detailOpen = useStatusStore((s) => s.detail !== undefined);
  const [who, setWho] = useState('');
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="status-provision">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (who.trim()) setConfirming(true);
        }}
      >
        <label>
          Provision someone now (Okta login or user id)
          <input value={who} onChange={(e) => setWho(e.target.value)} placeholder="jane.doe@acme.com" />
        </label>
        <button type="submit" className="btn btn-secondary" disabled={!who.trim() || action === 'running'}>
          <Icon name="play" /> Provision now
        </button>
      </form>
      {!detailOpen && <ActionResultView />}
      {confirming && (
        <ConfirmDialog
          title={`Provision ${who.trim()} now?`}
          description="The console assigns them to the app directly in Okta if they are not assigned yet, asks for the push where Okta allows it, then watches ThreatLocker until they appear."
          confirmLabel="Provision now"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            setConfirming(false);
            await provisionNow(who.trim());
          }}
        />
      )}
    </div>
  );
}
