import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { checkUrl, HostPolicy, normalizeOktaOrgUrl } from './host-policy';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('checkUrl', () => {
  const policy = new HostPolicy();

  it.each([
    'https://acme.okta.com/api/v1/users',
    'https://acme.oktapreview.com/api/v1/apps',
    'https://acme.okta-emea.com/',
    'https://acme.okta-gov.com/',
    'https://acme.okta.mil/',
    'https://ACME.OKTA.COM/api/v1/users',
  ])('allows the Okta cell %s for okta', (url) => {
    expect(checkUrl(policy, url, 'okta').hostname).toBe(new URL(url).hostname);
  });

  it.each([
    ['https://okta.com/', 'not an Okta domain'],
    ['https://evil-okta.com/', 'not an Okta domain'],
    ['https://acme.okta.com.evil.com/', 'not an Okta domain'],
    ['https://portalapi.d.threatlocker.com/', 'not an Okta domain'],
  ])('refuses %s for okta with a hint about custom domains', (url, text) => {
    const err = refusal(() => checkUrl(policy, url, 'okta'));
    expect(err.code).toBe('HOST_NOT_ALLOWED');
    expect(err.message).toContain(text);
    expect(err.message).toContain(new URL(url).hostname);
    expect(err.hint).toMatch(/custom Okta domain/);
  });

  it('allows ThreatLocker hosts for threatlocker only', () => {
    expect(checkUrl(policy, 'https://portalapi.d.threatlocker.com/portalapi/x', 'threatlocker').host).toBe('portalapi.d.threatlocker.com');
    const err = refusal(() => checkUrl(policy, 'https://acme.okta.com/', 'threatlocker'));
    expect(err.code).toBe('HOST_NOT_ALLOWED');
    expect(err.hint).toMatch(/\.threatlocker\.com/);
    expect(refusal(() => checkUrl(policy, 'https://threatlocker.com.evil.io/', 'threatlocker')).code).toBe('HOST_NOT_ALLOWED');
  });

  it('refuses plain http, other schemes and credentials in the URL', () => {
    expect(refusal(() => checkUrl(policy, 'http://acme.okta.com/', 'okta')).hint).toMatch(/https:\/\/acme\.okta\.com/);
    expect(refusal(() => checkUrl(policy, 'ftp://acme.okta.com/', 'okta')).code).toBe('HOST_NOT_ALLOWED');
    expect(refusal(() => checkUrl(policy, 'file:///etc/passwd', 'okta')).code).toBe('HOST_NOT_ALLOWED');
    const creds = refusal(() => checkUrl(policy, 'https://user:pw@acme.okta.com/', 'okta'));
    expect(creds.code).toBe('HOST_NOT_ALLOWED');
    expect(creds.message).not.toContain('pw');
    expect(refusal(() => checkUrl(policy, 'not a url', 'okta')).code).toBe('VALIDATION');
  });

  it('allows the SCIM URL exact origin only', () => {
    const p = new HostPolicy();
    expect(refusal(() => checkUrl(p, 'https://scim.example.net/scim/v2/Users', 'scim')).hint).toMatch(/SCIM Integration/);
    p.allowOrigin('https://scim.example.net/scim/v2');
    expect(checkUrl(p, 'https://scim.example.net/scim/v2/Users', 'scim').pathname).toBe('/scim/v2/Users');
    expect(refusal(() => checkUrl(p, 'https://scim.example.net:8443/scim/v2', 'scim')).code).toBe('HOST_NOT_ALLOWED');
    expect(refusal(() => checkUrl(p, 'https://other.example.net/scim/v2', 'scim')).code).toBe('HOST_NOT_ALLOWED');
  });

  it('allows plain-http loopback only for registered sandbox origins', () => {
    const p = new HostPolicy();
    expect(refusal(() => checkUrl(p, 'http://127.0.0.1:4000/api/v1/users', 'okta')).hint).toMatch(/sandbox/);
    p.allowOrigin('http://127.0.0.1:4000');
    expect(checkUrl(p, 'http://127.0.0.1:4000/api/v1/users', 'okta').port).toBe('4000');
    expect(refusal(() => checkUrl(p, 'http://127.0.0.1:4001/', 'okta')).code).toBe('HOST_NOT_ALLOWED');
    p.revokeOrigin('http://127.0.0.1:4000/');
    expect(refusal(() => checkUrl(p, 'http://127.0.0.1:4000/', 'okta')).code).toBe('HOST_NOT_ALLOWED');
  });

  it('allows any loopback origin when allowLoopback is on, and nothing else extra', () => {
    const p = new HostPolicy({ allowLoopback: true });
    for (const url of ['http://127.0.0.1:1/', 'http://[::1]:2/', 'http://localhost:3/', 'https://localhost:4/']) {
      expect(() => checkUrl(p, url, 'threatlocker')).not.toThrow();
    }
    expect(refusal(() => checkUrl(p, 'http://10.0.0.1/', 'okta')).code).toBe('HOST_NOT_ALLOWED');
    expect(refusal(() => checkUrl(p, 'https://example.com/', 'okta')).code).toBe('HOST_NOT_ALLOWED');
  });

  it('refuses to register a plain-http origin that is not loopback', () => {
    const p = new HostPolicy();
    expect(refusal(() => p.allowOrigin('http://scim.example.net/')).code).toBe('HOST_NOT_ALLOWED');
    expect(refusal(() => p.allowOrigin('nonsense')).code).toBe('VALIDATION');
  });

  it('allows custom Okta domains for okta only', () => {
    const p = new HostPolicy();
    expect(p.allowCustomOktaDomain('https://Login.Acme.com/')).toBe('login.acme.com');
    expect(checkUrl(p, 'https://login.acme.com/api/v1/users', 'okta').host).toBe('login.acme.com');
    expect(refusal(() => checkUrl(p, 'https://login.acme.com/', 'threatlocker')).code).toBe('HOST_NOT_ALLOWED');
    expect(refusal(() => checkUrl(p, 'http://login.acme.com/', 'okta')).code).toBe('HOST_NOT_ALLOWED');
    expect(refusal(() => p.allowCustomOktaDomain('127.0.0.1')).code).toBe('VALIDATION');
    expect(refusal(() => p.allowCustomOktaDomain('intranet')).code).toBe('VALIDATION');
  });
});

