import { invalidSearch, validationFailed } from '../okta-errors';
import { type FilterNode, type FilterOp, matchFilter, parseFilter, readPath } from '../okta-filter';
import { ok, type RouteSpec } from '../okta-http';
import { decodeCursor, pageAscending, parseLimit } from '../okta-pagination';
import { renderUser } from '../okta-render';
import type { UserRecord } from '../okta-store';
import { isObject, pageResult, type RouteDeps } from './route-deps';

const DATE_ATTRS = new Set(['created', 'activated', 'statusChanged', 'lastUpdated', 'lastLogin', 'passwordChanged']);
const CO_ATTRS = new Set(['profile.firstName', 'profile.lastName', 'profile.email', 'profile.login']);
const FILTER_ATTRS = new Set(['status', 'lastUpdated', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName']);

/**
 * `search`: eq/sw/co (co only on names, email, login), and range operators on dates and status
 * (the spec's `status lt "STAGED" or status gt "STAGED"` workaround). `ne` is refused, as is
 * `pr`, which the spec never documents (the fact sheet tells the product to find missing
 * primaryPhone values client-side).
 */
const searchPolicy = (attr: string, op: FilterOp) => {
  if (op === 'ne') throw invalidSearch('The ne (not equal) operator is not supported');
  if (op === 'pr' || op === 'ew') throw invalidSearch(`The ${op} operator is not supported`);
  if (op === 'co' && !CO_ATTRS.has(attr)) throw invalidSearch(`co is only supported on ${[...CO_ATTRS].join(', ')}`);
  if (['gt', 'ge', 'lt', 'le'].includes(op) && !DATE_ATTRS.has(attr) && attr !== 'status') {
    throw invalidSearch(`${op} is only supported on dates and status`);
  }
  if (!attr.startsWith('profile.') && !DATE_ATTRS.has(attr) && !['id', 'status', 'type.id'].includes(attr)) {
    throw invalidSearch(`Unsupported search attribute ${attr}`);
  }
};

/** `filter`: only a handful of attributes, eq only (lastUpdated also allows ranges). */
const filterPolicy = (attr: string, op: FilterOp) => {
  if (!FILTER_ATTRS.has(attr)) throw invalidSearch(`Filtering on ${attr} is not supported`);
  if (op !== 'eq' && !(attr === 'lastUpdated' && ['gt', 'ge', 'lt', 'le'].includes(op))) {
    throw invalidSearch(`The ${op} operator is not supported for filter`);
  }
};

const userAttr = (u: UserRecord) => (attr: string) => (attr === 'type.id' ? 'oty1sandboxdefault0' : readPath(u, attr));

const PROFILE_LIMITS: Record<string, { min?: number; max: number }> = {
  primaryPhone: { max: 100 },
  mobilePhone: { max: 100 },
  firstName: { min: 1, max: 50 },
  lastName: { min: 1, max: 50 },
  email: { min: 5, max: 100 },
  login: { min: 5, max: 100 },
  secondEmail: { max: 100 },
  city: { max: 128 },
  state: { max: 128 },
  zipCode: { max: 50 },
  countryCode: { max: 2 },
  streetAddress: { max: 1024 },
  postalAddress: { max: 4096 },
};
const NOT_NULLABLE = new Set(['email', 'login']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validateProfilePatch(patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (NOT_NULLABLE.has(key)) throw validationFailed(key, `${key}: The field cannot be left blank`);
      continue;
    }
    const rule = PROFILE_LIMITS[key];
    if (rule) {
      if (typeof value !== 'string') throw validationFailed(key, `${key}: Must be a string`);
      if (value.length > rule.max) throw validationFailed(key, `${key}: The field cannot exceed ${rule.max} characters`);
      if (rule.min !== undefined && value.length < rule.min) throw validationFailed(key, `${key}: The field must be at least ${rule.min} characters`);
    }
    if ((key === 'email' || key === 'secondEmail') && !EMAIL.test(String(value))) {
      throw validationFailed(key, `${key}: Does not match required pattern`);
    }
  }
}

/** Users: list/search, get by id or login, partial update. */
export function usersRoutes({ store, directory }: RouteDeps): RouteSpec[] {
  return [
    {
      method: 'GET', path: '/api/v1/users', access: 'read',
      handler: (ctx) => {
        const q = ctx.query.get('q');
        const search = ctx.query.get('search');
        const filterText = ctx.query.get('filter');
        if (q) {
          // q: startsWith on firstName/lastName/email, default limit 10, no paging.
          const limit = parseLimit(ctx.query.get('limit'), { def: 10, min: 1, max: 200 });
          const needle = q.toLowerCase();
          const items: UserRecord[] = [];
          for (const u of store.users) {
            if (items.length >= limit) break;
            if (u.status === 'DEPROVISIONED') continue;
            const p = u.profile;
            if ([p.firstName, p.lastName, p.email].some((v) => typeof v === 'string' && v.toLowerCase().startsWith(needle))) items.push(u);
          }
          return pageResult(ctx, { items }, (u) => renderUser(store, u));
        }
        const nodes: FilterNode[] = [];
        if (search) nodes.push(parseFilter(search, searchPolicy));
        if (filterText) nodes.push(parseFilter(filterText, filterPolicy));
        const limit = parseLimit(ctx.query.get('limit'), { def: 200, min: 1, max: 200 });
        const keep =
          nodes.length === 0
            ? (u: UserRecord) => u.status !== 'DEPROVISIONED'
            : (u: UserRecord) => nodes.every((n) => matchFilter(n, userAttr(u)));
        const page = pageAscending(store.users, decodeCursor(ctx.query.get('after')), limit, keep);
        return pageResult(ctx, page, (u) => renderUser(store, u));
      },
    },
    {
      method: 'GET', path: '/api/v1/users/:id', access: 'read',
      handler: (ctx) => ok(renderUser(store, directory.user(ctx.params.id!))),
    },
    {
      method: 'POST', path: '/api/v1/users/:id', access: 'manage',
      handler: (ctx) => {
        const user = directory.user(ctx.params.id!);
        const body = ctx.body;
        if (!isObject(body)) throw validationFailed('user', 'The request body must be a user object.');
        if (body.profile !== undefined) {
          if (!isObject(body.profile)) throw validationFailed('profile', 'profile: Must be an object');
          validateProfilePatch(body.profile);
          directory.updateUserProfile(user, body.profile);
        }
        return ok(renderUser(store, user));
      },
    },
  ];
}
