import { OktaApiError, validationFailed } from './okta-errors';
import type { AppRecord, OktaStore, UserRecord } from './okta-store';
import { nowIso } from './okta-store';

/**
 * Application create/replace rules (createApplication / replaceApplication), following the
 * SamlApplication schema: label and signOnMode required; for SAML_2_0 the five signOn booleans
 * are required and responseSigned or assertionSigned must be true.
 */

const SIGN_ON_MODES = new Set([
  'AUTO_LOGIN', 'BASIC_AUTH', 'BOOKMARK', 'BROWSER_PLUGIN', 'OPENID_CONNECT', 'SAML_1_1', 'SAML_2_0',
  'SECURE_PASSWORD_STORE', 'WS_FEDERATION',
]);
const SAML_REQUIRED_BOOLEANS = ['allowMultipleAcsEndpoints', 'assertionSigned', 'honorForceAuthn', 'requestCompressed', 'responseSigned'] as const;
const NAME_ID_FORMATS = new Set([
  'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  'urn:oasis:names:tc:SAML:2.0:nameid-format:transient', 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  'urn:oasis:names:tc:SAML:1.1:nameid-format:x509SubjectName',
]);
/** Properties Okta ignores on write ("values ... are ignored"). */
const READ_ONLY = ['id', 'name', 'status', 'created', 'lastUpdated', 'features', 'orn', '_links', '_embedded'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateAppBody(body: unknown): Record<string, unknown> {
  if (!isObj(body)) throw validationFailed('application', 'The request body must be an Application object.');
  const causes: string[] = [];
  let field = '';
  const fail = (f: string, cause: string) => {
    field ||= f;
    causes.push(cause);
  };
  if (typeof body.label !== 'string' || body.label.trim() === '') fail('label', 'label: The field cannot be left blank');
  const mode = body.signOnMode;
  if (typeof mode !== 'string' || !SIGN_ON_MODES.has(mode)) fail('signOnMode', 'signOnMode: The field cannot be left blank or has an unsupported value');
  else if (mode === 'SAML_1_1') fail('signOnMode', 'signOnMode: SAML_1_1 is not supported for custom apps');
  else if (mode === 'SAML_2_0') {
    const settings = body.settings;
    const signOn = isObj(settings) ? settings.signOn : undefined;
    if (!isObj(signOn)) {
      fail('settings.signOn', 'settings.signOn: The field cannot be left blank');
    } else {
      for (const key of SAML_REQUIRED_BOOLEANS) {
        if (typeof signOn[key] !== 'boolean') fail(`settings.signOn.${key}`, `${key}: The field must be a boolean and cannot be left blank`);
      }
      if (signOn.responseSigned === false && signOn.assertionSigned === false) {
        fail('settings.signOn', 'settings.signOn: Either (or both) responseSigned or assertionSigned must be TRUE');
      }
      if (!nonEmpty(signOn.ssoAcsUrl) && !nonEmpty(signOn.destinationOverride)) {
        fail('settings.signOn.ssoAcsUrl', 'ssoAcsUrl: The field cannot be left blank');
      }
      if (signOn.subjectNameIdFormat !== undefined && !NAME_ID_FORMATS.has(String(signOn.subjectNameIdFormat))) {
        fail('settings.signOn.subjectNameIdFormat', 'subjectNameIdFormat: Unsupported Name ID format');
      }
      for (const [key, allowed] of [['signatureAlgorithm', ['RSA_SHA1', 'RSA_SHA256']], ['digestAlgorithm', ['SHA1', 'SHA256']]] as const) {
        if (signOn[key] !== undefined && !(allowed as readonly string[]).includes(String(signOn[key]))) {
          fail(`settings.signOn.${key}`, `${key}: Must be one of ${allowed.join(', ')}`);
        }
      }
    }
  }
  const tmpl = isObj(body.credentials) ? body.credentials.userNameTemplate : undefined;
  if (isObj(tmpl) && tmpl.type !== undefined && !['NONE', 'BUILT_IN', 'CUSTOM'].includes(String(tmpl.type))) {
    fail('credentials.userNameTemplate.type', 'type: Must be one of NONE, BUILT_IN, CUSTOM');
  }
  if (causes.length > 0) throw new OktaApiError(400, 'E0000001', `Api validation failed: ${field}`, causes);
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!READ_ONLY.includes(k)) clean[k] = v;
  return clean;
}

