import { describe, expect, it } from 'vitest';
import { profileSchema, type Profile, type StepState } from '../../../shared/profile';
import type { SettingRow, SetupStepId } from '../../../shared/setup';
import { fingerprintOf } from '../secrets/secret-store';
import { buildSummary } from './summary';

const AT = '2026-03-15T12:00:00.000Z';
const ACS_D = 'https://portalapi.d.threatlocker.com/portalApi/AuthenticationSAML/AssertionConsumerService';
/** A recognisable token: any 5-character run of it in the summary is a leak. */
const CANARY = 'tlscim_CANARY_b7e1f04c9a2d53e86f_QZ9X';

function profile(steps: Partial<Record<SetupStepId, StepState>> = {}, over: Record<string, unknown> = {}): Profile {
  return profileSchema.parse({
    schemaVersion: 1,
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Acme',
    createdAt: AT,
    updatedAt: AT,
    okta: { orgUrl: 'https://acme.okta.com' },
    threatlocker: { instance: 'd', scimUrl: 'https://portalapi.d.threatlocker.com/scim/v2' },
    setup: { steps },
    ...over,
  });
}

const row = (rows: SettingRow[], setting: string) => {
  const r = rows.find((x) => x.setting === setting);
  expect(r, setting).toBeDefined();
  return r!;
};

const TOKEN_ROW = 'Authorization (SCIM token)';
const CREATE_APP_ROWS = [
  'App name', 'Single sign-on URL', 'Recipient URL', 'Destination URL', 'Audience URI (SP Entity ID)', 'Default RelayState',
  'Name ID format', 'Application username', 'Update application username on', 'Hide tile (SP-initiated login only)',
];

