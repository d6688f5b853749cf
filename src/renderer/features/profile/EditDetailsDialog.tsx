import { useState, type ChangeEvent, type FormEvent } from 'react';
import { profileDetailsPatchSchema, type Profile, type ProfileDetailsPatch } from '../../../shared/profile';
import { fieldErrors } from '../../app/errors';
import { Dialog, Spinner } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useProfilesStore } from '../profiles/profiles-store';
import { useProfileStore } from './profile-store';

const fields = ['oktaOrgUrl', 'instance', 'managedOrganizationId', 'scimUrl'] as const;
type FieldName = (typeof fields)[number];
type Errors = Partial<Record<FieldName | 'form', string>>;

/** Changes where the profile points: Okta org, ThreatLocker instance, child org, SCIM API Url. */
export function EditDetailsDialog({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const updateDetails = useProfilesStore((s) => s.updateDetails);
  const replace = useProfileStore((s) => s.replace);
  const [values, setValues] = useState<Record<FieldName, string>>({
    oktaOrgUrl: profile.okta.orgUrl,
    instance: profile.threatlocker.instance,
    managedOrganizationId: profile.threatlocker.managedOrganizationId ?? '',
    scimUrl: profile.threatlocker.scimUrl ?? '',
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
    // Emptying an optional field removes it (null); the required ones must stay filled.
    const parsed = profileDetailsPatchSchema.safeParse({
      oktaOrgUrl: values.oktaOrgUrl.trim(),
      instance: values.instance.trim(),
      managedOrganizationId: values.managedOrganizationId.trim() || null,
      scimUrl: values.scimUrl.trim() || null,
    });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as FieldName | undefined;
        if (field && !next[field]) next[field] = issue.message;
      }
      setErrors(next);
      return;
    }
    const patch: ProfileDetailsPatch = parsed.data;
    if (patch.managedOrganizationId !== profile.threatlocker.managedOrganizationId) patch.managedOrganizationName = null;
    setBusy(true);
    const updated = await updateDetails(profile.id, patch, {
      inline: (error) => setErrors(fieldErrors(error, fields)),
      inlineCodes: ['VALIDATION', 'HOST_NOT_ALLOWED'],
    });
    setBusy(false);
    if (updated) {
      replace(updated);
      onClose();
    }
  };

  return (
    <Dialog title="Connection details" description="Where this profile points. Tokens stay in the keychain and are changed on the Credentials tab." onClose={onClose} busy={busy} size="medium">
      <form className="form" onSubmit={submit} noValidate>
        <Field label="Okta domain" autoComplete="off" spellCheck={false} data-autofocus help="e.g. acme.okta.com" {...bind('oktaOrgUrl')} />
        <Field
          className="field-short"
          label="ThreatLocker instance"
          maxLength={3}
          autoComplete="off"
          spellCheck={false}
          help={<>The letter in <strong>Help → ThreatLocker Access (X)</strong>.</>}
          {...bind('instance')}
        />
        <Field label="Child organization GUID" optional autoComplete="off" spellCheck={false} {...bind('managedOrganizationId')} />
        <Field
          label="SCIM API Url"
          optional
          type="url"
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
            Save details
          </button>
        </div>
      </form>
    </Dialog>
  );
}
