import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import {
  buildCreateAppBody,
  checksToFindings,
  compareApp,
  instanceOfAcs,
  show,
  normalizeForPut,
  withArticleValues,
  type AppChoices,
} from './app-settings';

/** Written out literally (not built with acsUrlFor) so a wrong URL builder fails here. */
const ACS_D = 'https://portalapi.d.threatlocker.com/portalApi/AuthenticationSAML/AssertionConsumerService';
const ACS_G = 'https://portalapi.g.threatlocker.com/portalApi/AuthenticationSAML/AssertionConsumerService';
const EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

const choices: AppChoices = { label: 'ThreatLocker', defaultRelayState: '', hideTile: true };

/** reference/okta-api.md section 1's example body, placeholders filled for instance d, both tiles hidden. */
const REFERENCE_BODY = {
  label: 'ThreatLocker',
  signOnMode: 'SAML_2_0',
  visibility: { autoLaunch: false, autoSubmitToolbar: false, hide: { iOS: true, web: true } },
  accessibility: { selfService: false },
  credentials: {
    userNameTemplate: { template: '${source.email}', type: 'BUILT_IN', pushStatus: 'PUSH' },
  },
  settings: {
    signOn: {
      ssoAcsUrl: ACS_D,
      recipient: ACS_D,
      destination: ACS_D,
      audience: 'https://threatlocker.com',
      defaultRelayState: '',
      subjectNameIdTemplate: '${user.userName}',
      subjectNameIdFormat: EMAIL,
      responseSigned: true,
      assertionSigned: true,
      signatureAlgorithm: 'RSA_SHA256',
      digestAlgorithm: 'SHA256',
      honorForceAuthn: true,
      authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
      requestCompressed: false,
      allowMultipleAcsEndpoints: false,
      acsEndpoints: [],
      idpIssuer: 'http://www.okta.com/${org.externalKey}',
      attributeStatements: [],
    },
  },
};

/** The app as Okta returns it after create: the body plus read-only fields. */
function oktaApp(body: unknown = buildCreateAppBody('d', choices)): any {
  const app = structuredClone(body) as any;
  return {
    id: '0oa1b2c3d4e5f6g7h8i9',
    name: 'acme_threatlocker_1',
    status: 'ACTIVE',
    created: '2026-03-01T10:00:00.000Z',
    lastUpdated: '2026-03-01T10:00:00.000Z',
    features: [],
    ...app,
    credentials: { ...app.credentials, signing: { kid: 'mXtzOtml09Dg1ZCeKxTRBo3KrQuBWFkJ5oxhVagjTzo' } },
    settings: { ...app.settings, app: {}, notifications: { vpn: { network: { connection: 'DISABLED' } } }, signOn: { ...app.settings.signOn, slo: { enabled: false } } },
    _links: { metadata: { href: 'https://acme.okta.com/api/v1/apps/0oa1b2c3d4e5f6g7h8i9/sso/saml/metadata' } },
  };
}