describe('buildSummary', () => {
  it('says "confirmed" for Admin Login Settings only when the admin ticked it', () => {
    const sso = (data: Record<string, unknown>): Partial<Record<SetupStepId, StepState>> => ({ 'allow-sso': { status: 'verified', updatedAt: AT, data } });
    const adminLogin = (p: Profile) => row(buildSummary(p, undefined), 'Admin Login Settings');
    const ticked = { checklist: { 'allow-sso': true, 'admin-login-settings': true } };
    expect(adminLogin(profile(sso({ ...ticked, checklistBy: { 'allow-sso': 'sandbox', 'admin-login-settings': 'sandbox' } })))).toMatchObject({ value: 'chosen by the sandbox', verification: 'sandbox' });
    expect(adminLogin(profile(sso({ ...ticked, checklistBy: { 'admin-login-settings': 'admin' } })))).toMatchObject({ value: 'chosen', verification: 'confirmed' });
    expect(adminLogin(profile(sso({ checklist: { 'admin-login-settings': false }, checklistBy: {} })))).toMatchObject({ value: '(not confirmed)', verification: 'pending' });
    // Saved before the console recorded who ticked: a sandbox profile's boxes were the sandbox's.
    expect(adminLogin(profile(sso(ticked), { sandbox: true })).verification).toBe('sandbox');
    expect(adminLogin(profile(sso(ticked))).verification).toBe('confirmed');
  });

  it('shows no more than the last four characters of the SCIM token anywhere', () => {
    const scimState: StepState = { status: 'verified', updatedAt: AT, data: { confirmedBy: 'sandbox' } };
    const rows = buildSummary(profile({ 'scim-connection': scimState }), fingerprintOf(CANARY));
    expect(row(rows, TOKEN_ROW).value).toBe('••••QZ9X');
    const text = JSON.stringify(rows);
    for (let i = 0; i + 5 <= CANARY.length; i++) expect(text, `leaks "${CANARY.slice(i, i + 5)}"`).not.toContain(CANARY.slice(i, i + 5));
  });

  it('says an adopted app\'s name was made by hand, outside the console; a created one by the API', () => {
    const app = (data: Record<string, unknown>) => row(buildSummary(profile({ 'create-app': { status: 'verified', updatedAt: AT, data: { appId: '0oa1', label: 'TL', ...data } } }), undefined), 'App name');
    expect(app({ adopted: true })).toMatchObject({ value: 'TL — Adopted (made outside the console)', how: 'manual' });
    expect(app({ adopted: false })).toMatchObject({ value: 'TL', how: 'api' });
  });

  it('says the token is not saved when there is none', () => {
    expect(row(buildSummary(profile(), undefined), TOKEN_ROW).value).toBe('(not saved)');
  });

  it('lists the article values for the profile\'s instance', () => {
    const rows = buildSummary(profile(), undefined);
    for (const s of ['Single sign-on URL', 'Recipient URL', 'Destination URL']) expect(row(rows, s).value).toBe(ACS_D);
    expect(row(rows, 'Audience URI (SP Entity ID)').value).toBe('https://threatlocker.com');
    expect(row(rows, 'Name ID format').value).toBe('EmailAddress');
    expect(row(rows, 'Application username').value).toBe('Email');
    expect(row(rows, 'Update application username on').value).toBe('Create and update');
    expect(row(rows, 'Default RelayState').value).toBe('(blank)');
    expect(row(rows, 'SCIM connector base URL').value).toBe('https://portalapi.d.threatlocker.com/scim/v2');
    expect(row(rows, 'Unique identifier field for users').value).toBe('email');
    expect(row(rows, 'Authentication Mode').value).toBe('HTTP Header');
  });

  it('marks every row pending on a fresh profile, except what can never be verified', () => {
    const rows = buildSummary(profile(), undefined);
    const notPending = rows.filter((r) => r.verification !== 'pending').map((r) => [r.setting, r.verification]);
    expect(notPending).toEqual([['Attribute mappings unchanged', 'not-verifiable']]);
    expect(rows.some((r) => 'at' in r)).toBe(false);
  });

  it('marks the create-app rows read back once the step is verified, with when', () => {
    const fields = CREATE_APP_ROWS.map((setting) => ({ setting, ok: true }));
    const rows = buildSummary(profile({ 'create-app': { status: 'verified', updatedAt: AT, data: { fields, label: 'ThreatLocker', hideTile: true } } }), undefined);
    for (const s of CREATE_APP_ROWS) expect(row(rows, s)).toMatchObject({ verification: 'read-back', how: 'api', at: AT });
    expect(row(rows, 'Hide tile (SP-initiated login only)').value).toBe('hidden');
  });

  it('marks only the field Okta holds wrong as failed', () => {
    const fields = [{ setting: 'Audience URI (SP Entity ID)', ok: false }, { setting: 'Single sign-on URL', ok: true }];
    const rows = buildSummary(profile({ 'create-app': { status: 'verified', updatedAt: AT, data: { fields } } }), undefined);
    expect(row(rows, 'Audience URI (SP Entity ID)').verification).toBe('failed');
    expect(row(rows, 'Single sign-on URL').verification).toBe('read-back');
    expect(row(rows, 'Name ID format').verification).toBe('read-back');
  });

  it('marks every create-app row failed when the step failed', () => {
    const rows = buildSummary(profile({ 'create-app': { status: 'failed', updatedAt: AT, detail: 'Okta said 403' } }), undefined);
    for (const s of CREATE_APP_ROWS) expect(row(rows, s).verification).toBe('failed');
  });

  it('tells probed from confirmed for the SCIM connection when Okta cannot be read back', () => {
    const probed = buildSummary(profile({ 'scim-connection': { status: 'unverifiable', updatedAt: AT } }), 'QZ9X');
    expect(row(probed, 'SCIM connector base URL').verification).toBe('probed');
    expect(row(probed, TOKEN_ROW).verification).toBe('probed');
    expect(row(probed, 'Unique identifier field for users').verification).toBe('not-verifiable');

    const confirmed = buildSummary(profile({ 'scim-connection': { status: 'unverifiable', updatedAt: AT, data: { confirmedBy: 'admin' } } }), 'QZ9X');
    expect(row(confirmed, TOKEN_ROW).verification).toBe('confirmed');
    expect(row(confirmed, 'Unique identifier field for users').verification).toBe('confirmed');
  });

  it('shows the ThreatLocker SAML values read from the metadata', () => {
    const rows = buildSummary(
      profile({
        'threatlocker-saml': {
          status: 'unverifiable',
          updatedAt: AT,
          data: {
            signOnUrl: 'https://acme.okta.com/app/acme_threatlocker_1/exkABC/sso/saml',
            issuer: 'http://www.okta.com/exkABC',
            certAlgorithm: 'sha256WithRSAEncryption',
            certNotAfter: '2036-01-01T00:00:00.000Z',
            threatlockerAlgorithm: 'SHA256',
            confirmedBy: 'admin',
          },
        },
      }),
      undefined,
    );
    expect(row(rows, 'ThreatLocker SAML: Sign-On URL')).toMatchObject({ value: 'https://acme.okta.com/app/acme_threatlocker_1/exkABC/sso/saml', how: 'manual', verification: 'confirmed' });
    expect(row(rows, 'ThreatLocker SAML: Issuer').value).toBe('http://www.okta.com/exkABC');
    expect(row(rows, 'ThreatLocker SAML: certificate').value).toBe('sha256WithRSAEncryption, expires 2036-01-01T00:00:00.000Z');
    expect(row(rows, 'ThreatLocker SAML: Signature Algorithm').value).toBe('SHA256');
  });

  it('shows the group mappings and the admin login choice', () => {
    const rows = buildSummary(
      profile(
        {
          'group-mapping': { status: 'unverifiable', updatedAt: AT, data: { confirmedBy: 'admin' } },
          'allow-sso': { status: 'unverifiable', updatedAt: AT, data: { confirmedBy: 'admin', checklist: { 'admin-login-settings': true } } },
        },
        { mappings: [{ oktaGroupId: '00g1', oktaGroupName: 'ThreatLocker Admins', roleId: 'r1', roleName: 'Administrator' }] },
      ),
      undefined,
    );
    expect(row(rows, 'Group mappings (ThreatLocker)')).toMatchObject({ value: 'ThreatLocker Admins -> Administrator', verification: 'confirmed' });
    expect(row(rows, 'Admin Login Settings')).toMatchObject({ value: 'chosen', verification: 'confirmed' });
  });

  it('does not throw on an instance saved before validation existed', () => {
    const p = profile();
    p.threatlocker.instance = 'd1';
    expect(row(buildSummary(p, undefined), 'Single sign-on URL').value).toBe('(invalid instance)');
  });
});
