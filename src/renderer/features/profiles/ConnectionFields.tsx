import type { ReactNode } from 'react';
import { Field } from '../../components/Field';
import type { FieldBinding } from './use-field-form';

export type ConnectionField = 'oktaOrgUrl' | 'instance' | 'managedOrganizationId' | 'scimUrl';

interface Props {
  bind: (field: ConnectionField) => FieldBinding;
  /** The help under each field; the SCIM API Url's is the same in every form. */
  help: { oktaOrgUrl: ReactNode; instance: ReactNode; managedOrganizationId?: ReactNode };
  /** Example values in the empty fields (the new-profile form). */
  placeholders?: boolean;
  /** Puts data-autofocus on the Okta domain field (the first field of the form). */
  autofocus?: boolean;
  /** "This is our custom Okta domain": lets a domain outside *.okta.com through the allowlist. */
  customDomain: { checked: boolean; onChange: (checked: boolean) => void };
}

/** Where a profile points: Okta domain, ThreatLocker instance, child organization GUID, SCIM API Url. */
export function ConnectionFields({ bind, help, placeholders = false, autofocus = false, customDomain }: Props) {
  return (
    <>
      <Field
        label="Okta domain"
        placeholder={placeholders ? 'acme.okta.com' : undefined}
        autoComplete="off"
        spellCheck={false}
        data-autofocus={autofocus || undefined}
        help={help.oktaOrgUrl}
        {...bind('oktaOrgUrl')}
      />
      <label className="checkbox">
        <input type="checkbox" checked={customDomain.checked} onChange={(e) => customDomain.onChange(e.target.checked)} />
        <span>
          This is our org’s custom Okta domain <span className="muted">(e.g. login.acme.com, set under Customizations → Domain)</span>
        </span>
      </label>
      <Field
        className="field-short"
        label="ThreatLocker instance"
        placeholder={placeholders ? 'd' : undefined}
        maxLength={3}
        autoComplete="off"
        spellCheck={false}
        help={help.instance}
        {...bind('instance')}
      />
      <Field
        label="Child organization GUID"
        optional
        placeholder={placeholders ? '1c2d3e4f-0000-0000-0000-000000000000' : undefined}
        autoComplete="off"
        spellCheck={false}
        help={help.managedOrganizationId}
        {...bind('managedOrganizationId')}
      />
      <Field
        label="SCIM API Url"
        optional
        type="url"
        placeholder={placeholders ? 'https://portalapi.d.threatlocker.com/scim/v2' : undefined}
        autoComplete="off"
        spellCheck={false}
        help="Shown in ThreatLocker under Integrations → SCIM Integration as “API Url”."
        {...bind('scimUrl')}
      />
    </>
  );
}