describe('buildCreateAppBody', () => {
  it('is exactly the reference body with the article values for instance d', () => {
    expect(buildCreateAppBody('d', choices)).toEqual(REFERENCE_BODY);
  });

  it('points ACS, Recipient and Destination at the instance, lower-cased', () => {
    const signOn = buildCreateAppBody(' G ', choices).settings.signOn;
    expect([signOn.ssoAcsUrl, signOn.recipient, signOn.destination]).toEqual([ACS_G, ACS_G, ACS_G]);
  });

  it('carries the admin choices: label, RelayState, tile visibility', () => {
    const body = buildCreateAppBody('d', { label: 'ThreatLocker (EU)', defaultRelayState: 'portal', hideTile: false });
    expect(body.label).toBe('ThreatLocker (EU)');
    expect(body.settings.signOn.defaultRelayState).toBe('portal');
    expect(body.visibility?.hide).toEqual({ iOS: false, web: false });
  });

  it.each(['', 'd1', 'portalapi.d', 'https://portal.d.threatlocker.com', 'abcd'])('refuses the instance %j before building a URL', (instance) => {
    let err: unknown;
    try {
      buildCreateAppBody(instance, choices);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
  });
});

describe('compareApp', () => {
  it('passes every field of the app as created', () => {
    const checks = compareApp(oktaApp(), 'd', choices);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.setting)).toEqual(
      expect.arrayContaining(['Single sign-on URL', 'Recipient URL', 'Destination URL', 'Audience URI (SP Entity ID)', 'Name ID format', 'Application username', 'Update application username on']),
    );
  });

  it('treats a RelayState Okta left out as blank', () => {
    const app = oktaApp();
    delete app.settings.signOn.defaultRelayState;
    expect(compareApp(app, 'd', choices).every((c) => c.ok)).toBe(true);
    app.settings.signOn.defaultRelayState = null;
    expect(compareApp(app, 'd', choices).every((c) => c.ok)).toBe(true);
  });

  it('flags a RelayState Okta lost when the admin chose one', () => {
    const app = oktaApp(buildCreateAppBody('d', { ...choices, defaultRelayState: 'portal' }));
    delete app.settings.signOn.defaultRelayState;
    const wrong = compareApp(app, 'd', { ...choices, defaultRelayState: 'portal' }).filter((c) => !c.ok);
    expect(wrong).toEqual([{ setting: 'Default RelayState', path: 'settings.signOn.defaultRelayState', expected: 'portal', actual: '', ok: false, where: 'General tab -> SAML Settings -> Edit -> Configure SAML' }]);
  });

  it.each<[string, (app: any) => void, string, unknown, unknown]>([
    ['an audience with a trailing slash', (a) => (a.settings.signOn.audience = 'https://threatlocker.com/'), 'Audience URI (SP Entity ID)', 'https://threatlocker.com', 'https://threatlocker.com/'],
    ['an http audience', (a) => (a.settings.signOn.audience = 'http://threatlocker.com'), 'Audience URI (SP Entity ID)', 'https://threatlocker.com', 'http://threatlocker.com'],
    ['the ACS of instance g', (a) => (a.settings.signOn.ssoAcsUrl = ACS_G), 'Single sign-on URL', ACS_D, ACS_G],
    ['an ACS with lower-case portalapi path', (a) => (a.settings.signOn.ssoAcsUrl = ACS_D.replace('portalApi', 'portalapi')), 'Single sign-on URL', ACS_D, ACS_D.replace('portalApi', 'portalapi')],
    ['the Recipient of instance g', (a) => (a.settings.signOn.recipient = ACS_G), 'Recipient URL', ACS_D, ACS_G],
    ['the Destination of instance g', (a) => (a.settings.signOn.destination = ACS_G), 'Destination URL', ACS_D, ACS_G],
    ['NameID unspecified', (a) => (a.settings.signOn.subjectNameIdFormat = UNSPECIFIED), 'Name ID format', EMAIL, UNSPECIFIED],
    ['username Okta login', (a) => (a.credentials.userNameTemplate.template = '${source.login}'), 'Application username', '${source.email}', '${source.login}'],
    ['username update on create only', (a) => (a.credentials.userNameTemplate.pushStatus = 'DONT_PUSH'), 'Update application username on', 'PUSH', 'DONT_PUSH'],
    ['a custom username type', (a) => (a.credentials.userNameTemplate.type = 'CUSTOM'), 'Application username type', 'BUILT_IN', 'CUSTOM'],
    ['SHA-1 signatures', (a) => (a.settings.signOn.signatureAlgorithm = 'RSA_SHA1'), 'Signature algorithm', 'RSA_SHA256', 'RSA_SHA1'],
    ['an unsigned assertion', (a) => (a.settings.signOn.assertionSigned = false), 'Assertion signed', true, false],
    ['a WS-Fed app', (a) => (a.signOnMode = 'WS_FEDERATION'), 'Sign-in method', 'SAML_2_0', 'WS_FEDERATION'],
    ['a visible web tile', (a) => (a.visibility.hide.web = false), 'Hide tile (web)', true, false],
    ['a renamed app', (a) => (a.label = 'TL'), 'App name', 'ThreatLocker', 'TL'],
    ['no audience at all', (a) => delete a.settings.signOn.audience, 'Audience URI (SP Entity ID)', 'https://threatlocker.com', undefined],
  ])('flags %s, and only that, with expected and actual', (_name, mutate, setting, expected, actual) => {
    const app = oktaApp();
    mutate(app);
    const wrong = compareApp(app, 'd', choices).filter((c) => !c.ok);
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({ setting, expected, actual, ok: false });

    const finding = checksToFindings(wrong)[0]!;
    expect(finding).toMatchObject({ label: setting, outcome: 'fail', expected: show(expected), actual: show(actual) });
    expect(finding.hint).toContain(wrong[0]!.path);
    expect(finding.hint).toContain(wrong[0]!.where);
  });

  it('flags all three URLs when the app was made for another instance', () => {
    const wrong = compareApp(oktaApp(buildCreateAppBody('g', choices)), 'd', choices).filter((c) => !c.ok);
    expect(wrong.map((c) => c.setting)).toEqual(['Single sign-on URL', 'Recipient URL', 'Destination URL']);
  });

  it('flags every field of something that is not an app, without throwing', () => {
    for (const app of [null, undefined, 'text', 42, {}]) {
      const checks = compareApp(app, 'd', choices);
      expect(checks.filter((c) => c.ok).map((c) => c.setting)).toEqual(['Default RelayState']);
    }
  });
});

