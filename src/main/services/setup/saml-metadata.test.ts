import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { certificateFindings, MAX_METADATA_BYTES, parseIdpMetadata, readCertificate, type CertificateInfo } from './saml-metadata';

const DAY = 86_400_000;
const NOW = new Date('2026-03-15T12:00:00Z');

// One key for every certificate (forge uses Node's native RSA here); test.each tables build certificates at collection time.
const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });

type Digest = 'sha1' | 'sha256' | 'sha384' | 'sha512' | 'md5';

/** A self-signed certificate like Okta's app signing certificate, as base64 DER. */
function makeCert(opts: { md?: Digest; notBefore?: Date; notAfter?: Date } = {}): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '018c2f6a3b';
  cert.validity.notBefore = opts.notBefore ?? new Date(NOW.getTime() - 30 * DAY);
  cert.validity.notAfter = opts.notAfter ?? new Date(NOW.getTime() + 3650 * DAY);
  const subject = [
    { shortName: 'C', value: 'US' },
    { shortName: 'O', value: 'Okta' },
    { shortName: 'OU', value: 'SSOProvider' },
    { shortName: 'CN', value: 'acme' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(keys.privateKey, forge.md[opts.md ?? 'sha256'].create());
  return forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
}

/** Okta wraps the certificate at 64 columns, with indentation and newlines inside the element. */
const wrapped = (b64: string) => `\n              ${b64.match(/.{1,64}/g)!.join('\n              ')}\n            `;

const ORG = 'https://acme.okta.com';
const ENTITY_ID = 'http://www.okta.com/exk39sivhuytV2D8H0h7';
const POST_URL = 'https://acme.okta.com/app/acme_threatlocker_1/exk39sivhuytV2D8H0h7/sso/saml';
const REDIRECT_URL = 'https://acme.okta.com/app/acme_threatlocker_1/exk39sivhuytV2D8H0h7/sso/saml?binding=redirect';

/** The shape Okta serves from GET /api/v1/apps/{appId}/sso/saml/metadata (reference/okta-api.md section 3). */
function oktaMetadata(certB64: string, opts: { redirectFirst?: boolean; encryptionCert?: string } = {}): string {
  const post = `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${POST_URL}"/>`;
  const redirect = `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${REDIRECT_URL.replace('&', '&amp;')}"/>`;
  const encryption = opts.encryptionCert
    ? `<md:KeyDescriptor use="encryption">
        <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
          <ds:X509Data>
            <ds:X509Certificate>${wrapped(opts.encryptionCert)}</ds:X509Certificate>
          </ds:X509Data>
        </ds:KeyInfo>
      </md:KeyDescriptor>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${ENTITY_ID}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    ${encryption}
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>${wrapped(certB64)}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>
    ${opts.redirectFirst ? `${redirect}\n    ${post}` : `${post}\n    ${redirect}`}
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

describe('parseIdpMetadata', () => {
  it('reads Issuer, HTTP-POST Sign-On URL, certificate and NameID formats from Okta metadata', () => {
    const cert = makeCert();
    const md = parseIdpMetadata(oktaMetadata(cert), ORG);
    expect(md.entityId).toBe(ENTITY_ID);
    expect(md.ssoUrl).toBe(POST_URL);
    // Whitespace and newlines inside X509Certificate are dropped: the base64 is exactly the DER.
    expect(md.certificateBase64).toBe(cert);
    expect(md.nameIdFormats).toEqual([
      'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    ]);
  });

  it('takes the HTTP-POST endpoint even when HTTP-Redirect is listed first', () => {
    expect(parseIdpMetadata(oktaMetadata(makeCert(), { redirectFirst: true }), ORG).ssoUrl).toBe(POST_URL);
  });

  it('takes the signing certificate, not an encryption certificate listed before it', () => {
    const signing = makeCert({ md: 'sha256' });
    const encryption = makeCert({ md: 'sha512' });
    expect(parseIdpMetadata(oktaMetadata(signing, { encryptionCert: encryption }), ORG).certificateBase64).toBe(signing);
  });

  it('reads metadata without namespace prefixes and with single-quoted attributes', () => {
    const cert = makeCert();
    const xml = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID='${ENTITY_ID}'>
      <IDPSSODescriptor><KeyDescriptor><KeyInfo><X509Data><X509Certificate>${cert}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
      <SingleSignOnService Binding='urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST' Location='${POST_URL}'/></IDPSSODescriptor></EntityDescriptor>`;
    expect(parseIdpMetadata(xml, ORG)).toMatchObject({ entityId: ENTITY_ID, ssoUrl: POST_URL, certificateBase64: cert });
  });

  it('ignores a commented-out SingleSignOnService', () => {
    const xml = oktaMetadata(makeCert()).replace(
      '<md:NameIDFormat>',
      '<!-- <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://old.example.com/sso"/> -->\n<md:NameIDFormat>',
    );
    expect(parseIdpMetadata(xml, ORG).ssoUrl).toBe(POST_URL);
  });

  it('decodes XML entities in attribute values', () => {
    const xml = oktaMetadata(makeCert()).replace(`Location="${POST_URL}"`, `Location="${POST_URL}?a=1&amp;b=2"`);
    expect(parseIdpMetadata(xml, ORG).ssoUrl).toBe(`${POST_URL}?a=1&b=2`);
  });

  it('names the missing certificate in a clear error instead of crashing', () => {
    const xml = oktaMetadata(makeCert()).replace(/<md:KeyDescriptor[\s\S]*?<\/md:KeyDescriptor>/, '');
    const err = appError(() => parseIdpMetadata(xml, ORG));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toBe("Okta's SAML metadata for the app has no X509Certificate.");
    expect(err.hint).toMatch(/Sign On tab/);
  });

  it('names each missing value', () => {
    const xml = oktaMetadata(makeCert()).replace(/entityID="[^"]*"/, '').replace(/<md:SingleSignOnService[^>]*>/g, '');
    const err = appError(() => parseIdpMetadata(xml, ORG));
    expect(err.message).toContain('entityID');
    expect(err.message).toContain('SingleSignOnService Location');
    expect(err.message).not.toContain('X509Certificate');
  });

  it.each([
    ['an empty body', ''],
    ['an HTML error page', '<!DOCTYPE html><html><head><title>Sign In</title></head><body><div>Okta</div></body></html>'],
    ['a JSON error', '{"errorCode":"E0000007","errorSummary":"Not found: Resource not found: kid (AppInstanceKey)"}'],
    ['truncated XML', oktaMetadata(makeCert()).slice(0, 200)],
  ])('gives a clear BAD_RESPONSE for %s', (_name, body) => {
    const err = appError(() => parseIdpMetadata(body, ORG));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toMatch(/^Okta's SAML metadata for the app (has no |could not be read: )/);
    expect(err.message).not.toMatch(/undefined|false/);
  });
});