const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** `<org>_<label slug>_<n>`, e.g. testorgone_examplecustomsaml20app_1 for "Example Custom SAML 2.0 App". */
export function generateAppName(store: OktaStore, label: string): string {
  const org = store.orgName.toLowerCase().replace(/[^a-z0-9]/g, '');
  const slug = label.toLowerCase().replace(/[^a-z0-9]/g, '') || 'app';
  const prefix = `${org}_${slug}_`;
  let n = 1;
  const taken = new Set([...store.apps.values()].map((a) => a.name));
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Fills Okta's server-side defaults so reads look like a real app instance. */
export function withDefaults(body: Record<string, unknown>, kid: string): Record<string, unknown> {
  const out = structuredClone(body);
  const visibility = isObj(out.visibility) ? out.visibility : {};
  out.visibility = {
    autoLaunch: false,
    autoSubmitToolbar: false,
    ...visibility,
    hide: { iOS: false, web: false, ...(isObj(visibility.hide) ? visibility.hide : {}) },
  };
  // Real GETs carry these as null (the request schema wants strings): a body echoed from a GET
  // must be cleaned before it is sent back, and the sandbox makes that visible.
  out.accessibility = { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null, ...(isObj(out.accessibility) ? out.accessibility : {}) };
  const credentials = isObj(out.credentials) ? out.credentials : {};
  const tmpl = isObj(credentials.userNameTemplate) ? credentials.userNameTemplate : {};
  out.credentials = {
    ...credentials,
    userNameTemplate: { template: '${source.login}', type: 'BUILT_IN', ...tmpl },
    signing: { ...(isObj(credentials.signing) ? credentials.signing : {}), kid },
  };
  const settings = isObj(out.settings) ? out.settings : {};
  const notifications = isObj(settings.notifications) ? settings.notifications : {};
  const vpn = isObj(notifications.vpn) ? notifications.vpn : {};
  out.settings = {
    app: {},
    implicitAssignment: false,
    notes: { admin: null, enduser: null },
    ...settings,
    notifications: { ...notifications, vpn: { network: { connection: 'DISABLED' }, message: null, helpUrl: null, ...vpn } },
  };
  return out;
}

export function createAppRecord(store: OktaStore, body: Record<string, unknown>, activate: boolean): AppRecord {
  const t = nowIso();
  const kid = store.ids.token(43);
  const name = generateAppName(store, String(body.label));
  return {
    seq: store.nextSeq(),
    id: store.ids.next('0oa'),
    name,
    label: String(body.label),
    signOnMode: String(body.signOnMode),
    status: activate ? 'ACTIVE' : 'INACTIVE',
    created: t,
    lastUpdated: t,
    body: withDefaults(body, kid),
    kid,
    exk: store.ids.next('exk'),
    signingKey: null,
    provisioning: {
      scimEnabled: false,
      connection: null,
      toApp: { createUsers: false, updateUserAttributes: false, deactivateUsers: false },
      scimGroupIds: new Map(),
    },
    groups: new Map(),
    users: new Map(),
    pushMappings: new Map(),
  };
}

/**
 * Evaluates the app's userNameTemplate for a user, supporting the BUILT_IN choices of the
 * "Application username" dropdown (Okta username, Email, prefixes, lower-case variants).
 */
export function appUserName(app: AppRecord, user: UserRecord): string {
  const creds = isObj(app.body.credentials) ? app.body.credentials : {};
  const tmpl = isObj(creds.userNameTemplate) ? creds.userNameTemplate : {};
  const template = typeof tmpl.template === 'string' ? tmpl.template : '${source.login}';
  const suffix = typeof tmpl.userSuffix === 'string' ? tmpl.userSuffix : '';
  return evalTemplate(template, user) + suffix;
}

function evalTemplate(template: string, user: UserRecord): string {
  return template.replace(/\$\{([^}]+)\}/g, (_m, expr: string) => evalExpr(expr.trim(), user));
}

function evalExpr(expr: string, user: UserRecord): string {
  const source = (attr: string) => {
    const v = user.profile[attr === 'userName' ? 'login' : attr];
    return v === null || v === undefined ? '' : String(v);
  };
  let m = /^source\.(\w+)$/.exec(expr) ?? /^user\.(\w+)$/.exec(expr);
  if (m) return source(m[1]!);
  m = /^fn:toLowerCase\(source\.(\w+)\)$/.exec(expr);
  if (m) return source(m[1]!).toLowerCase();
  m = /^fn:toUpperCase\(source\.(\w+)\)$/.exec(expr);
  if (m) return source(m[1]!).toUpperCase();
  m = /^fn:substringBefore\(source\.(\w+),\s*"([^"]*)"\)$/.exec(expr);
  if (m) {
    const v = source(m[1]!);
    const i = v.indexOf(m[2]!);
    return i < 0 ? v : v.slice(0, i);
  }
  m = /^fn:toLowerCase\(fn:substringBefore\(source\.(\w+),\s*"([^"]*)"\)\)$/.exec(expr);
  if (m) {
    const v = source(m[1]!);
    const i = v.indexOf(m[2]!);
    return (i < 0 ? v : v.slice(0, i)).toLowerCase();
  }
  return source('login');
}
