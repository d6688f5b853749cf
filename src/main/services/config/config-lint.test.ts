import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../../shared/profile';
import { lintConfig } from './config-lint';
import { AT, NOW, goodProfile, withStep } from '../../../../tests/support/review-fixtures';

const rules = (p = goodProfile(), now = NOW) => lintConfig(p, { now }).map((f) => f.rule);

describe('lintConfig', () => {
  it('finds nothing in a config set up as the article says', () => {
    expect(lintConfig(goodProfile(), { now: NOW })).toEqual([]);
  });

  it('reports the app settings Okta read back wrong, each with the setting, the fix and a link to its step', () => {
    const drift = [
      { setting: 'Single sign-on URL', expected: 'x', actual: 'https://portalapi.e.threatlocker.com/portalApi/AuthenticationSAML/AssertionConsumerService', where: '' },
      { setting: 'Audience URI (SP Entity ID)', expected: 'x', actual: 'https://example.com', where: '' },
      { setting: 'Name ID format', expected: 'x', actual: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', where: '' },
      { setting: 'Application username', expected: 'x', actual: '${source.login}', where: '' },
      { setting: 'Update application username on', expected: 'x', actual: 'DONT_PUSH', where: '' },
    ];
    const p = withStep(goodProfile(), 'create-app', { status: 'failed', updatedAt: AT, data: { drift } });
    const found = lintConfig(p, { now: NOW });
    expect(found.map((f) => f.rule)).toEqual(expect.arrayContaining(['acs-url', 'audience', 'name-id-format', 'username', 'update-on', 'step-failed']));
    const acs = found.find((f) => f.rule === 'acs-url')!;
    expect(acs).toMatchObject({ severity: 'error', setting: 'Single sign-on URL', stepId: 'create-app', link: '#step-create-app' });
    expect(acs.fix).toContain('portalapi.d.threatlocker.com');
    expect(found.find((f) => f.rule === 'update-on')!.severity).toBe('warning');
  });

  it('reads the assertion preview: wrong recipient, audience and Name ID format', () => {
    const p = goodProfile();
    const assertion = { ...(p.setup.steps['assertion-preview']!.data as { assertion: object }).assertion, recipient: 'https://evil.example/acs', audience: 'urn:x', nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' };
    expect(rules(withStep(p, 'assertion-preview', { status: 'verified', updatedAt: AT, data: { assertion } }))).toEqual(['acs-url', 'audience', 'name-id-format']);
  });

  it('reports To App actions missing when that step failed', () => {
    expect(rules(withStep(goodProfile(), 'to-app', { status: 'failed', updatedAt: AT, detail: 'Deactivate Users is off' }))).toEqual(['to-app-actions', 'step-failed']);
  });

  it('reports a SCIM URL that is not https or is for another instance', () => {
    expect(rules(goodProfile({ threatlocker: { instance: 'd', scimUrl: 'http://portalapi.d.threatlocker.com/scim' } }))).toEqual(['scim-url-https']);
    expect(rules(goodProfile({ threatlocker: { instance: 'd', scimUrl: 'https://portalapi.g.threatlocker.com/scim' } }))).toEqual(['scim-url-instance']);
  });

  it('reports a group both assigned and pushed, and a pushed group mapped to no role', () => {
    const p = goodProfile({ mappings: [{ oktaGroupId: 'g1', oktaGroupName: 'TL Admins', roleId: 'r1', roleName: 'Administrator' }] });
    const push = withStep(p, 'push-groups', { status: 'verified', updatedAt: AT, data: { ...p.setup.steps['push-groups']!.data, oldStyle: ['TL Admins'] } });
    const found = lintConfig(push, { now: NOW });
    expect(found.map((f) => [f.rule, f.setting])).toEqual([
      ['group-assigned-and-pushed', 'Group TL Admins'],
      ['pushed-group-unmapped', 'Group TL Read Only'],
    ]);
  });

  it('reports steps not run, results needing a re-check, and verifications older than N days', () => {
    const p = withStep(withStep(goodProfile(), 'allow-sso', undefined), 'to-app', { status: 'verified', updatedAt: AT, stale: { reason: 'the sandbox restarted', at: AT } });
    expect(rules(p)).toEqual(['step-unverified', 'step-unverified']);
    const later = new Date(Date.parse(AT) + 100 * 86_400_000);
    expect(lintConfig(goodProfile(), { now: later, maxAgeDays: 90 }).filter((f) => f.rule === 'verification-old')).toHaveLength(11);
    expect(lintConfig(goodProfile(), { now: later, maxAgeDays: 365 })).toEqual([]);
  });

  it('warns of a certificate expiring within 30 days and calls an expired one an error', () => {
    const cert = (notAfter: string) => withStep(goodProfile(), 'threatlocker-saml', { status: 'verified', updatedAt: AT, data: { certNotAfter: notAfter } });
    expect(lintConfig(cert('2026-04-01T00:00:00Z'), { now: NOW })[0]).toMatchObject({ rule: 'certificate-expiry', severity: 'warning' });
    expect(lintConfig(cert('2026-03-01T00:00:00Z'), { now: NOW })[0]).toMatchObject({ rule: 'certificate-expiry', severity: 'error' });
  });

  it('reports a failing last SCIM check, and one this version cannot read', () => {
    const run = goodProfile().scimChecks as { summary: object };
    expect(rules(goodProfile({ scimChecks: { ...run, summary: { pass: 0, warn: 0, fail: 2, skip: 0 } } }))).toEqual(['scim-check-failing']);
    const unreadable = profileSchema.parse({ ...goodProfile(), scimChecks: { garbage: true } });
    expect(lintConfig(unreadable, { now: NOW })[0]).toMatchObject({ rule: 'scim-check-failing', severity: 'warning' });
  });

  it('sorts errors before warnings before information', () => {
    const p = withStep(withStep(goodProfile(), 'allow-sso', undefined), 'to-app', { status: 'failed', updatedAt: AT });
    const sev = lintConfig(p, { now: NOW }).map((f) => f.severity);
    expect(sev).toEqual([...sev].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
  });
});