describe('readCertificate', () => {
  it('reads a SHA-256 certificate and tells ThreatLocker SHA256', () => {
    const info = readCertificate(makeCert({ md: 'sha256' }));
    expect(info.algorithmName).toBe('sha256WithRSAEncryption');
    expect(info.algorithmOid).toBe('1.2.840.113549.1.1.11');
    expect(info.threatlockerAlgorithm).toBe('SHA256');
    expect(info.subject).toContain('CN=acme');
    expect(info.subject).toContain('O=Okta');
    expect(info.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/);
    // PEM lines are at most 64 characters (what ThreatLocker's certificate field accepts as pasted PEM).
    expect(info.pem.split('\n').every((l) => l.length <= 64)).toBe(true);
  });

  it('reads a SHA-512 certificate and tells ThreatLocker SHA512', () => {
    const info = readCertificate(makeCert({ md: 'sha512' }));
    expect(info.algorithmName).toBe('sha512WithRSAEncryption');
    expect(info.threatlockerAlgorithm).toBe('SHA512');
  });

  it.each([
    ['sha1', 'sha1WithRSAEncryption'],
    ['sha384', 'sha384WithRSAEncryption'],
    ['md5', 'md5WithRSAEncryption'],
  ] as const)('reads a %s certificate with no ThreatLocker algorithm', (md, name) => {
    const info = readCertificate(makeCert({ md }));
    expect(info.algorithmName).toBe(name);
    expect(info.threatlockerAlgorithm).toBeUndefined();
  });

  it('accepts the base64 with whitespace and newlines, as pasted from the metadata', () => {
    const cert = makeCert();
    const info = readCertificate(wrapped(cert));
    expect(info.pem.replace(/-----[A-Z ]+-----|\s/g, '')).toBe(cert);
  });

  it('keeps the validity dates', () => {
    const notBefore = new Date('2026-01-01T00:00:00Z');
    const notAfter = new Date('2036-01-01T00:00:00Z');
    const info = readCertificate(makeCert({ notBefore, notAfter }));
    expect(info.notBefore).toBe(notBefore.toISOString());
    expect(info.notAfter).toBe(notAfter.toISOString());
  });

  it.each([
    ['garbage', 'not a certificate at all'],
    ['empty', ''],
    ['truncated DER', makeCert().slice(0, 300)],
  ])('gives a clear BAD_RESPONSE for a %s certificate', (_name, b64) => {
    const err = appError(() => readCertificate(b64));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toBe("The signing certificate in Okta's SAML metadata could not be read.");
    expect(err.hint).toMatch(/SAML Signing Certificates/);
  });
});

