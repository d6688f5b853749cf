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

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&amp;/g, '&');

/** Attributes of one start tag, namespace prefixes ignored (Okta uses md: and ds:, others may not). */
function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    out[m[1]!.replace(/^.*:/, '')] = decodeXml(m[3] ?? m[4] ?? '');
  }
  return out;
}

/** Start tags whose local name is `local`, with any (or no) prefix. */
function tags(xml: string, local: string): string[] {
  return [...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${local}\\b[^>]*>`, 'g'))].map((m) => m[0]);
}

/**
 * Reads the three values ThreatLocker needs from Okta's IdP metadata. A small parser on
 * purpose: the XML comes from Okta over TLS and only these elements matter; comments are
 * dropped first so a commented-out element is never taken.
 */
export function parseIdpMetadata(xmlText: string): IdpMetadata {
  const xml = xmlText.replace(/<!--[\s\S]*?-->/g, '');
  const entity = tags(xml, 'EntityDescriptor')[0];
  const entityId = entity ? attrs(entity).entityID : undefined;
  const sso = tags(xml, 'SingleSignOnService').map(attrs);
  const post = sso.find((a) => /HTTP-POST$/.test(a.Binding ?? '')) ?? sso[0];
  // The signing certificate: the KeyDescriptor with use="signing" (or no use), first certificate in it.
  const keyDescriptors = [...xml.matchAll(/<(?:[\w.-]+:)?KeyDescriptor\b([^>]*)>([\s\S]*?)<\/(?:[\w.-]+:)?KeyDescriptor>/g)];
  const signing = keyDescriptors.find((m) => !/use\s*=\s*["']encryption["']/.test(m[1] ?? '')) ?? keyDescriptors[0];
  const certMatch = /<(?:[\w.-]+:)?X509Certificate\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?X509Certificate>/.exec(signing?.[2] ?? xml);
  const certificateBase64 = certMatch ? certMatch[1]!.replace(/\s+/g, '') : '';
  const nameIdFormats = [...xml.matchAll(/<(?:[\w.-]+:)?NameIDFormat\b[^>]*>([\s\S]*?)<\//g)].map((m) => m[1]!.trim());
  const missing = [!entityId && 'entityID', !post?.Location && 'SingleSignOnService Location', !certificateBase64 && 'X509Certificate'].filter(Boolean);
  if (missing.length || !entityId || !post?.Location) {
    throw new AppError('BAD_RESPONSE', `Okta's SAML metadata for the app has no ${missing.join(', ')}.`, {
      hint: 'Open the app\'s Sign On tab in Okta and check that it is a SAML 2.0 app with an active signing certificate.',
    });
  }
  return { entityId, ssoUrl: post.Location, certificateBase64, nameIdFormats };
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
