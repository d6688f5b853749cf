import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links';

describe('links the system browser may open', () => {
  it('opens Okta and ThreatLocker pages over https only', () => {
    expect(isAllowedExternalUrl('https://acme-admin.okta.com/admin/apps/active')).toBe(true);
    expect(isAllowedExternalUrl('https://portal.d.threatlocker.com/')).toBe(true);
    expect(isAllowedExternalUrl('http://acme.okta.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@acme.okta.com/')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });

  it("opens an org's confirmed custom Okta domain (its sign-in page), and nothing that merely ends like it", () => {
    const custom = new Set(['login.acme.com']);
    expect(isAllowedExternalUrl('https://login.acme.com/oauth2/v1/authorize?client_id=x', custom)).toBe(true);
    expect(isAllowedExternalUrl('https://login.acme.com/oauth2/v1/authorize?client_id=x')).toBe(false);
    expect(isAllowedExternalUrl('https://evil-login.acme.com/', custom)).toBe(false);
    expect(isAllowedExternalUrl('http://login.acme.com/', custom)).toBe(false);
  });
});
