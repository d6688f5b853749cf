import { useState, type FormEvent } from 'react';
import { newProfileInputSchema, type NewProfileInput, type Profile } from '../../../shared/profile';
import { fieldErrors } from '../../core/errors';
import { ConfirmDialog, Dialog, FormActions } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ConnectionFields } from './ConnectionFields';
import { useProfilesStore } from './profiles-store';
import { useFieldForm } from './use-field-form';

const fields = ['name', 'oktaOrgUrl', 'instance', 'managedOrganizationId', 'scimUrl'] as const;
type FieldName = (typeof fields)[number];

interface Props {
  onClose: () => void;
  onCreated: (profile: Profile) => void;
  /** A damaged profile file whose keychain entries the new profile takes over. */
  recoverFrom?: string;
}

export function NewProfileDialog({ onClose, onCreated, recoverFrom }: Props) {
  const createProfile = useProfilesStore((state) => state.create);
  const recoverInto = useProfilesStore((state) => state.recoverInto);
  const create: typeof createProfile = (input, context) => (recoverFrom ? recoverInto(recoverFrom, input, context) : createProfile(input, context));
  const { values, errors, setErrors, bind, showIssues } = useFieldForm<FieldName>({
    name: '',
    oktaOrgUrl: '',
    instance: '',
    managedOrganizationId: '',
    scimUrl: '',
  });
  const [busy, setBusy] = useState(false);
  const [customDomain, setCustomDomain] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate: Record<string, string | undefined> = {};
    for (const field of fields) candidate[field] = values[field].trim() || undefined;
    candidate.name ??= '';
    candidate.oktaOrgUrl ??= '';
    candidate.instance ??= '';
    const parsed = newProfileInputSchema.safeParse({ ...candidate, oktaCustomDomain: customDomain || undefined });
    if (!parsed.success) {
      showIssues(parsed.error.issues);
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
      title={recoverFrom ? 'New profile for the recovered tokens' : 'New profile'}
      description={
        recoverFrom
          ? `The tokens saved for ${recoverFrom} move to this profile. Enter the organization they belong to.`
          : 'One profile per organization you manage. Tokens are added on the next screen and kept in the system keychain.'
      }
      onClose={onClose}
      busy={busy}
      size="medium"
    >
      <form className="form" onSubmit={submit} noValidate>
        <Field label="Profile name" placeholder="Acme Corp" autoComplete="off" data-autofocus {...bind('name')} />
        <ConnectionFields
          bind={bind}
          placeholders
          customDomain={{ checked: customDomain, onChange: setCustomDomain }}
          help={{
            oktaOrgUrl: 'The address you sign in to Okta with, e.g. acme.okta.com or acme.oktapreview.com.',
            instance: (
              <>
                Find it in the ThreatLocker portal under <strong>Help → ThreatLocker Access (X)</strong>. It’s the letter in
                the brackets.
              </>
            ),
            managedOrganizationId: 'Only when you manage this client as a child organization under your MSP.',
          }}
        />
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <FormActions submitLabel="Create profile" onCancel={onClose} busy={busy} />
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
        <FormActions submitLabel="Save name" onCancel={onClose} busy={busy} />
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