describe('certificateFindings', () => {
  const info = (opts: Parameters<typeof makeCert>[0]): CertificateInfo => readCertificate(makeCert(opts));
  const byLabel = (findings: ReturnType<typeof certificateFindings>, label: string) => {
    const f = findings.find((x) => x.label === label);
    expect(f, label).toBeDefined();
    return f!;
  };

  it('passes a valid SHA-256 certificate', () => {
    const findings = certificateFindings(info({ md: 'sha256' }), NOW);
    expect(findings.map((f) => f.outcome)).toEqual(['pass', 'pass']);
    expect(byLabel(findings, 'Certificate signature algorithm').actual).toBe('sha256WithRSAEncryption');
  });

  it('passes a valid SHA-512 certificate', () => {
    const findings = certificateFindings(info({ md: 'sha512' }), NOW);
    expect(findings.map((f) => f.outcome)).toEqual(['pass', 'pass']);
    expect(byLabel(findings, 'Certificate signature algorithm').actual).toBe('sha512WithRSAEncryption');
  });

  it('fails a SHA-1 certificate, saying what it is, what ThreatLocker needs and what to do', () => {
    const alg = byLabel(certificateFindings(info({ md: 'sha1' }), NOW), 'Certificate signature algorithm');
    expect(alg.outcome).toBe('fail');
    expect(alg.expected).toBe('SHA-256 or SHA-512');
    expect(alg.actual).toBe('sha1WithRSAEncryption');
    expect(alg.hint).toMatch(/SAML Signing Certificates/);
    expect(alg.hint).toMatch(/ThreatLocker refuses/);
  });

  it('fails a SHA-384 certificate (SHA-2, but not one ThreatLocker offers)', () => {
    expect(byLabel(certificateFindings(info({ md: 'sha384' }), NOW), 'Certificate signature algorithm').outcome).toBe('fail');
  });

  it('fails an expired certificate', () => {
    const notAfter = new Date(NOW.getTime() - 2 * DAY);
    const v = byLabel(certificateFindings(info({ notBefore: new Date(NOW.getTime() - 400 * DAY), notAfter }), NOW), 'Certificate validity');
    expect(v.outcome).toBe('fail');
    expect(v.actual).toBe(`expired ${notAfter.toISOString()}`);
    expect(v.hint).toMatch(/new signing certificate/);
  });

  it('fails a certificate that expired an hour ago', () => {
    const v = byLabel(certificateFindings(info({ notAfter: new Date(NOW.getTime() - 3_600_000) }), NOW), 'Certificate validity');
    expect(v.outcome).toBe('fail');
  });

  it('warns about a certificate that expires within 30 days, with the days left', () => {
    const notAfter = new Date(NOW.getTime() + 10 * DAY + 3_600_000);
    const v = byLabel(certificateFindings(info({ notAfter }), NOW), 'Certificate validity');
    expect(v.outcome).toBe('warn');
    expect(v.actual).toBe(`expires ${notAfter.toISOString()} (10 days)`);
    expect(v.hint).toMatch(/rotation/);
  });

  it('warns on the last day, passes at 30 days or more', () => {
    expect(byLabel(certificateFindings(info({ notAfter: new Date(NOW.getTime() + 3_600_000) }), NOW), 'Certificate validity').outcome).toBe('warn');
    expect(byLabel(certificateFindings(info({ notAfter: new Date(NOW.getTime() + 29 * DAY + 3_600_000) }), NOW), 'Certificate validity').outcome).toBe('warn');
    expect(byLabel(certificateFindings(info({ notAfter: new Date(NOW.getTime() + 30 * DAY + 3_600_000) }), NOW), 'Certificate validity').outcome).toBe('pass');
  });

  it('fails a certificate that is not valid yet', () => {
    const notBefore = new Date(NOW.getTime() + 2 * DAY);
    const v = byLabel(certificateFindings(info({ notBefore, notAfter: new Date(NOW.getTime() + 400 * DAY) }), NOW), 'Certificate validity');
    expect(v.outcome).toBe('fail');
    expect(v.actual).toBe(`valid from ${notBefore.toISOString()}`);
    expect(v.hint).toMatch(/clock/);
  });

  it('reports both problems of an expired SHA-1 certificate', () => {
    const findings = certificateFindings(info({ md: 'sha1', notBefore: new Date(NOW.getTime() - 400 * DAY), notAfter: new Date(NOW.getTime() - DAY) }), NOW);
    expect(findings.map((f) => f.outcome)).toEqual(['fail', 'fail']);
  });

  it('goes from the metadata XML to the findings end to end', () => {
    const md = parseIdpMetadata(oktaMetadata(makeCert({ md: 'sha512' })), ORG);
    const cert = readCertificate(md.certificateBase64);
    expect(cert.threatlockerAlgorithm).toBe('SHA512');
    expect(certificateFindings(cert, NOW).every((f) => f.outcome === 'pass')).toBe(true);
  });
});

