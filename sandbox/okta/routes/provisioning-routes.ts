import { notFound, provisioningNotEnabled, validationFailed } from '../okta-errors';
import { created, ok, type RouteSpec } from '../okta-http';
import { decodeCursor, pageAscending, parseLimit } from '../okta-pagination';
import { renderDefaultConnection, renderPushMapping, renderUserProvisioningFeature } from '../okta-render';
import type { AppRecord } from '../okta-store';
import { boolParam, isObject, pageResult, type RouteDeps } from './route-deps';

/**
 * Application features, the default provisioning connection and group push mappings.
 *
 * Decision on PUT /features/USER_PROVISIONING: Okta documents it only for google, office365,
 * okta_org2org, slack, zoomus and zscalerbyz. For a custom (App Integration Wizard) SAML app the
 * simulator refuses it with 400 E0000001, so the product has to guide the admin through the
 * "To App" checkboxes in the Admin Console (played by controls.setToAppFeatures) and can only
 * verify them through GET, which works once provisioning is enabled.
 */
export function provisioningRoutes({ store, directory }: RouteDeps): RouteSpec[] {
  const requireProvisioning = (app: AppRecord) => {
    if (!app.provisioning.scimEnabled) throw provisioningNotEnabled();
  };
  /** The app and one of its push mappings, as the single-mapping routes all need them. */
  const pushMapping = (appId: string, mappingId: string) => {
    const app = directory.app(appId);
    directory.pushMappings.assertAvailable(app);
    const m = app.pushMappings.get(mappingId);
    if (!m) throw notFound(mappingId, 'GroupPushMapping');
    return { app, m };
  };
  const feature = (app: AppRecord, name: string) => {
    if (name !== 'USER_PROVISIONING') throw notFound(name, 'AppInstanceFeature');
    return renderUserProvisioningFeature(store, app);
  };

  return [
    {
      method: 'GET', path: '/api/v1/apps/:appId/features', access: 'read',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        requireProvisioning(app);
        return ok([renderUserProvisioningFeature(store, app)]);
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/features/:featureName', access: 'read',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        requireProvisioning(app);
        return ok(feature(app, ctx.params.featureName!));
      },
    },
    {
      method: 'PUT', path: '/api/v1/apps/:appId/features/:featureName', access: 'manage',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        requireProvisioning(app);
        feature(app, ctx.params.featureName!);
        throw validationFailed(
          'feature',
          'Provisioning features of this app instance cannot be updated through the API. Configure Provisioning > To App in the Admin Console.',
        );
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/connections/default', access: 'read',
      handler: (ctx) => ok(renderDefaultConnection(store, directory.app(ctx.params.appId!))),
    },
    {
      method: 'POST', path: '/api/v1/apps/:appId/connections/default', access: 'manage',
      // Real Okta answers 200 UNKNOWN on a custom app and changes nothing (okta-mcp-server PR #72):
      // a client that reads 200 as "connection saved" is wrong, and the sandbox lets that show.
      handler: (ctx) => ok(renderDefaultConnection(store, directory.app(ctx.params.appId!))),
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/group-push/mappings', access: 'read',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        directory.pushMappings.assertAvailable(app);
        const limit = parseLimit(ctx.query.get('limit'), { def: 100, min: 1, max: 1000 });
        const sourceGroupId = ctx.query.get('sourceGroupId');
        const status = ctx.query.get('status');
        // Parsed once, before paging: a bad date is the caller's mistake (400), not a crash per item.
        const lastUpdatedParam = ctx.query.get('lastUpdated');
        const since = lastUpdatedParam ? new Date(lastUpdatedParam) : undefined;
        if (since && Number.isNaN(since.getTime())) throw validationFailed('lastUpdated', 'lastUpdated: Must be a date like 2026-01-31T00:00:00Z');
        const sinceIso = since?.toISOString();
        const page = pageAscending([...app.pushMappings.values()], decodeCursor(ctx.query.get('after')), limit, (m) =>
          (!sourceGroupId || m.sourceGroupId === sourceGroupId) &&
          (!status || m.status === status) &&
          (!sinceIso || m.lastUpdated >= sinceIso),
        );
        return pageResult(ctx, page, (m) => renderPushMapping(store, app, m));
      },
    },
    {
      method: 'POST', path: '/api/v1/apps/:appId/group-push/mappings', access: 'manage',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        directory.pushMappings.assertAvailable(app);
        const body = ctx.body;
        if (!isObject(body) || typeof body.sourceGroupId !== 'string' || body.sourceGroupId === '') {
          throw validationFailed('sourceGroupId', 'sourceGroupId: The field cannot be left blank');
        }
        const hasId = typeof body.targetGroupId === 'string' && body.targetGroupId !== '';
        const hasName = typeof body.targetGroupName === 'string' && body.targetGroupName.trim() !== '';
        if (hasId === hasName) {
          throw validationFailed('targetGroupId', 'Either targetGroupId or targetGroupName must be provided, but not both.');
        }
        const status = body.status ?? 'ACTIVE';
        if (status !== 'ACTIVE' && status !== 'INACTIVE') throw validationFailed('status', 'status: Must be ACTIVE or INACTIVE');
        const source = store.groupsById.get(body.sourceGroupId);
        if (!source || source.type === 'APP_GROUP') throw validationFailed('sourceGroupId', `sourceGroupId: No Okta group ${body.sourceGroupId} exists.`);
        const mapping = directory.pushMappings.create(
          app,
          source,
          hasId ? { id: body.targetGroupId as string } : { name: (body.targetGroupName as string).trim() },
          status,
        );
        return created(renderPushMapping(store, app, mapping));
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/group-push/mappings/:mappingId', access: 'read',
      handler: (ctx) => {
        const { app, m } = pushMapping(ctx.params.appId!, ctx.params.mappingId!);
        return ok(renderPushMapping(store, app, m));
      },
    },
    {
      method: 'PATCH', path: '/api/v1/apps/:appId/group-push/mappings/:mappingId', access: 'manage',
      handler: (ctx) => {
        const { app, m } = pushMapping(ctx.params.appId!, ctx.params.mappingId!);
        const status = isObject(ctx.body) ? ctx.body.status : undefined;
        if (status !== 'ACTIVE' && status !== 'INACTIVE') throw validationFailed('status', 'status: Must be ACTIVE or INACTIVE');
        directory.pushMappings.setStatus(app, m, status);
        return ok(renderPushMapping(store, app, m));
      },
    },
    {
      method: 'DELETE', path: '/api/v1/apps/:appId/group-push/mappings/:mappingId', access: 'manage',
      handler: (ctx) => {
        const { app, m } = pushMapping(ctx.params.appId!, ctx.params.mappingId!);
        const deleteTargetGroup = boolParam(ctx.query, 'deleteTargetGroup');
        if (deleteTargetGroup === undefined) throw validationFailed('deleteTargetGroup', 'deleteTargetGroup: The parameter is required');
        directory.pushMappings.remove(app, m, deleteTargetGroup);
        return { status: 204 };
      },
    },
  ];
}
