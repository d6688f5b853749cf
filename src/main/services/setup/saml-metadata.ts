import { XMLParser, XMLValidator } from 'fast-xml-parser';
import forge from 'node-forge';
import { AppError } from '../../../shared/errors';
import type { Finding } from '../../../shared/setup';

export interface IdpMetadata {
  /** md:EntityDescriptor/@entityID: ThreatLocker's "Issuer". */
  entityId: string;
  /** SingleSignOnService Location for HTTP-POST: ThreatLocker's "Sign-On URL". */
  ssoUrl: string;
  /** Base64 DER of the signing certificate. */
  certificateBase64: string;
  nameIdFormats: string[];
}

/** Okta's metadata is about 4 KB; anything near this cap is not metadata. */
export const MAX_METADATA_BYTES = 256 * 1024;

const REPEATED = new Set(['EntityDescriptor', 'IDPSSODescriptor', 'KeyDescriptor', 'SingleSignOnService', 'NameIDFormat', 'X509Certificate']);

/**
 * A real XML parser, configured for hostile input: DTDs are refused before parsing (so no entity
 * can be declared or expanded; only the five XML entities and character references decode),
 * namespaces prefixes are dropped (Okta uses md: and ds:, others may not), comments and CDATA are
 * text, never elements, and nesting is bounded. Linear in the input, unlike the regexes it replaces.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 32,
  isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;
const children = (node: unknown, name: string): Node[] => {
  const value = node && typeof node === 'object' ? (node as Node)[name] : undefined;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is Node => typeof v === 'object' && v !== null);
};
const attr = (node: Node | undefined, name: string): string | undefined => {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
};
const text = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Node)['#text'] === 'string') return (value as Node)['#text'] as string;
  return '';
};

function badMetadata(why: string): AppError {
  return new AppError('BAD_RESPONSE', `Okta's SAML metadata for the app could not be read: ${why}.`, {
    hint: "Open the app's Sign On tab in Okta and check that it is a SAML 2.0 app with an active signing certificate.",
  });
}

/**
 * Reads the three values ThreatLocker needs from Okta's IdP metadata. `orgUrl` is where the
 * Sign-On URL must point: ThreatLocker sends people there to sign in, so a hostile answer must not
 * be able to make it javascript:, plain http or another host.
 */
export function parseIdpMetadata(xmlText: string, orgUrl: string): IdpMetadata {
  if (xmlText.length > MAX_METADATA_BYTES) throw badMetadata(`it is larger than ${MAX_METADATA_BYTES / 1024} KB`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xmlText)) throw badMetadata('it declares a DTD, which SAML metadata never needs');
  const valid = XMLValidator.validate(xmlText);
  if (valid !== true) throw badMetadata(`it is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  let doc: unknown;
  try {
    doc = parser.parse(xmlText);
  } catch (error) {
    throw badMetadata(error instanceof Error ? error.message.slice(0, 200) : 'unreadable');
  }
  const entity = children(doc, 'EntityDescriptor')[0];
  const entityId = attr(entity, 'entityID');
  const idp = children(entity, 'IDPSSODescriptor')[0];
  const sso = children(idp, 'SingleSignOnService');
  const post = sso.find((s) => /HTTP-POST$/.test(attr(s, 'Binding') ?? '')) ?? sso[0];
  const ssoUrl = attr(post, 'Location');
  // The signing certificate: the KeyDescriptor with use="signing" (or no use), first certificate in it.
  const keys = children(idp, 'KeyDescriptor');
  const signing = keys.find((k) => attr(k, 'use') !== 'encryption') ?? keys[0];
  const x509 = children(children(signing, 'KeyInfo')[0], 'X509Data')[0];
  const certValue = x509 ? (x509['X509Certificate'] as unknown[] | undefined)?.[0] : undefined;
  const certificateBase64 = text(certValue).replace(/\s+/g, '');
  const nameIdFormats = ((idp?.['NameIDFormat'] as unknown[] | undefined) ?? []).map((f) => text(f).trim()).filter(Boolean);
  const missing = [!entityId && 'entityID', !ssoUrl && 'SingleSignOnService Location', !certificateBase64 && 'X509Certificate'].filter(Boolean);
  if (missing.length || !entityId || !ssoUrl) {
    throw new AppError('BAD_RESPONSE', `Okta's SAML metadata for the app has no ${missing.join(', ')}.`, {
      hint: 'Open the app\'s Sign On tab in Okta and check that it is a SAML 2.0 app with an active signing certificate.',
    });
  }
  checkSignOnUrl(ssoUrl, orgUrl);
  return { entityId, ssoUrl, certificateBase64, nameIdFormats };
}

