import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { loadIdpValues } from './idp-values';
import type { SetupContext } from './setup-context';

const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });

function certB64(md: 'sha256' | 'sha1'): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2036-01-01T00:00:00Z');
  cert.setSubject([{ shortName: 'CN', value: 'acme' }]);
  cert.setIssuer([{ shortName: 'CN', value: 'acme' }]);
  cert.sign(keys.privateKey, forge.md[md].create());
  return forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
}

const metadata = (cert: string) => `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exkABC">
  <md:IDPSSODescriptor><md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>
  <ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
  <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://acme.okta.com/app/acme_threatlocker_1/exkABC/sso/saml"/>
  </md:IDPSSODescriptor></md:EntityDescriptor>`;

function fakeCtx(opts: { kid?: string | null; keys?: { kid: string }[]; cert: string }) {
  const calls: { metadataKid?: string; saved?: Record<string, unknown>; savedStep?: string } = {};
  const okta = {
    orgUrl: 'https://acme.okta.com',
    getApp: async (id: string) => ({ id, credentials: { signing: { kid: opts.kid } } }),
    listAppKeys: async () => opts.keys ?? [],
    getSamlMetadata: async (_id: string, kid: string) => {
      calls.metadataKid = kid;
      return metadata(opts.cert);
    },
  };
  const ctx = {
    okta: () => okta,
    saveData: async (step: string, data: Record<string, unknown>) => {
      calls.saved = data;
      calls.savedStep = step;
    },
  } as unknown as SetupContext;
  return { ctx, calls };
}

describe('loadIdpValues', () => {
  it('asks for the metadata of the app\'s signing key and keeps the values ThreatLocker needs', async () => {
    const cert = certB64('sha256');
    const { ctx, calls } = fakeCtx({ kid: 'kid-active', cert });
    const out = await loadIdpValues(ctx, '0oaAPP');
    expect(calls.metadataKid).toBe('kid-active');
    expect(calls.savedStep).toBe('threatlocker-saml');
    expect(calls.saved).toEqual({
      signOnUrl: 'https://acme.okta.com/app/acme_threatlocker_1/exkABC/sso/saml',
      issuer: 'http://www.okta.com/exkABC',
      certificatePem: out.cert.pem,
      certAlgorithm: 'sha256WithRSAEncryption',
      threatlockerAlgorithm: 'SHA256',
      certNotAfter: '2036-01-01T00:00:00.000Z',
    });
    expect(out.cert.pem).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('falls back to the first listed key when the app has no signing kid', async () => {
    const { ctx, calls } = fakeCtx({ kid: null, keys: [{ kid: 'kid-listed' }, { kid: 'kid-other' }], cert: certB64('sha256') });
    await loadIdpValues(ctx, '0oaAPP');
    expect(calls.metadataKid).toBe('kid-listed');
  });

  it('saves null (not a made-up algorithm) for a SHA-1 certificate', async () => {
    const { ctx, calls } = fakeCtx({ kid: 'k', cert: certB64('sha1') });
    await loadIdpValues(ctx, '0oaAPP');
    expect(calls.saved).toMatchObject({ certAlgorithm: 'sha1WithRSAEncryption', threatlockerAlgorithm: null });
  });
});
