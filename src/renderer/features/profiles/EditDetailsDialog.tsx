import { useState, type FormEvent } from 'react';
import { profileDetailsPatchSchema, secretLabels, type Profile, type ProfileDetailsPatch } from '../../../shared/profile';
import { fieldErrors } from '../../core/errors';
import { toast } from '../../core/toast-store';
import { Dialog, FormActions } from '../../components/Dialog';
import { useCredentialsStore } from '../credentials';
import { reloadOktaSignIn } from '../okta-sign-in';
import { ConnectionFields } from './ConnectionFields';
import { useProfilesStore } from './profiles-store';
import { useFieldForm } from './use-field-form';
import { useProfileStore } from './profile-store';

const fields = ['oktaOrgUrl', 'instance', 'managedOrganizationId', 'scimUrl'] as const;
type FieldName = (typeof fields)[number];

/** Whether main holds an Okta sign-in for the profile (false when it cannot tell: nothing is claimed then). */
async function oktaSignedIn(profileId: string): Promise<boolean> {
  try {
    return (await window.api.oktaSignIn.status({ profileId })).signedIn;
  } catch {
    return false;
  }
}

/** Changes where the profile points: Okta org, ThreatLocker instance, child org, SCIM API Url. */
export function EditDetailsDialog({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const updateDetails = useProfilesStore((s) => s.updateDetails);
  const replace = useProfileStore((s) => s.replace);
  const savedKinds = useCredentialsStore((s) => s.savedKinds);
  const { values, errors, setErrors, bind, showIssues } = useFieldForm<FieldName>({
    oktaOrgUrl: profile.okta.orgUrl,
    instance: profile.threatlocker.instance,
    managedOrganizationId: profile.threatlocker.managedOrganizationId ?? '',
    scimUrl: profile.threatlocker.scimUrl ?? '',
  });
  const [busy, setBusy] = useState(false);
  const [customDomain, setCustomDomain] = useState(profile.okta.customDomain);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Emptying an optional field removes it (null); the required ones must stay filled.
    const parsed = profileDetailsPatchSchema.safeParse({
      oktaOrgUrl: values.oktaOrgUrl.trim(),
      oktaCustomDomain: customDomain,
      instance: values.instance.trim(),
      managedOrganizationId: values.managedOrganizationId.trim() || null,
      scimUrl: values.scimUrl.trim() || null,
    });
    if (!parsed.success) {
      showIssues(parsed.error.issues);
      return;
    }
    const patch: ProfileDetailsPatch = parsed.data;
    if (patch.managedOrganizationId !== profile.threatlocker.managedOrganizationId) patch.managedOrganizationName = null;
    setBusy(true);
    const savedBefore = await savedKinds(profile.id);
    const signedInBefore = await oktaSignedIn(profile.id);
    const updated = await updateDetails(profile.id, patch, {
      inline: (error) => setErrors(fieldErrors(error, fields)),
      inlineCodes: ['VALIDATION', 'HOST_NOT_ALLOWED'],
    });
    setBusy(false);
    if (updated) {
      replace(updated);
      // main deletes a token whose destination moved to another host; say so, and which.
      const savedAfter = await savedKinds(profile.id);
      const removed = savedBefore.filter((kind) => !savedAfter.includes(kind));
      if (removed.length > 0) {
        toast.info(
          `Removed the saved ${removed.map((kind) => secretLabels[kind]).join(' and ')}`,
          'The address it was saved for changed, so the console will not send it to the new one. Paste the token for the new address on the Credentials tab.',
        );
        void useCredentialsStore.getState().load(profile.id);
      }
      if (signedInBefore && !(await oktaSignedIn(profile.id))) {
        toast.info(
          'Signed out of Okta',
          'The Okta org changed, so the console removed the sign-in made at the old one (its tokens are not sent to the new org). Sign in again on the Okta sign-in panel.',
        );
        void reloadOktaSignIn(profile.id);
      }
      onClose();
    }
  };

  return (
    <Dialog title="Connection details" description="Where this profile points. Tokens stay in the keychain and are changed on the Credentials tab; moving an address to another host removes the token saved for it." onClose={onClose} busy={busy} size="medium">
      <form className="form" onSubmit={submit} noValidate>
        <ConnectionFields
          bind={bind}
          autofocus
          customDomain={{ checked: customDomain, onChange: setCustomDomain }}
          help={{ oktaOrgUrl: 'e.g. acme.okta.com', instance: <>The letter in <strong>Help → ThreatLocker Access (X)</strong>.</> }}
        />
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <FormActions submitLabel="Save details" onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
