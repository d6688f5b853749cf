import { useEffect, useRef, useState } from 'react';
import type { SandboxRoles } from '../../../shared/ipc-contract';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { postError } from '../../core/errors';

/**
 * The sandbox ThreatLocker's User Roles, to delete one as an admin would in the portal (and put it
 * back): the simulator also drops the Group Mapping rows that used it, so the console's checks
 * against a role that is gone can be rehearsed.
 */
export function SandboxRolesDialog({ onClose }: { onClose: () => void }) {
  const [roles, setRoles] = useState<SandboxRoles>();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string>();
  const list = useRef<HTMLUListElement>(null);
  // The pressed button is replaced by its opposite: once the dialog is idle, the focus goes to it, not out of the dialog.
  const refocus = useRef<string>(undefined);
  useEffect(() => {
    if (busy || !refocus.current) return;
    list.current?.querySelector<HTMLButtonElement>(`li[data-role-id="${CSS.escape(refocus.current)}"] button`)?.focus();
    refocus.current = undefined;
  }, [busy, roles]);

  const load = async (organizationId?: string) => {
    setBusy(true);
    try {
      setRoles(await window.api.sandbox.roles(organizationId ? { organizationId } : {}));
    } catch (error) {
      postError(error, { title: 'Couldn’t read the sandbox roles', retry: () => load(organizationId) });
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening
  }, []);

  const setDeleted = async (role: SandboxRoles['roles'][number], deleted: boolean) => {
    if (!roles) return;
    setBusy(true);
    try {
      const next = await window.api.sandbox.setRoleDeleted({ organizationId: roles.organizationId, roleId: role.id, deleted });
      setRoles(next);
      refocus.current = role.id;
      const dropped = next.droppedMappings ?? [];
      setSaid(
        deleted
          ? `You deleted “${role.name}”, as a ThreatLocker admin would. ${dropped.length ? `ThreatLocker dropped its Group Mapping ${dropped.length === 1 ? 'row' : 'rows'} for ${dropped.map((g) => `“${g}”`).join(', ')}.` : 'No Group Mapping row used it.'}`
          : `“${role.name}” is back (same role). Group Mapping rows dropped with it stay dropped.`,
      );
    } catch (error) {
      postError(error, { title: deleted ? 'Couldn’t delete the role' : 'Couldn’t put the role back' });
    } finally {
      setBusy(false);
    }
  };

  const orgName = (id: string) => roles?.organizations.find((o) => o.id === id)?.name ?? id;
  return (
    <Dialog
      title="Sandbox roles"
      size="medium"
      busy={busy}
      onClose={onClose}
      description="Delete a ThreatLocker User Role as an admin would in the portal, to see how the console copes. The simulated ThreatLocker also drops the Group Mapping rows that used it. Only the built-in sandbox is affected."
    >
      <div className="form sandbox-roles">
        {roles && (
          <label className="field">
            <span className="field-label">ThreatLocker organization</span>
            <select
              className="input"
              value={roles.organizationId}
              disabled={busy}
              onChange={(e) => {
                setSaid(undefined);
                void load(e.target.value);
              }}
            >
              {roles.organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                  {o.id === roles.profileOrganizationId ? ' (the sandbox profile’s)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {roles ? (
          <ul ref={list} className="sandbox-roles-list" aria-label={`User Roles of ${orgName(roles.organizationId)}`}>
            {roles.roles.map((r) => (
              <li key={r.id} data-role-id={r.id} data-deleted={r.deleted || undefined}>
                <span className={r.deleted ? 'muted' : undefined}>
                  {r.name}
                  {r.deleted ? ' (deleted)' : ''}
                </span>
                {r.deleted ? (
                  <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => void setDeleted(r, false)}>
                    <Icon name="refresh" size={14} /> Put back {r.name}
                  </button>
                ) : (
                  <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => void setDeleted(r, true)}>
                    <Icon name="trash" size={14} /> Delete {r.name}
                  </button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Reading the roles…</p>
        )}
        <p className="muted" role="status">
          {said ? `${said} Verify step 10 (group mapping) to see what the console makes of it.` : ''}
        </p>
      </div>
    </Dialog>
  );
}
