import { useState } from 'react';
import { useAppStore } from '../../core/app-store';
import { Icon } from '../../components/Icon';
import { hostOf } from '../../lib/format';
import { SandboxFaultsDialog } from './SandboxFaultsDialog';
import { SandboxRolesDialog } from './SandboxRolesDialog';
import { useSandboxStore } from './sandbox-store';

/** "Sandbox running" in the sidebar footer; opens the sandbox profile when there is one. */
export function SandboxChip() {
  const info = useSandboxStore((state) => state.info);
  const openProfile = useAppStore((state) => state.openProfile);
  const [faultsOpen, setFaultsOpen] = useState(false);
  const [rolesOpen, setRolesOpen] = useState(false);
  if (!info?.running) return null;
  const details = [
    info.oktaUrl && `Okta: ${hostOf(info.oktaUrl)}`,
    info.threatlockerUrl && `ThreatLocker: ${hostOf(info.threatlockerUrl)}`,
    info.scimUrl && `SCIM: ${hostOf(info.scimUrl)}`,
  ]
    .filter(Boolean)
    .join('\n');
  const content = (
    <>
      <span className="status-dot status-dot-live" aria-hidden="true" />
      <span>Sandbox running</span>
    </>
  );
  return (
    <>
      <div className="sandbox-chip-wrap" role="status" aria-label="Sandbox running on this computer">
        {info.profileId ? (
          <button
            type="button"
            className="sandbox-chip"
            title={details ? `${details}\n\nOpen the sandbox profile` : 'Open the sandbox profile'}
            onClick={() => info.profileId && openProfile(info.profileId)}
          >
            {content}
          </button>
        ) : (
          <span className="sandbox-chip" title={details}>
            {content}
          </span>
        )}
      </div>
      <button type="button" className="btn btn-ghost btn-small sandbox-faults-button" onClick={() => setFaultsOpen(true)}>
        <Icon name="alert" />
        Sandbox faults
      </button>
      <button type="button" className="btn btn-ghost btn-small sandbox-faults-button" onClick={() => setRolesOpen(true)}>
        <Icon name="users" />
        Sandbox roles
      </button>
      {faultsOpen && <SandboxFaultsDialog onClose={() => setFaultsOpen(false)} />}
      {rolesOpen && <SandboxRolesDialog onClose={() => setRolesOpen(false)} />}
    </>
  );
}
