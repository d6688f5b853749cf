import { describe, expect, it } from 'vitest';
import { adminAppUrl } from './okta-links';

describe('adminAppUrl', () => {
  it.each([
    ['https://acme.okta.com', 'https://acme-admin.okta.com'],
    ['https://acme.okta.com/', 'https://acme-admin.okta.com'],
    ['https://acme.oktapreview.com', 'https://acme-admin.oktapreview.com'],
    ['https://acme.okta-emea.com', 'https://acme-admin.okta-emea.com'],
    ['https://acme.okta-gov.com', 'https://acme-admin.okta-gov.com'],
  ])('%s -> the admin host %s', (org, admin) => {
    expect(adminAppUrl(org, 'acme_threatlocker_1', '0oa1b2c3d4e5f6g7h8i9')).toBe(`${admin}/admin/app/acme_threatlocker_1/instance/0oa1b2c3d4e5f6g7h8i9/`);
  });

  it('keeps a sandbox (loopback) origin with its port', () => {
    expect(adminAppUrl('http://127.0.0.1:4710', 'sandbox_threatlocker_1', '0oaSANDBOX')).toBe('http://127.0.0.1:4710/admin/app/sandbox_threatlocker_1/instance/0oaSANDBOX/');
  });

  it('encodes the app name and id as path segments', () => {
    expect(adminAppUrl('https://acme.okta.com', 'a b/c', 'x?y')).toBe('https://acme-admin.okta.com/admin/app/a%20b%2Fc/instance/x%3Fy/');
  });
});
