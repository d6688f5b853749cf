import { createAppRecord, validateAppBody, withDefaults } from '../okta-apps';
import { OktaApiError, invalidSearch, notFound, validationFailed } from '../okta-errors';
import { type FilterOp, matchFilter, parseFilter } from '../okta-filter';
import { ok, type RouteSpec } from '../okta-http';
import { decodeCursor, pageAscending, parseLimit } from '../okta-pagination';
import { renderApp, renderAppUser, renderKey } from '../okta-render';
import type { AppRecord } from '../okta-store';
import { nowIso } from '../okta-store';
import { appTarget, writeLog } from '../okta-system-log';
import { createSigningKey, samlMetadataXml, type SigningKey } from '../saml-metadata';
import { boolParam, pageResult, type RouteDeps } from './route-deps';

/** Applications: create/list/get/replace/lifecycle/delete, SAML metadata and signing keys. */
export function appsRoutes({ store, directory }: RouteDeps): RouteSpec[] {
  const signingKey = (app: AppRecord): SigningKey => (app.signingKey ??= createSigningKey(app.kid, store.orgName));

  const appFilterPolicy = (attr: string, op: FilterOp) => {
    // "filter supports only id, status, credentials.signing.kid, settings.slo.enabled, or name"; label is refused.
    const allowed = ['id', 'status', 'credentials.signing.kid', 'settings.slo.enabled', 'name', 'user.id', 'group.id'];
    if (!allowed.includes(attr)) throw invalidSearch(`Filtering on ${attr} is not supported`);
    if (op !== 'eq') throw invalidSearch('Only the eq operator is supported');
  };

  return [
    {
      method: 'GET', path: '/api/v1/apps', access: 'read',
      handler: (ctx) => {
        const q = ctx.query.get('q')?.toLowerCase();
        const filterText = ctx.query.get('filter');
        const filter = filterText ? parseFilter(filterText, appFilterPolicy) : undefined;
        const limit = parseLimit(ctx.query.get('limit'), { def: 200, min: 1, max: 200 });
        const expand = ctx.query.get('expand');
        const expandUserId = expand?.startsWith('user/') ? expand.slice(5) : undefined;
        const page = pageAscending([...store.apps.values()], decodeCursor(ctx.query.get('after')), limit, (app) => {
          if (q && !app.name.toLowerCase().startsWith(q) && !app.label.toLowerCase().startsWith(q)) return false;
          if (!filter) return true;
          return matchFilter(filter, (attr) => {
            if (attr === 'id') return app.id;
            if (attr === 'status') return app.status;
            if (attr === 'name') return app.name;
            if (attr === 'credentials.signing.kid') return app.kid;
            if (attr === 'settings.slo.enabled') return false;
            if (attr === 'user.id') return [...app.users.keys()];
            if (attr === 'group.id') return [...app.groups.keys()];
            return undefined;
          });
        });
        return pageResult(ctx, page, (app) => {
          const json = renderApp(store, app);
          const au = expandUserId ? app.users.get(expandUserId) : undefined;
          if (au) json._embedded = { user: renderAppUser(store, app, au, false) };
          return json;
        });
      },
    },
    {
      method: 'POST', path: '/api/v1/apps', access: 'manage',
      handler: (ctx) => {
        const body = validateAppBody(ctx.body);
        const activate = boolParam(ctx.query, 'activate') ?? true;
        const app = createAppRecord(store, body, activate);
        store.apps.set(app.id, app);
        writeLog(store, { eventType: 'application.lifecycle.create', displayMessage: 'Create application', result: 'SUCCESS', targets: [appTarget(app)] });
        if (activate) writeLog(store, { eventType: 'application.lifecycle.activate', displayMessage: 'Activate application', result: 'SUCCESS', targets: [appTarget(app)] });
        return ok(renderApp(store, app));
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId', access: 'read',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        const json = renderApp(store, app);
        const expand = ctx.query.get('expand');
        if (expand?.startsWith('user/')) {
          const au = app.users.get(expand.slice(5));
          if (au) json._embedded = { user: renderAppUser(store, app, au, false) };
        }
        return ok(json);
      },
    },
    {
      method: 'PUT', path: '/api/v1/apps/:appId', access: 'manage',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        const body = validateAppBody(ctx.body);
        if (body.signOnMode !== app.signOnMode) {
          throw validationFailed('signOnMode', 'signOnMode: The sign-on mode of an existing app cannot be changed.');
        }
        // Full replace; id, name, status, created are kept ("values ... are ignored").
        const requestedKid = (body.credentials as { signing?: { kid?: unknown } } | undefined)?.signing?.kid;
        if (typeof requestedKid === 'string' && requestedKid !== app.kid) {
          throw validationFailed('credentials.signing.kid', `kid: No key ${requestedKid} exists for this app.`);
        }
        app.body = withDefaults(body, app.kid);
        app.label = String(body.label);
        app.lastUpdated = nowIso();
        // Real orgs: a full PUT of a custom SAML app whose provisioning was switched on in the Admin
        // Console resets Provisioning to NONE, without an error (terraform-provider-okta #655, #710).
        if (app.provisioning.scimEnabled) directory.resetProvisioning(app);
        writeLog(store, { eventType: 'application.lifecycle.update', displayMessage: 'Update application', result: 'SUCCESS', targets: [appTarget(app)] });
        return ok(renderApp(store, app));
      },
    },
    {
      method: 'DELETE', path: '/api/v1/apps/:appId', access: 'manage',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        if (app.status !== 'INACTIVE') {
          throw new OktaApiError(403, 'E0000056', 'Delete application forbidden.', ['The application must be deactivated before it can be deleted.']);
        }
        store.apps.delete(app.id);
        for (const g of [...store.groups]) if (g.sourceAppId === app.id) store.removeGroup(g.id);
        writeLog(store, { eventType: 'application.lifecycle.delete', displayMessage: 'Delete application', result: 'SUCCESS', targets: [appTarget(app)] });
        return { status: 204 };
      },
    },
    {
      method: 'POST', path: '/api/v1/apps/:appId/lifecycle/activate', access: 'manage',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        if (app.status !== 'ACTIVE') {
          app.status = 'ACTIVE';
          app.lastUpdated = nowIso();
          writeLog(store, { eventType: 'application.lifecycle.activate', displayMessage: 'Activate application', result: 'SUCCESS', targets: [appTarget(app)] });
        }
        return ok({});
      },
    },
    {
      method: 'POST', path: '/api/v1/apps/:appId/lifecycle/deactivate', access: 'manage',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        if (app.status !== 'INACTIVE') {
          app.status = 'INACTIVE';
          app.lastUpdated = nowIso();
          writeLog(store, { eventType: 'application.lifecycle.deactivate', displayMessage: 'Deactivate application', result: 'SUCCESS', targets: [appTarget(app)] });
        }
        return ok({});
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/sso/saml/metadata', access: 'read',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        if (app.signOnMode !== 'SAML_2_0') throw notFound(app.id, 'SamlMetadata');
        // kid is `required` in the spec, but the app's own _links.metadata has none and Okta
        // then serves the active key, so a missing kid means "the active key".
        const kid = ctx.query.get('kid');
        if (kid !== null && kid !== app.kid) throw notFound(kid, 'Key');
        const key = signingKey(app);
        const xml = samlMetadataXml({ exk: app.exk, appName: app.name, baseUrl: store.baseUrl, certificateDer: key.certificateDer });
        return { status: 200, text: xml, contentType: 'text/xml;charset=UTF-8' };
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/credentials/keys', access: 'read',
      handler: (ctx) => ok([renderKey(signingKey(directory.app(ctx.params.appId!)))]),
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/credentials/keys/:keyId', access: 'read',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        if (ctx.params.keyId !== app.kid) throw notFound(ctx.params.keyId!, 'Key');
        return ok(renderKey(signingKey(app)));
      },
    },
  ];
}
