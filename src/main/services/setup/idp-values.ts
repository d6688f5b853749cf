import { AppError } from '../../../shared/errors';
import type { OktaApp } from '../okta/okta-schemas';
import { readCertificate, parseIdpMetadata, type CertificateInfo, type IdpMetadata } from './saml-metadata';
import type { SetupContext } from './setup-context';

export interface IdpValues {
  app: OktaApp;
  metadata: IdpMetadata;
  cert: CertificateInfo;
}

/**
 * Reads the app and its SAML metadata, and keeps the values ThreatLocker needs in the
 * threatlocker-saml step's data, so step 4 can show them without a network call.
 */
export async function loadIdpValues(ctx: SetupContext, appId: string): Promise<IdpValues> {
  const okta = ctx.okta();
  const app = await okta.getApp(appId);
  let kid = app.credentials?.signing?.kid ?? undefined;
  if (!kid) kid = (await okta.listAppKeys(appId))[0]?.kid;
  // The metadata operation requires kid (Okta's spec; a mock built from it answers 422 without it).
  if (!kid) {
    throw new AppError('BAD_RESPONSE', 'Okta lists no signing key for the app, so its SAML metadata cannot be read.', {
      hint: 'Open the app\'s Sign On tab in Okta: it should show an active SAML signing certificate. Then run this step again.',
    });
  }
  const metadata = parseIdpMetadata(await okta.getSamlMetadata(appId, kid), okta.orgUrl);
  const cert = readCertificate(metadata.certificateBase64);
  await ctx.saveData('threatlocker-saml', {
      signOnUrl: metadata.ssoUrl,
      issuer: metadata.entityId,
      certificatePem: cert.pem,
      certAlgorithm: cert.algorithmName,
      threatlockerAlgorithm: cert.threatlockerAlgorithm ?? null,
      certNotAfter: cert.notAfter,
  });
  return { app, metadata, cert };
}
