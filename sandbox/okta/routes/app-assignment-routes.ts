import { notFound, validationFailed } from '../okta-errors';
import { ok, type RouteSpec } from '../okta-http';
import { decodeCursor, pageAscending, parseLimit } from '../okta-pagination';
import { renderAppGroup, renderAppUser } from '../okta-render';
import { isObject, pageResult, type RouteDeps } from './route-deps';

/** App users (listApplicationUsers, assign, get, unassign) and app groups (assign/list/get/unassign). */
export function appAssignmentRoutes({ store, directory }: RouteDeps): RouteSpec[] {
  return [
    {
      method: 'GET', path: '/api/v1/apps/:appId/users', access: 'read',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        const limit = parseLimit(ctx.query.get('limit'), { def: 50, min: 1, max: 500 });
        const q = ctx.query.get('q')?.toLowerCase();
        const expandUser = ctx.query.get('expand') === 'user';
        const page = pageAscending([...app.users.values()], decodeCursor(ctx.query.get('after')), limit, (au) => {
          if (!q) return true;
          const p = store.usersById.get(au.userId)?.profile;
          // "startsWith on userName, firstName, lastName and email"
          return [au.userName, p?.firstName, p?.lastName, p?.email].some((v) => typeof v === 'string' && v.toLowerCase().startsWith(q));
        });
        return pageResult(ctx, page, (au) => renderAppUser(store, app, au, expandUser));
      },
    },
    {
      method: 'POST', path: '/api/v1/apps/:appId/users', access: 'manage',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        const body = ctx.body;
        if (!isObject(body) || typeof body.id !== 'string' || body.id === '') throw validationFailed('id', 'id: The field cannot be left blank');
        const user = directory.user(body.id);
        const creds = isObject(body.credentials) ? body.credentials : {};
        const userName = typeof creds.userName === 'string' ? creds.userName : undefined;
        if (userName !== undefined && (userName.length < 1 || userName.length > 100)) {
          throw validationFailed('credentials.userName', 'userName: Must be between 1 and 100 characters');
        }
        const au = directory.assignUser(app, user, userName, isObject(body.profile) ? body.profile : undefined);
        return ok(renderAppUser(store, app, au, false));
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/users/:userId', access: 'read',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        const au = app.users.get(ctx.params.userId!);
        if (!au) throw notFound(ctx.params.userId!, 'AppUser');
        return ok(renderAppUser(store, app, au, ctx.query.get('expand') === 'user'));
      },
    },
    {
      method: 'DELETE', path: '/api/v1/apps/:appId/users/:userId', access: 'manage',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        directory.unassignUser(app, directory.user(ctx.params.userId!));
        return { status: 204 };
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/groups', access: 'read',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        const limit = parseLimit(ctx.query.get('limit'), { def: 20, min: 20, max: 200 });
        const q = ctx.query.get('q')?.toLowerCase();
        const expand = ctx.query.get('expand');
        const page = pageAscending([...app.groups.values()], decodeCursor(ctx.query.get('after')), limit, (rec) => {
          if (!q) return true;
          return (store.groupsById.get(rec.groupId)?.name.toLowerCase() ?? '').startsWith(q);
        });
        return pageResult(ctx, page, (rec) => renderAppGroup(store, app, rec, expand));
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/groups/:groupId', access: 'read',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        const rec = app.groups.get(ctx.params.groupId!);
        if (!rec) throw notFound(ctx.params.groupId!, 'ApplicationGroupAssignment');
        return ok(renderAppGroup(store, app, rec, ctx.query.get('expand')));
      },
    },
    {
      method: 'PUT', path: '/api/v1/apps/:appId/groups/:groupId', access: 'manage',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        const group = directory.group(ctx.params.groupId!);
        // The body is optional (required: false).
        const body = ctx.body === undefined ? {} : ctx.body;
        if (!isObject(body)) throw validationFailed('applicationGroupAssignment', 'The request body must be an object.');
        if (body.priority !== undefined && (!Number.isInteger(body.priority) || (body.priority as number) < 0)) {
          throw validationFailed('priority', 'priority: Must be a non-negative integer');
        }
        if (body.profile !== undefined && !isObject(body.profile)) throw validationFailed('profile', 'profile: Must be an object');
        const rec = directory.assignGroup(app, group, body.priority as number | undefined, body.profile as Record<string, unknown> | undefined);
        return ok(renderAppGroup(store, app, rec));
      },
    },
    {
      method: 'DELETE', path: '/api/v1/apps/:appId/groups/:groupId', access: 'manage',
      handler: (ctx) => {
        const app = directory.app(ctx.params.appId!);
        const group = directory.group(ctx.params.groupId!);
        directory.unassignGroup(app, group);
        return { status: 204 };
      },
    },
  ];
}
