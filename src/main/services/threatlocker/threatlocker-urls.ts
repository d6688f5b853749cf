import { AppError } from '../../../shared/errors';
import { instanceSchema } from '../../../shared/profile';

/** The instance letter(s), lower-cased; throws VALIDATION saying what it must be and where to look it up. */
export function normalizeInstance(instance: string): string {
  const parsed = instanceSchema.safeParse(instance);
  if (!parsed.success) {
    throw new AppError('VALIDATION', `"${String(instance).slice(0, 20)}" is not a ThreatLocker instance: it must be a letter, such as d.`, {
      hint: 'In the ThreatLocker portal click Help (top right): the letter in "ThreatLocker Access (X)" is the instance.',
    });
  }
  return parsed.data;
}

/** https://portalapi.<instance>.threatlocker.com (no trailing slash). */
export function portalApiBaseFor(instance: string): string {
  return `https://portalapi.${normalizeInstance(instance)}.threatlocker.com`;
}

/**
 * The SAML Single sign-on URL for Okta. The capital A in `portalApi` is as ThreatLocker
 * publishes it; keep it so the value matches what the ThreatLocker docs show admins.
 */
export function acsUrlFor(instance: string): string {
  return `${portalApiBaseFor(instance)}/portalApi/AuthenticationSAML/AssertionConsumerService`;
}

/** ThreatLocker's SP entity ID, Okta's Audience URI. */
export const THREATLOCKER_SP_ENTITY_ID = 'https://threatlocker.com';
