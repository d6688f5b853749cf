import { invalidSearch } from '../okta-errors';
import { type FilterNode, type FilterOp, matchFilter, parseFilter } from '../okta-filter';
import { ok, type RouteSpec } from '../okta-http';
import { decodeCursor, pageAscending, parseLimit } from '../okta-pagination';
import { renderGroup, renderRule, renderUser } from '../okta-render';
import type { GroupRecord } from '../okta-store';
import { pageResult, type RouteDeps } from './route-deps';

const GROUP_DATE_ATTRS = new Set(['created', 'lastUpdated', 'lastMembershipUpdated']);

const searchPolicy = (attr: string, op: FilterOp) => {
  if (op === 'ne' || op === 'pr' || op === 'ew') throw invalidSearch(`The ${op} operator is not supported`);
  if (op === 'co' && attr !== 'profile.name' && attr !== 'profile.description') {
    throw invalidSearch('co is only supported on profile.name and profile.description');
  }
  if (!attr.startsWith('profile.') && !GROUP_DATE_ATTRS.has(attr) && !['id', 'type', 'source.id'].includes(attr)) {
    throw invalidSearch(`Unsupported search attribute ${attr}`);
  }
};

const filterPolicy = (attr: string, op: FilterOp) => {
  if (!['id', 'type', 'lastUpdated', 'lastMembershipUpdated'].includes(attr)) throw invalidSearch(`Filtering on ${attr} is not supported`);
  if (op !== 'eq' && !(GROUP_DATE_ATTRS.has(attr) && ['gt', 'ge', 'lt', 'le'].includes(op))) {
    throw invalidSearch(`The ${op} operator is not supported for filter`);
  }
};

const groupAttr = (g: GroupRecord) => (attr: string): unknown => {
  switch (attr) {
    case 'id': return g.id;
    case 'type': return g.type;
    case 'created': return g.created;
    case 'lastUpdated': return g.lastUpdated;
    case 'lastMembershipUpdated': return g.lastMembershipUpdated;
    case 'source.id': return g.sourceAppId;
    case 'profile.name': return g.name;
    case 'profile.description': return g.description;
    default: return undefined;
  }
};

/** Groups, members, and group (membership) rules. */
export function groupsRoutes({ store, directory }: RouteDeps): RouteSpec[] {
  return [
    {
      // Declared before /groups/:groupId so "rules" is not taken for a group id.
      method: 'GET', path: '/api/v1/groups/rules', access: 'read',
      handler: (ctx) => {
        const limit = parseLimit(ctx.query.get('limit'), { def: 50, min: 1, max: 200 });
        const search = ctx.query.get('search')?.toLowerCase();
        const expandNames = ctx.query.get('expand')?.includes('groupIdToGroupNameMap') ?? false;
        const page = pageAscending(store.rules, decodeCursor(ctx.query.get('after')), limit, (r) => !search || r.name.toLowerCase().includes(search));
        return pageResult(ctx, page, (r) => renderRule(store, r, expandNames));
      },
    },
    {
      method: 'GET', path: '/api/v1/groups', access: 'read',
      handler: (ctx) => {
        const q = ctx.query.get('q');
        const search = ctx.query.get('search');
        const filterText = ctx.query.get('filter');
        const expand = ctx.query.get('expand');
        if (q) {
          // "Paging and searching are currently mutually exclusive"; default 300 results.
          const limit = parseLimit(ctx.query.get('limit'), { def: 300, min: 1, max: 10000 });
          const needle = q.toLowerCase();
          const items = store.groups.filter((g) => g.name.toLowerCase().startsWith(needle)).slice(0, limit);
          return pageResult(ctx, { items }, (g) => renderGroup(store, g, expand));
        }
        const nodes: FilterNode[] = [];
        if (search) nodes.push(parseFilter(search, searchPolicy));
        if (filterText) nodes.push(parseFilter(filterText, filterPolicy));
        const limit = parseLimit(ctx.query.get('limit'), { def: 10000, min: 1, max: 10000 });
        const page = pageAscending(store.groups, decodeCursor(ctx.query.get('after')), limit, (g) => nodes.every((n) => matchFilter(n, groupAttr(g))));
        return pageResult(ctx, page, (g) => renderGroup(store, g, expand));
      },
    },
    {
      method: 'GET', path: '/api/v1/groups/:groupId', access: 'read',
      handler: (ctx) => ok(renderGroup(store, directory.group(ctx.params.groupId!), ctx.query.get('expand'))),
    },
    {
      method: 'GET', path: '/api/v1/groups/:groupId/users', access: 'read',
      handler: (ctx) => {
        const group = directory.group(ctx.params.groupId!);
        const limit = parseLimit(ctx.query.get('limit'), { def: 1000, min: 1, max: 10000 });
        const page = pageAscending(store.membersOf(group), decodeCursor(ctx.query.get('after')), limit);
        return pageResult(ctx, page, (u) => renderUser(store, u));
      },
    },
    {
      method: 'PUT', path: '/api/v1/groups/:groupId/users/:userId', access: 'manage',
      handler: (ctx) => {
        directory.addGroupMember(directory.group(ctx.params.groupId!), directory.user(ctx.params.userId!));
        return { status: 204 };
      },
    },
    {
      method: 'DELETE', path: '/api/v1/groups/:groupId/users/:userId', access: 'manage',
      handler: (ctx) => {
        directory.removeGroupMember(directory.group(ctx.params.groupId!), directory.user(ctx.params.userId!));
        return { status: 204 };
      },
    },
  ];
}