describe('checksToFindings', () => {
  it('passes have no hint; blank and missing values are shown in words', () => {
    const findings = checksToFindings([
      { setting: 'A', path: 'a', expected: 'x', actual: 'x', ok: true, where: 'General tab' },
      { setting: 'B', path: 'settings.signOn.defaultRelayState', expected: 'portal', actual: '', ok: false, where: 'General tab' },
      { setting: 'C', path: 'settings.signOn.audience', expected: 'https://threatlocker.com', actual: undefined, ok: false, where: 'General tab' },
      { setting: 'D', path: 'settings.signOn.responseSigned', expected: true, actual: false, ok: false, where: 'General tab' },
    ]);
    expect(findings[0]).toEqual({ label: 'A', outcome: 'pass', expected: 'x', actual: 'x' });
    expect(findings[1]).toMatchObject({ outcome: 'fail', expected: 'portal', actual: '(blank)' });
    expect(findings[2]).toMatchObject({ outcome: 'fail', actual: '(not set)' });
    expect(findings[3]).toMatchObject({ expected: 'true', actual: 'false' });
  });
});

describe('instanceOfAcs', () => {
  it.each<[unknown, string | undefined]>([
    [ACS_D, 'd'],
    [ACS_G, 'g'],
    ['https://PORTALAPI.H.THREATLOCKER.COM/portalApi/AuthenticationSAML/AssertionConsumerService', 'h'],
    ['https://portalapi.d.threatlocker.com.evil.example/portalApi/AuthenticationSAML/AssertionConsumerService', undefined],
    ['https://portal.d.threatlocker.com/', undefined],
    ['not a url', undefined],
    [undefined, undefined],
    [42, undefined],
  ])('%s -> %s', (url, instance) => {
    expect(instanceOfAcs(url)).toBe(instance);
  });
});

describe('withArticleValues', () => {
  it('repairs drifted fields, keeps what the console does not manage, drops read-only fields', () => {
    const app = oktaApp();
    app.settings.signOn.audience = 'https://threatlocker.com/';
    app.settings.signOn.ssoAcsUrl = ACS_G;
    app.settings.signOn.subjectNameIdFormat = UNSPECIFIED;
    app.credentials.userNameTemplate.pushStatus = 'DONT_PUSH';
    app.visibility.hide.web = false;
    app.settings.signOn.attributeStatements = [{ type: 'EXPRESSION', name: 'dept', values: ['user.department'] }];
    app.settings.signOn.honorForceAuthn = false;

    const fixed = withArticleValues(app, buildCreateAppBody('d', choices)) as any;
    expect(compareApp(fixed, 'd', choices).filter((c) => !c.ok)).toEqual([]);
    expect(fixed.settings.signOn.attributeStatements).toEqual(app.settings.signOn.attributeStatements);
    expect(fixed.settings.signOn.honorForceAuthn).toBe(false);
    expect(fixed.settings.signOn.slo).toEqual({ enabled: false });
    expect(fixed.credentials.signing).toEqual(app.credentials.signing);
    expect(fixed.settings.notifications).toEqual(app.settings.notifications);
    for (const k of ['id', 'name', 'status', 'created', 'lastUpdated', '_links', 'features']) expect(fixed).not.toHaveProperty(k);
    // The input is left as it was.
    expect(app.settings.signOn.audience).toBe('https://threatlocker.com/');
    expect(app.id).toBe('0oa1b2c3d4e5f6g7h8i9');
  });
});

describe('normalizeForPut', () => {
  it('drops the nulls a real GET carries where the request schema wants strings, at any depth, and read-only fields', () => {
    const got = {
      id: '0oa1', name: 'x_1', status: 'ACTIVE', _links: { self: {} }, label: 'ThreatLocker', signOnMode: 'SAML_2_0',
      accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
      settings: { notifications: { vpn: { network: { connection: 'DISABLED' }, message: null, helpUrl: null } }, signOn: { acsEndpoints: [] } },
    };
    expect(normalizeForPut(got)).toEqual({
      label: 'ThreatLocker', signOnMode: 'SAML_2_0', accessibility: { selfService: false },
      settings: { notifications: { vpn: { network: { connection: 'DISABLED' } } }, signOn: { acsEndpoints: [] } },
    });
    expect(JSON.stringify(normalizeForPut(got))).not.toContain('null');
  });
});
