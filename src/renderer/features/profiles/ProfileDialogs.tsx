import { useState, type ChangeEvent, type FormEvent } from 'react';
import { newProfileInputSchema, type NewProfileInput, type Profile } from '../../../shared/profile';
import { fieldErrors } from '../../app/errors';
import { ConfirmDialog, Dialog, Spinner } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useProfilesStore } from './profiles-store';

const fields = ['name', 'oktaOrgUrl', 'instance', 'managedOrganizationId', 'scimUrl'] as const;
type FieldName = (typeof fields)[number];
type Errors = Partial<Record<FieldName | 'form', string>>;

interface Props {
  onClose: () => void;
  onCreated: (profile: Profile) => void;
}

export function NewProfileDialog({ onClose, onCreated }: Props) {
  const create = useProfilesStore((state) => state.create);
  const [values, setValues] = useState<Record<FieldName, string>>({
    name: '',
    oktaOrgUrl: '',
    instance: '',
    managedOrganizationId: '',
    scimUrl: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const bind = (field: FieldName) => ({
    value: values[field],
    error: errors[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setValues((v) => ({ ...v, [field]: event.target.value }));
      if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
    },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate: Record<string, string | undefined> = {};
    for (const field of fields) candidate[field] = values[field].trim() || undefined;
    candidate.name ??= '';
    candidate.oktaOrgUrl ??= '';
    candidate.instance ??= '';
    const parsed = newProfileInputSchema.safeParse(candidate);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as FieldName | undefined;
        if (field && !next[field]) next[field] = issue.message;
      }
      setErrors(next);
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    const input: NewProfileInput = parsed.data;
    const profile = await create(input, {
      inline: (error) => {
        setErrors(fieldErrors(error, fields));
        focusFirstInvalid();
      },
      // A domain that is not Okta's or a non-https SCIM Url belongs next to the form, not in a toast.
      inlineCodes: ['VALIDATION', 'HOST_NOT_ALLOWED'],
    });
    setBusy(false);
    if (profile) onCreated(profile);
  };

  return (
    <Dialog
      title="New profile"
      description="One profile per organization you manage. Tokens are added on the next screen and kept in the system keychain."
      onClose={onClose}
      busy={busy}
      size="medium"
    >
      <form className="form" onSubmit={submit} noValidate>
        <Field label="Profile name" placeholder="Acme Corp" autoComplete="off" data-autofocus {...bind('name')} />
        <Field
          label="Okta domain"
          placeholder="acme.okta.com"
          autoComplete="off"
          spellCheck={false}
          help="The address you sign in to Okta with, e.g. acme.okta.com or acme.oktapreview.com."
          {...bind('oktaOrgUrl')}
        />
        <Field
          className="field-short"
          label="ThreatLocker instance"
          placeholder="d"
          maxLength={3}
          autoComplete="off"
          spellCheck={false}
          help={
            <>
              Find it in the ThreatLocker portal under <strong>Help → ThreatLocker Access (X)</strong>. It’s the letter in
              the brackets.
            </>
          }
          {...bind('instance')}
        />
        <Field
          label="Child organization GUID"
          optional
          placeholder="1c2d3e4f-0000-0000-0000-000000000000"
          autoComplete="off"
          spellCheck={false}
          help="Only when you manage this client as a child organization under your MSP."
          {...bind('managedOrganizationId')}
        />
        <Field
          label="SCIM API Url"
          optional
          type="url"
          placeholder="https://portalapi.d.threatlocker.com/scim/v2"
          autoComplete="off"
          spellCheck={false}
          help="Shown in ThreatLocker under Integrations → SCIM Integration as “API Url”."
          {...bind('scimUrl')}
        />
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy && <Spinner />}
            Create profile
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function focusFirstInvalid() {
  requestAnimationFrame(() => document.querySelector<HTMLInputElement>('dialog[open] [aria-invalid="true"]')?.focus());
}

export function RenameDialog({ profileId, currentName, onClose }: { profileId: string; currentName: string; onClose: () => void }) {
  const rename = useProfilesStore((state) => state.rename);
  const [name, setName] = useState(currentName);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Give the profile a name');
      return;
    }
    if (trimmed === currentName) {
      onClose();
      return;
    }
    setBusy(true);
    const profile = await rename(profileId, trimmed, { inline: (e) => setError(fieldErrors(e, ['name']).name ?? e.message) });
    setBusy(false);
    if (profile) onClose();
  };

  return (
    <Dialog title={`Rename “${currentName}”`} onClose={onClose} busy={busy}>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label="Profile name"
          value={name}
          error={error}
          autoComplete="off"
          data-autofocus
          onChange={(event) => {
            setName(event.target.value);
            setError(undefined);
          }}
        />
        <div className="dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy && <Spinner />}
            Save name
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteProfileDialog({ profileId, name, onClose, onDeleted }: { profileId: string; name: string; onClose: () => void; onDeleted?: () => void }) {
  const remove = useProfilesStore((state) => state.remove);
  return (
    <ConfirmDelete
      name={name}
      onClose={onClose}
      onConfirm={async () => {
        if (await remove(profileId)) {
          onClose();
          onDeleted?.();
        }
      }}
    />
  );
}

function ConfirmDelete({ name, onClose, onConfirm }: { name: string; onClose: () => void; onConfirm: () => Promise<void> }) {
  return (
    <ConfirmDialog
      title={`Delete “${name}”?`}
      tone="danger"
      confirmLabel="Delete profile"
      onClose={onClose}
      onConfirm={onConfirm}
      description={
        <>
          <p>
            The profile file is removed, and so are <strong>its secrets in the system keychain</strong>: the Okta API token,
            the ThreatLocker portal API token and the SCIM bearer token saved for it.
          </p>
          <p className="muted">Nothing changes in Okta or ThreatLocker. This can’t be undone — export the profile first to keep its settings.</p>
        </>
      }
    />
  );
}