/** The Sign-On URL must be on the org's own origin (https for a real org; the sandbox's loopback origin). */
function checkSignOnUrl(ssoUrl: string, orgUrl: string): void {
  let url: URL;
  let org: URL;
  try {
    url = new URL(ssoUrl);
    org = new URL(orgUrl);
  } catch {
    throw badMetadata(`the Sign-On URL "${ssoUrl.slice(0, 100)}" is not a web address`);
  }
  if (url.origin !== org.origin || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw badMetadata(`the Sign-On URL ${url.protocol}//${url.host} is not on the org's address ${org.origin}`);
  }
}

const SIG_ALGORITHMS: Record<string, { name: string; tl?: 'SHA256' | 'SHA512' }> = {
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', tl: 'SHA256' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', tl: 'SHA512' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption' },
};

export interface CertificateInfo {
  pem: string;
  algorithmOid: string;
  algorithmName: string;
  /** The Signature Algorithm to pick in ThreatLocker, when the certificate allows one. */
  threatlockerAlgorithm?: 'SHA256' | 'SHA512';
  notBefore: string;
  notAfter: string;
  subject: string;
}

export function readCertificate(base64Der: string): CertificateInfo {
  const body = base64Der.replace(/\s+/g, '');
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
  let cert: forge.pki.Certificate;
  try {
    cert = forge.pki.certificateFromPem(pem);
  } catch {
    throw new AppError('BAD_RESPONSE', 'The signing certificate in Okta\'s SAML metadata could not be read.', {
      hint: 'Check the app\'s active signing certificate in Okta (Sign On tab -> SAML Signing Certificates).',
    });
  }
  const oid = cert.siginfo.algorithmOid;
  const known = SIG_ALGORITHMS[oid];
  const info: CertificateInfo = {
    pem,
    algorithmOid: oid,
    algorithmName: known?.name ?? oid,
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    subject: cert.subject.attributes.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', '),
  };
  if (known?.tl) info.threatlockerAlgorithm = known.tl;
  return info;
}

const DAY = 86_400_000;

/** ThreatLocker accepts SHA-256 or SHA-512 certificates only; an expired one breaks every login. */
export function certificateFindings(cert: CertificateInfo, now: Date): Finding[] {
  const findings: Finding[] = [];
  findings.push(
    cert.threatlockerAlgorithm
      ? { label: 'Certificate signature algorithm', outcome: 'pass', expected: 'SHA-256 or SHA-512', actual: cert.algorithmName }
      : {
          label: 'Certificate signature algorithm',
          outcome: 'fail',
          expected: 'SHA-256 or SHA-512',
          actual: cert.algorithmName,
          hint: 'ThreatLocker refuses this certificate: in Okta, Sign On tab -> SAML Signing Certificates, generate a new SHA-2 certificate and activate it, then run this step again.',
        },
  );
  const notBefore = Date.parse(cert.notBefore);
  const notAfter = Date.parse(cert.notAfter);
  const daysLeft = Math.floor((notAfter - now.getTime()) / DAY);
  if (notBefore > now.getTime()) {
    findings.push({ label: 'Certificate validity', outcome: 'fail', expected: 'already valid', actual: `valid from ${cert.notBefore}`, hint: 'Check the computer clock, or activate a certificate that is valid now.' });
  } else if (daysLeft < 0) {
    findings.push({ label: 'Certificate validity', outcome: 'fail', expected: 'not expired', actual: `expired ${cert.notAfter}`, hint: 'Activate a new signing certificate in Okta and give it to ThreatLocker.' });
  } else if (daysLeft < 30) {
    findings.push({ label: 'Certificate validity', outcome: 'warn', expected: 'valid for 30 days or more', actual: `expires ${cert.notAfter} (${daysLeft} days)`, hint: 'Plan the rotation: a new certificate must reach ThreatLocker before this one expires.' });
  } else {
    findings.push({ label: 'Certificate validity', outcome: 'pass', expected: 'valid for 30 days or more', actual: `valid until ${cert.notAfter}` });
  }
  return findings;
}
