import type { Finding } from '../../../shared/setup';
import type { SamlAppCreateBody } from '../okta/okta-schemas';
import { acsUrlFor, THREATLOCKER_SP_ENTITY_ID } from '../threatlocker/threatlocker-urls';

/** The article's values for the Okta SAML app ("Creating an Application in Okta for ThreatLocker"). */
export const ARTICLE_APP = {
  defaultLabel: 'ThreatLocker',
  audience: THREATLOCKER_SP_ENTITY_ID,
  /** "Name ID format should be EmailAddress". */
  nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  /** "Application username should be Email". */
  userNameTemplate: '${source.email}',
  userNameType: 'BUILT_IN',
  /** "Update application username on: Create and update" (the article's choice). */
  pushStatus: 'PUSH',
  subjectNameIdTemplate: '${user.userName}',
  signatureAlgorithm: 'RSA_SHA256',
  digestAlgorithm: 'SHA256',
} as const;

export interface AppChoices {
  label: string;
  defaultRelayState: string;
  /** ThreatLocker supports SP-initiated login only, so the tile would not work anyway. */
  hideTile: boolean;
}

/** The createApplication body: reference/okta-api.md's example with the article's values. */
export function buildCreateAppBody(instance: string, choices: AppChoices): SamlAppCreateBody {
  const acs = acsUrlFor(instance);
  return {
    label: choices.label,
    signOnMode: 'SAML_2_0',
    visibility: { autoLaunch: false, autoSubmitToolbar: false, hide: { iOS: choices.hideTile, web: choices.hideTile } },
    accessibility: { selfService: false },
    credentials: {
      userNameTemplate: { template: ARTICLE_APP.userNameTemplate, type: ARTICLE_APP.userNameType, pushStatus: ARTICLE_APP.pushStatus },
    },
    settings: {
      signOn: {
        ssoAcsUrl: acs,
        recipient: acs,
        destination: acs,
        audience: ARTICLE_APP.audience,
        defaultRelayState: choices.defaultRelayState,
        subjectNameIdTemplate: ARTICLE_APP.subjectNameIdTemplate,
        subjectNameIdFormat: ARTICLE_APP.nameIdFormat,
        responseSigned: true,
        assertionSigned: true,
        signatureAlgorithm: ARTICLE_APP.signatureAlgorithm,
        digestAlgorithm: ARTICLE_APP.digestAlgorithm,
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
}

export interface FieldCheck {
  /** The Admin Console's name for the setting (as the article says it). */
  setting: string;
  path: string;
  expected: unknown;
  actual: unknown;
  ok: boolean;
  /** Where the admin changes it by hand in the Okta Admin Console, from the app's page. */
  where: string;
}

const at = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

const SAML_EDIT = 'General tab -> SAML Settings -> Edit -> Configure SAML';
const SAML_ADVANCED = `${SAML_EDIT} -> Show Advanced Settings`;
const APP_SETTINGS = 'General tab -> App Settings -> Edit';

/**
 * Fields the article (or the console on its behalf) sets, as [setting, JSON path, expected,
 * where an admin changes it in the Okta Admin Console (app -> ...)].
 */
export function expectedFields(instance: string, choices: AppChoices): [string, string, unknown, string][] {
  const acs = acsUrlFor(instance);
  return [
    ['App name', 'label', choices.label, `${APP_SETTINGS} -> Application label`],
    ['Sign-in method', 'signOnMode', 'SAML_2_0', 'cannot be changed: create a new SAML 2.0 app'],
    ['Single sign-on URL', 'settings.signOn.ssoAcsUrl', acs, SAML_EDIT],
    ['Recipient URL', 'settings.signOn.recipient', acs, `${SAML_EDIT} (untick "Use this for Recipient URL and Destination URL" to see it)`],
    ['Destination URL', 'settings.signOn.destination', acs, `${SAML_EDIT} (untick "Use this for Recipient URL and Destination URL" to see it)`],
    ['Audience URI (SP Entity ID)', 'settings.signOn.audience', ARTICLE_APP.audience, SAML_EDIT],
    ['Default RelayState', 'settings.signOn.defaultRelayState', choices.defaultRelayState, SAML_EDIT],
    ['Name ID format', 'settings.signOn.subjectNameIdFormat', ARTICLE_APP.nameIdFormat, SAML_EDIT],
    ['Application username', 'credentials.userNameTemplate.template', ARTICLE_APP.userNameTemplate, SAML_EDIT],
    ['Application username type', 'credentials.userNameTemplate.type', ARTICLE_APP.userNameType, `${SAML_EDIT} -> Application username (pick "Email")`],
    ['Update application username on', 'credentials.userNameTemplate.pushStatus', ARTICLE_APP.pushStatus, SAML_EDIT],
    ['Response signed', 'settings.signOn.responseSigned', true, `${SAML_ADVANCED} -> Response`],
    ['Assertion signed', 'settings.signOn.assertionSigned', true, `${SAML_ADVANCED} -> Assertion Signature`],
    ['Signature algorithm', 'settings.signOn.signatureAlgorithm', ARTICLE_APP.signatureAlgorithm, `${SAML_ADVANCED} -> Signature Algorithm`],
    ['Digest algorithm', 'settings.signOn.digestAlgorithm', ARTICLE_APP.digestAlgorithm, `${SAML_ADVANCED} -> Digest Algorithm`],
    ['Hide tile (web)', 'visibility.hide.web', choices.hideTile, `${APP_SETTINGS} -> Application visibility -> Do not display application icon to users`],
    ['Hide tile (Okta Mobile)', 'visibility.hide.iOS', choices.hideTile, `${APP_SETTINGS} -> Application visibility -> Do not display application icon in the Okta Mobile app`],
  ];
}

/** Field-by-field comparison of the app as Okta returns it with what the article asks for. */
export function compareApp(app: unknown, instance: string, choices: AppChoices): FieldCheck[] {
  return expectedFields(instance, choices).map(([setting, path, expected, where]) => {
    let actual = at(app, path);
    // Okta may omit an empty RelayState; blank and absent mean the same in the Admin Console.
    if (path.endsWith('defaultRelayState') && (actual === null || actual === undefined)) actual = '';
    return { setting, path, expected, actual, ok: actual === expected, where };
  });
}

/** The instance an ACS URL points at (portalapi.<x>.threatlocker.com), or undefined. */
export function instanceOfAcs(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const m = /^portalapi\.([a-z]+)\.threatlocker\.com$/i.exec(new URL(url).hostname);
    return m?.[1]?.toLowerCase();
  } catch {
    return undefined;
  }
}

export function checksToFindings(checks: FieldCheck[]): Finding[] {
  return checks.map((c) => {
    const f: Finding = { label: c.setting, outcome: c.ok ? 'pass' : 'fail', expected: show(c.expected), actual: show(c.actual) };
    if (!c.ok) f.hint = `Okta holds a different value at ${c.path}. By hand: Okta Admin Console -> Applications -> the app -> ${c.where}.`;
    return f;
  });
}

/**
 * The app with the article's fields written over it, for replaceApp (a full PUT of what
 * getApp returned, so fields the console does not manage are kept).
 */
export function withArticleValues(app: Record<string, unknown>, body: SamlAppCreateBody): Record<string, unknown> {
  const out = structuredClone(app);
  const obj = (o: Record<string, unknown>, k: string) => {
    const v = o[k];
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    const fresh: Record<string, unknown> = {};
    o[k] = fresh;
    return fresh;
  };
  out.label = body.label;
  const vis = obj(out, 'visibility');
  vis.hide = { ...(obj(vis, 'hide')), ...body.visibility?.hide };
  const creds = obj(out, 'credentials');
  creds.userNameTemplate = { ...obj(creds, 'userNameTemplate'), ...body.credentials?.userNameTemplate };
  const settings = obj(out, 'settings');
  settings.signOn = { ...obj(settings, 'signOn'), ...pick(body.settings.signOn, SIGN_ON_KEYS) };
  return normalizeForPut(out);
}

/** Read-only properties of Application (Okta ignores or refuses them on write). */
const READ_ONLY_APP_KEYS = ['id', 'name', 'status', 'created', 'lastUpdated', '_links', '_embedded', 'features', 'orn'];

/**
 * A body read from GET made fit for PUT under Okta's spec: real GETs carry nulls where the
 * request schema wants strings (accessibility.errorRedirectUrl, settings.notifications.vpn.helpUrl,
 * ...), and an absent optional field means the same as a null one, so nulls are dropped at every
 * depth, with the read-only properties.
 */
export function normalizeForPut(app: Record<string, unknown>): Record<string, unknown> {
  const clean = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.filter((x) => x !== null).map(clean);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && k !== '_links' && k !== '_embedded') out[k] = clean(x);
    return out;
  };
  const out = clean(app) as Record<string, unknown>;
  for (const k of READ_ONLY_APP_KEYS) delete out[k];
  return out;
}

/** The signOn keys the article (and ThreatLocker) care about; others are left as the admin has them. */
const SIGN_ON_KEYS = [
  'ssoAcsUrl', 'recipient', 'destination', 'audience', 'defaultRelayState', 'subjectNameIdTemplate', 'subjectNameIdFormat',
  'responseSigned', 'assertionSigned', 'signatureAlgorithm', 'digestAlgorithm',
];

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in o) out[k] = o[k];
  return out;
}

export function show(v: unknown): string {
  if (v === undefined) return '(not set)';
  if (v === '') return '(blank)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
