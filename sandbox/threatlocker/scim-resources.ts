/**
 * Wires SCIMMY's User and Group resources to simulator stores.
 *
 * SCIMMY keeps process-wide state: `Resources.declare` and the ingress/egress/degress handlers are
 * set once per process, not per server. So the handlers declared here hold no data; every call
 * receives a ScimContext (from scimmy-routers' `context` callback, evaluated per request by the
 * router of the simulator that received it) and works on that context's store. That is what lets
 * several simulators live in one process (tests do it) with separate data.
 */
import SCIMMY from 'scimmy';
import { matchesFilter } from './scim-filter';
import { ScimFault, type ScimStore, type StoredGroup, type StoredUser } from './scim-store';

/** Page size when the client sends no `count`, and the cap on `count` (advertised as filter.maxResults). */
export const MAX_RESULTS = 200;

/** The per-request handle passed to the shared SCIMMY handlers. */
export class ScimContext {
  constructor(readonly store: ScimStore) {}
}

// RFC 7643: ids are caseExact; userName, displayName, names and e-mails are not.
const userCaseExact: ReadonlySet<string> = new Set(['id']);
const groupCaseExact: ReadonlySet<string> = new Set(['id', 'members.value']);

export function userToScim(user: StoredUser): Record<string, unknown> {
  const name: Record<string, string> = {};
  if (user.givenName !== undefined) name.givenName = user.givenName;
  if (user.familyName !== undefined) name.familyName = user.familyName;
  return {
    id: user.id,
    userName: user.userName,
    ...(Object.keys(name).length ? { name } : {}),
    active: user.active,
    // ThreatLocker keeps no separate e-mail: userName *is* the administrator's e-mail address, so
    // this read-only echo is derived from it (incoming `emails` are ignored). Okta and SCIM
    // checkers expect emails[].value on every user.
    emails: [{ value: user.userName, type: 'work', primary: true }],
    meta: { created: user.created, lastModified: user.lastModified },
  };
}

export function groupToScim(group: StoredGroup, store: ScimStore): Record<string, unknown> {
  return {
    id: group.id,
    displayName: group.displayName,
    // `display` is derived from the member's current userName; whatever the IdP sent is ignored.
    members: group.memberIds.map((id) => {
      const user = store.findUser(id);
      return user ? { value: id, display: user.userName } : { value: id };
    }),
    meta: { created: group.created, lastModified: group.lastModified },
  };
}

function storeOf(ctx: unknown): ScimStore {
  if (ctx instanceof ScimContext) return ctx.store;
  // Only reachable if some other code drives SCIMMY's resources without our router.
  throw new SCIMMY.Types.Error(500, null as unknown as string, 'SCIM request reached the ThreatLocker simulator without a simulator context');
}

/** Store faults become SCIM errors with the right status/scimType instead of SCIMMY's 404/500 guesses. */
async function scimErrors<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ScimFault) {
      throw new SCIMMY.Types.Error(error.status, (error.scimType ?? null) as unknown as string, error.detail);
    }
    throw error;
  }
}

type AnyResource = InstanceType<typeof SCIMMY.Types.Resource>;
type SchemaClass = new (resource: unknown, direction?: string, basepath?: string, filters?: SCIMMY.Types.Filter) => SCIMMY.Types.Schema;

/**
 * A list read (GET /Users, /Groups, POST /.search), done here rather than in SCIMMY's read():
 * - SCIMMY leaves filtering to egress and its Filter.match is case-sensitive (see scim-filter.ts);
 * - its ListResponse echoes `count` as itemsPerPage (wrong on a last page), defaults count to 20,
 *   and slices the array it is given, so egress would have to return *every* match and SCIMMY
 *   would format all of them: a page of 100 out of 5,000 admins cost about a second.
 * Only the requested page is formatted; itemsPerPage is the number returned; sortBy is ignored
 * because sorting is advertised as unsupported (results keep their stable creation order).
 */
