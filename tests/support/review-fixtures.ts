import { profileSchema, type Profile } from '../../src/shared/profile';
import { setupStepIds } from '../../src/shared/setup-data';

export const AT = '2026-03-15T12:00:00.000Z';
export const NOW = new Date('2026-03-20T12:00:00.000Z');
export const ACS_D = 'https://portalapi.d.threatlocker.com/portalApi/AuthenticationSAML/AssertionConsumerService';
export const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/** A config set up as the article says: every step verified, a passing SCIM check, two mappings. */
export function goodProfile(over: Record<string, unknown> = {}): Profile {
  const steps: Record<string, unknown> = Object.fromEntries(setupStepIds.map((id) => [id, { status: 'verified', updatedAt: AT, data: {} }]));
  steps['assertion-preview'] = {
    status: 'verified',
    updatedAt: AT,
    data: { assertion: { issuer: 'http://www.okta.com/exk1', audience: 'https://threatlocker.com', recipient: ACS_D, destination: ACS_D, nameIdFormat: EMAIL_FORMAT, sampleNameId: 'ada@acme.com', sampleUser: null, signatureAlgorithm: 'RSA_SHA256', certificateAlgorithm: 'SHA256withRSA' } },
  };
  steps['threatlocker-saml'] = { status: 'verified', updatedAt: AT, data: { certNotAfter: '2036-03-15T12:00:00.000Z' } };
  steps['push-groups'] = { status: 'verified', updatedAt: AT, data: { pushed: [{ id: 'g1', name: 'TL Admins', assigned: false }, { id: 'g2', name: 'TL Read Only', assigned: false }] } };
  return profileSchema.parse({
    schemaVersion: 1,
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Acme',
    createdAt: AT,
    updatedAt: AT,
    okta: { orgUrl: 'https://acme.okta.com' },
    threatlocker: { instance: 'd', scimUrl: 'https://portalapi.d.threatlocker.com/scim/v2', managedOrganizationName: 'Acme Child' },
    setup: { steps },
    mappings: [
      { oktaGroupId: 'g1', oktaGroupName: 'TL Admins', roleId: 'r1', roleName: 'Administrator' },
      { oktaGroupId: 'g2', oktaGroupName: 'TL Read Only', roleId: 'r2', roleName: 'Read Only' },
    ],
    scimChecks: { baseUrl: 'https://portalapi.d.threatlocker.com/scim/v2', startedAt: AT, finishedAt: AT, write: false, results: [{ id: 'auth', number: 1, title: 'Authentication', outcome: 'pass', expected: '200' }], leftovers: [], summary: { pass: 1, warn: 0, fail: 0, skip: 0 } },
    ...over,
  });
}

/** The profile with step `id`'s saved state replaced (undefined: the step never ran). */
export function withStep(p: Profile, id: string, state: unknown): Profile {
  const steps: Record<string, unknown> = { ...p.setup.steps, [id]: state };
  if (state === undefined) delete steps[id];
  return profileSchema.parse({ ...p, setup: { steps } });
}