describe('normalizeOktaOrgUrl', () => {
  const policy = new HostPolicy();

  it.each([
    ['acme.okta.com', 'https://acme.okta.com'],
    ['  https://acme.okta.com/  ', 'https://acme.okta.com'],
    ['https://acme-admin.okta.com', 'https://acme.okta.com'],
    ['https://acme-admin.okta.com/admin/dashboard?x=1#y', 'https://acme.okta.com'],
    ['ACME-ADMIN.OKTAPREVIEW.COM', 'https://acme.oktapreview.com'],
    ['acme-admin.okta-emea.com', 'https://acme.okta-emea.com'],
    ['dev-123456.okta.com', 'https://dev-123456.okta.com'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeOktaOrgUrl(input, policy)).toBe(expected);
  });

  it('explains what is wrong', () => {
    expect(refusal(() => normalizeOktaOrgUrl('', policy)).message).toMatch(/acme\.okta\.com/);
    expect(refusal(() => normalizeOktaOrgUrl('acme', policy)).hint).toMatch(/acme\.okta\.com/);
    expect(refusal(() => normalizeOktaOrgUrl('admin@acme.com', policy)).message).toMatch(/e-mail/);
    expect(refusal(() => normalizeOktaOrgUrl('http://acme.okta.com', policy)).code).toBe('HOST_NOT_ALLOWED');
    const other = refusal(() => normalizeOktaOrgUrl('login.acme.com', policy));
    expect(other.code).toBe('HOST_NOT_ALLOWED');
    expect(other.hint).toMatch(/custom Okta domain/);
  });

  it('accepts a registered custom domain and a registered sandbox origin', () => {
    const p = new HostPolicy();
    p.allowCustomOktaDomain('login.acme.com');
    p.allowOrigin('http://127.0.0.1:4555');
    expect(normalizeOktaOrgUrl('login.acme.com/', p)).toBe('https://login.acme.com');
    expect(normalizeOktaOrgUrl('http://127.0.0.1:4555/', p)).toBe('http://127.0.0.1:4555');
  });
});
