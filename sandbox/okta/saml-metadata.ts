import { createHash, generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/**
 * The app's SAML signing credential and the IdP metadata Okta publishes for it.
 *
 * The certificate is real (RSA 2048, sha256WithRSAEncryption, valid 10 years from creation) so
 * the product's metadata parsing and certificate checks run against the genuine article. Key
 * generation uses node's native RSA (milliseconds) and node-forge only to build and sign the
 * X.509 certificate, which node:crypto cannot do.
 */

export interface SigningKey {
  kid: string;
  /** Base64 DER, as in ds:X509Certificate and JWK x5c. */
  certificateDer: string;
  certificatePem: string;
  created: string;
  expiresAt: string;
  /** JWK modulus / exponent, base64url. */
  n: string;
  e: string;
  x5tS256: string;
}

export function createSigningKey(kid: string, orgName: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forgePrivate = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const forgePublic = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());

  const cert = forge.pki.createCertificate();
  cert.publicKey = forgePublic;
  // Positive serial (leading byte < 0x80), random like Okta's.
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
  const notBefore = new Date();
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  // Okta's app signing certificates carry this subject (self-signed, issuer = subject).
  const attrs = [
    { name: 'countryName', value: 'US' },
    { name: 'stateOrProvinceName', value: 'California' },
    { name: 'localityName', value: 'San Francisco' },
    { name: 'organizationName', value: 'Okta' },
    { shortName: 'OU', value: 'SSOProvider' },
    { name: 'commonName', value: orgName },
    { name: 'emailAddress', value: 'info@okta.com' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forgePrivate, forge.md.sha256.create());

  const derBytes = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  const der = Buffer.from(derBytes, 'binary');
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    kid,
    certificateDer: der.toString('base64'),
    certificatePem: forge.pki.certificateToPem(cert),
    created: notBefore.toISOString(),
    expiresAt: notAfter.toISOString(),
    n: String(jwk.n),
    e: String(jwk.e),
    x5tS256: createHash('sha256').update(der).digest('base64url'),
  };
}

const xmlAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface MetadataInput {
  /** IdP entity key (exk...): entityID is http://www.okta.com/<exk>. */
  exk: string;
  appName: string;
  baseUrl: string;
  certificateDer: string;
}

/** IdP metadata in the layout Okta serves from /api/v1/apps/{appId}/sso/saml/metadata. */
export function samlMetadataXml(input: MetadataInput): string {
  const sso = xmlAttr(`${input.baseUrl}/app/${input.appName}/${input.exk}/sso/saml`);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/${xmlAttr(input.exk)}">` +
    '<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' +
    '<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>' +
    `<ds:X509Certificate>${input.certificateDer}</ds:X509Certificate>` +
    '</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>' +
    '<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>' +
    '<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>' +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${sso}"/>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${sso}"/>` +
    '</md:IDPSSODescriptor></md:EntityDescriptor>'
  );
}