function listResponse(resource: AnyResource, records: Record<string, unknown>[], caseExact: ReadonlySet<string>, Schema: SchemaClass, basepath: string) {
  const matched = resource.filter ? records.filter((r) => matchesFilter(resource.filter!, r, caseExact)) : records;
  const requested = resource.constraints ?? {};
  const startIndex = requested.startIndex ?? 1;
  const count = Math.min(requested.count ?? MAX_RESULTS, MAX_RESULTS);
  const page = matched.slice(startIndex - 1, startIndex - 1 + count);
  // Built empty (so its own slicing has nothing to cut), then given the page.
  const list = new SCIMMY.Messages.ListResponse<SCIMMY.Types.Schema>([], { startIndex, itemsPerPage: page.length, totalResults: matched.length });
  list.Resources = page.map((r) => new Schema(r, 'out', basepath, resource.attributes));
  return list;
}

/** SCIMMY's User with list reads replaced; single-resource reads, writes and PATCH stay SCIMMY's. */
class ThreatLockerUser extends SCIMMY.Resources.User {
  override async read(ctx?: unknown) {
    if (this.id) return super.read(ctx);
    return scimErrors(() =>
      listResponse(this, storeOf(ctx).listUsers().map(userToScim), userCaseExact, SCIMMY.Schemas.User, SCIMMY.Resources.User.basepath() as string),
    ) as never;
  }
}

class ThreatLockerGroup extends SCIMMY.Resources.Group {
  override async read(ctx?: unknown) {
    if (this.id) return super.read(ctx);
    return scimErrors(() => {
      const store = storeOf(ctx);
      const records = store.listGroups().map((g) => groupToScim(g, store));
      return listResponse(this, records, groupCaseExact, SCIMMY.Schemas.Group, SCIMMY.Resources.Group.basepath() as string);
    }) as never;
  }
}

let declared = false;

/** Declares User and Group to SCIMMY once per process. Must run before a router is built. */
export function declareScimResources(): void {
  if (declared) return;
  if (SCIMMY.Resources.declared('User') || SCIMMY.Resources.declared('Group')) {
    throw new Error(
      'SCIMMY already has User/Group resources declared by other code in this process; the ThreatLocker simulator needs to own them (SCIMMY resource declarations are process-wide).',
    );
  }

  SCIMMY.Resources.declare(ThreatLockerUser, {
    name: 'User',
    ingress: (resource: AnyResource, instance: unknown, ctx: unknown) =>
      scimErrors(() => {
        const store = storeOf(ctx);
        const input = instance as Parameters<ScimStore['createUser']>[0];
        const user = resource.id ? store.replaceUser(resource.id, input) : store.createUser(input);
        return userToScim(user);
      }),
    // Only single-resource reads get here (list reads are ThreatLockerUser.read). An unknown id
    // must throw a 404 SCIM error: returning nothing makes SCIMMY answer 500.
    egress: (resource: AnyResource, ctx: unknown) => scimErrors(() => userToScim(storeOf(ctx).getUser(resource.id!))),
    degress: (resource: AnyResource, ctx: unknown) => scimErrors(() => storeOf(ctx).deleteUser(resource.id!)),
  });

  SCIMMY.Resources.declare(ThreatLockerGroup, {
    name: 'Group',
    ingress: (resource: AnyResource, instance: unknown, ctx: unknown) =>
      scimErrors(() => {
        const store = storeOf(ctx);
        const input = instance as Parameters<ScimStore['createGroup']>[0];
        const group = resource.id ? store.replaceGroup(resource.id, input) : store.createGroup(input);
        return groupToScim(group, store);
      }),
    egress: (resource: AnyResource, ctx: unknown) =>
      scimErrors(() => {
        const store = storeOf(ctx);
        return groupToScim(store.getGroup(resource.id!), store);
      }),
    degress: (resource: AnyResource, ctx: unknown) => scimErrors(() => storeOf(ctx).deleteGroup(resource.id!)),
  });

  declared = true;
}

/**
 * The truthful ServiceProviderConfig. scimmy-routers' constructor sets patch/filter/sort/bulk to
 * true and appends an authentication scheme on every construction, so this runs after each one.
 */
export function configureServiceProvider(): void {
  SCIMMY.Config.set({
    patch: true,
    bulk: false,
    sort: false,
    etag: false,
    changePassword: false,
    filter: { supported: true, maxResults: MAX_RESULTS },
    authenticationSchemes: [],
  });
  SCIMMY.Config.set({
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'The API token from the SCIM Integration sidebar (Generate API Token), sent as "Authorization: Bearer <token>"',
        specUri: 'https://datatracker.ietf.org/doc/html/rfc6750',
        primary: true,
      },
    ],
  });
}