describe('parseIdpMetadata on hostile input', () => {
  const time = (fn: () => void) => {
    const started = performance.now();
    fn();
    return performance.now() - started;
  };

  it('refuses oversize metadata at once, and parses the worst input under the cap in linear time', () => {
    // 1.6 MB of unclosed comments once blocked the main process for 77 s.
    const huge = `<md:EntityDescriptor>${'<!--'.repeat(400_000)}`;
    expect(time(() => expect(appError(() => parseIdpMetadata(huge, ORG)).message).toMatch(/larger than 256 KB/))).toBeLessThan(50);
    for (const unit of ['<!--', '<a ', '<![CDATA[', '<a b="', '<x>', '<a:b ', '&#']) {
      const body = `<md:EntityDescriptor>${unit.repeat(Math.floor((MAX_METADATA_BYTES - 30) / unit.length))}`;
      expect(time(() => expect(appError(() => parseIdpMetadata(body, ORG)).code).toBe('BAD_RESPONSE')), unit).toBeLessThan(1_500);
    }
  });

  it('refuses a DTD instead of reading elements or entities declared in it', () => {
    const xml = oktaMetadata(makeCert()).replace(
      '<md:EntityDescriptor',
      '<!DOCTYPE md [ <!ELEMENT x ANY> <!ENTITY e "https://evil/"> ]><md:EntityDescriptor entityID="https://evil/"',
    );
    expect(appError(() => parseIdpMetadata(xml, ORG)).message).toMatch(/DTD/);
  });

  it('never takes an element inside CDATA or a comment as real', () => {
    const hidden =
      '<md:EntityDescriptor entityID="https://evil/"><md:IDPSSODescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://evil/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>';
    const inComment = oktaMetadata(makeCert()).replace('<md:EntityDescriptor', `<!-- ${hidden} --><md:EntityDescriptor`);
    expect(parseIdpMetadata(inComment, ORG)).toMatchObject({ entityId: ENTITY_ID, ssoUrl: POST_URL });
    const inCdata = oktaMetadata(makeCert()).replace('<md:NameIDFormat>', `<md:Extensions><![CDATA[${hidden}]]></md:Extensions><md:NameIDFormat>`);
    expect(parseIdpMetadata(inCdata, ORG)).toMatchObject({ entityId: ENTITY_ID, ssoUrl: POST_URL });
  });

  it.each([
    ['javascript:', 'javascript:alert(document.domain)'],
    ['plain http on the org host', 'http://acme.okta.com/app/x/sso/saml'],
    ['another host', 'https://evil.example.net/app/x/sso/saml'],
    ['a look-alike host', 'https://acme.okta.com.evil.net/app/x/sso/saml'],
  ])('refuses a %s Sign-On URL', (_name, location) => {
    const xml = oktaMetadata(makeCert()).replace(`Location="${POST_URL}"`, `Location="${location}"`);
    expect(appError(() => parseIdpMetadata(xml, ORG)).message).toMatch(/Sign-On URL/);
  });
});
