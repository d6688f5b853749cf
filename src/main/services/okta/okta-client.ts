import { z } from 'zod';
import type { HttpClient, HttpMethod, HttpRequestOptions } from '../net/http-client';
import { probeOktaPermissions, type PermissionProbeResult } from './okta-permission-probe';
import { forSignIn } from './okta-scope-errors';
import {
  oktaAppGroupSchema,
  oktaAppSchema,
  oktaAppUserSchema,
  oktaConnectionSchema,
  oktaFeatureSchema,
  oktaGroupPushMappingSchema,
  oktaGroupRuleSchema,
  oktaGroupSchema,
  oktaJsonWebKeySchema,
  oktaLogEventSchema,
  oktaUserSchema,
  type AssignGroupToAppBody,
  type AssignUserToAppBody,
  type CreateGroupPushMappingBody,
  type OktaApp,
  type OktaAppGroup,
  type OktaAppUser,
  type OktaCapabilities,
  type OktaConnection,
  type OktaFeature,
  type OktaFeatureName,
  type OktaGroup,
  type OktaGroupPushMapping,
  type OktaGroupRule,
  type OktaJsonWebKey,
  type OktaLogEvent,
  type OktaUser,
  type OktaUserProfile,
  type SamlAppCreateBody,
} from './okta-schemas';

export interface OktaToken {
  /** SSWS for an API token, Bearer for an OAuth 2.0 access token. */
  kind: 'SSWS' | 'Bearer';
  value: string;
}

export interface OktaClientOptions {
  /** Org origin, e.g. https://acme.okta.com (normalizeOktaOrgUrl gives it). */
  orgUrl: string;
  /** Asked on every call, so a token rotated in the keychain is picked up at once. */
  getToken: () => Promise<OktaToken>;
  http: HttpClient;
}

/** createGroupRule's body without `type` (always group_rule). */
export interface GroupRuleBody {
  name: string;
  conditions: { expression: { value: string; type: 'urn:okta:expression:1.0' } };
  actions: { assignUserToGroups: { groupIds: string[] } };
}

type Query = Record<string, string | number | boolean | undefined>;

/**
 * Okta Management API, the parts the console uses. Paths and parameters follow
 * ../shared/reference/okta-api.md; lists are async iterators that follow Link rel="next".
 */
export class OktaClient {
  readonly orgUrl: string;
  private readonly getToken: () => Promise<OktaToken>;
  private readonly http: HttpClient;

  constructor(opts: OktaClientOptions) {
    this.orgUrl = new URL(opts.orgUrl).origin;
    this.getToken = opts.getToken;
    this.http = opts.http;
  }

  // ---------------------------------------------------------------- apps

  listApps(opts: { q?: string; filter?: string; limit?: number; includeNonDeleted?: boolean } = {}): AsyncGenerator<OktaApp> {
    return this.list('/api/v1/apps', { limit: opts.limit ?? 200, q: opts.q, filter: opts.filter, includeNonDeleted: opts.includeNonDeleted }, oktaAppSchema);
  }

  /**
   * Apps whose label is exactly `label`. Okta cannot filter on label; `q` is a startsWith on
   * name or label, so the exact match (and skipping DELETED) happens here.
   */
  async findAppsByLabel(label: string): Promise<OktaApp[]> {
    const found: OktaApp[] = [];
    for await (const app of this.listApps({ q: label })) {
      if (app.label === label && app.status !== 'DELETED') found.push(app);
    }
    return found;
  }

  getApp(appId: string): Promise<OktaApp> {
    return this.call('GET', `/api/v1/apps/${seg(appId)}`, { schema: oktaAppSchema });
  }

  /**
   * Creates the app. Never retried on a 5xx or dropped connection (see http-client): a
   * second POST could create a second app. Callers re-check with findAppsByLabel instead.
   */
  createSamlApp(body: SamlAppCreateBody, opts: { activate?: boolean } = {}): Promise<OktaApp> {
    return this.call('POST', '/api/v1/apps', { query: { activate: opts.activate ?? true }, json: body, schema: oktaAppSchema });
  }

  /** Full replace: pass what getApp returned, modified (loose schemas keep every field). */
  replaceApp(appId: string, app: OktaApp | Record<string, unknown>): Promise<OktaApp> {
    return this.call('PUT', `/api/v1/apps/${seg(appId)}`, { json: app, schema: oktaAppSchema });
  }

  /** Activating an active app changes nothing, so repeating it after a dropped answer is safe. */
  async activateApp(appId: string): Promise<void> {
    await this.call('POST', `/api/v1/apps/${seg(appId)}/lifecycle/activate`, { idempotent: true });
  }

  /** The IdP metadata XML (issuer, SSO URL, signing certificate) for the key `kid`. */
  getSamlMetadata(appId: string, kid: string): Promise<string> {
    return this.call('GET', `/api/v1/apps/${seg(appId)}/sso/saml/metadata`, {
      query: { kid },
      accept: 'text/xml',
      schema: z.string().min(1, 'empty metadata'),
    });
  }

  listAppKeys(appId: string): Promise<OktaJsonWebKey[]> {
    return collect(this.list(`/api/v1/apps/${seg(appId)}/credentials/keys`, {}, oktaJsonWebKeySchema));
  }

  listAppUsers(appId: string, opts: { expand?: 'user'; q?: string; limit?: number } = {}): AsyncGenerator<OktaAppUser> {
    return this.list(`/api/v1/apps/${seg(appId)}/users`, { limit: opts.limit ?? 500, expand: opts.expand, q: opts.q }, oktaAppUserSchema);
  }

  getAppUser(appId: string, userId: string, opts: { expand?: 'user' } = {}): Promise<OktaAppUser> {
    return this.call('GET', `/api/v1/apps/${seg(appId)}/users/${seg(userId)}`, { query: { expand: opts.expand }, schema: oktaAppUserSchema });
  }

  /** The assignment is keyed by the user id, so a repeated POST cannot create a second one. */
  assignUserToApp(appId: string, body: AssignUserToAppBody): Promise<OktaAppUser> {
    return this.call('POST', `/api/v1/apps/${seg(appId)}/users`, { json: body, schema: oktaAppUserSchema, idempotent: true });
  }

  assignGroupToApp(appId: string, groupId: string, body?: AssignGroupToAppBody): Promise<OktaAppGroup> {
    return this.call('PUT', `/api/v1/apps/${seg(appId)}/groups/${seg(groupId)}`, { json: body ?? {}, schema: oktaAppGroupSchema });
  }

  listAppGroups(appId: string, opts: { expand?: 'group' | 'metadata'; q?: string; limit?: number } = {}): AsyncGenerator<OktaAppGroup> {
    return this.list(`/api/v1/apps/${seg(appId)}/groups`, { limit: opts.limit ?? 200, expand: opts.expand, q: opts.q }, oktaAppGroupSchema);
  }

  async unassignGroup(appId: string, groupId: string): Promise<void> {
    await this.call('DELETE', `/api/v1/apps/${seg(appId)}/groups/${seg(groupId)}`);
  }

  // ------------------------------------------------------ provisioning

  /** Fails with VALIDATION ("Provisioning is not enabled for the app instance.") until SCIM is on. */
  listFeatures(appId: string): Promise<OktaFeature[]> {
    return collect(this.list(`/api/v1/apps/${seg(appId)}/features`, {}, oktaFeatureSchema));
  }

  getFeature(appId: string, name: OktaFeatureName = 'USER_PROVISIONING'): Promise<OktaFeature> {
    return this.call('GET', `/api/v1/apps/${seg(appId)}/features/${seg(name)}`, { schema: oktaFeatureSchema });
  }

  updateFeature(appId: string, name: OktaFeatureName, capabilities: OktaCapabilities): Promise<OktaFeature> {
    return this.call('PUT', `/api/v1/apps/${seg(appId)}/features/${seg(name)}`, { json: capabilities, schema: oktaFeatureSchema });
  }

  getDefaultConnection(appId: string): Promise<OktaConnection> {
    return this.call('GET', `/api/v1/apps/${seg(appId)}/connections/default`, { schema: oktaConnectionSchema });
  }

  listGroupPushMappings(appId: string, opts: { sourceGroupId?: string; status?: string; limit?: number } = {}): AsyncGenerator<OktaGroupPushMapping> {
    return this.list(
      `/api/v1/apps/${seg(appId)}/group-push/mappings`,
      { limit: opts.limit ?? 1000, sourceGroupId: opts.sourceGroupId, status: opts.status },
      oktaGroupPushMappingSchema,
    );
  }

  /** Not retried on 5xx: a repeated POST with targetGroupName could push a second group. */
  createGroupPushMapping(appId: string, body: CreateGroupPushMappingBody): Promise<OktaGroupPushMapping> {
    return this.call('POST', `/api/v1/apps/${seg(appId)}/group-push/mappings`, { json: body, schema: oktaGroupPushMappingSchema });
  }

  /** Setting a status is the same on every repeat. */
  updateGroupPushMapping(appId: string, mappingId: string, body: { status: 'ACTIVE' | 'INACTIVE' }): Promise<OktaGroupPushMapping> {
    return this.call('PATCH', `/api/v1/apps/${seg(appId)}/group-push/mappings/${seg(mappingId)}`, {
      json: body,
      schema: oktaGroupPushMappingSchema,
      idempotent: true,
    });
  }

  /** The mapping must be INACTIVE first (Okta's rule). */
  async deleteGroupPushMapping(appId: string, mappingId: string, opts: { deleteTargetGroup?: boolean } = {}): Promise<void> {
    await this.call('DELETE', `/api/v1/apps/${seg(appId)}/group-push/mappings/${seg(mappingId)}`, {
      query: { deleteTargetGroup: opts.deleteTargetGroup ?? false },
    });
  }

  // ---------------------------------------------------- users and groups

  listUsers(opts: { search?: string; filter?: string; q?: string; limit?: number } = {}): AsyncGenerator<OktaUser> {
    return this.list('/api/v1/users', { limit: opts.limit ?? 200, search: opts.search, filter: opts.filter, q: opts.q }, oktaUserSchema);
  }

  getUser(idOrLogin: string): Promise<OktaUser> {
    return this.call('GET', `/api/v1/users/${seg(idOrLogin)}`, { schema: oktaUserSchema });
  }

  /**
   * Partial update (POST, unlike PUT, leaves unnamed attributes alone). Setting the same values
   * twice has the same result, so it is retried like a PUT.
   */
  updateUserProfile(id: string, partialProfile: Partial<OktaUserProfile> & Record<string, unknown>): Promise<OktaUser> {
    return this.call('POST', `/api/v1/users/${seg(id)}`, { json: { profile: partialProfile }, schema: oktaUserSchema, idempotent: true });
  }

  listGroups(opts: { q?: string; search?: string; filter?: string; expand?: 'stats' | 'app'; limit?: number } = {}): AsyncGenerator<OktaGroup> {
    return this.list(
      '/api/v1/groups',
      { limit: opts.limit ?? 200, q: opts.q, search: opts.search, filter: opts.filter, expand: opts.expand },
      oktaGroupSchema,
    );
  }

  getGroup(groupId: string): Promise<OktaGroup> {
    return this.call('GET', `/api/v1/groups/${seg(groupId)}`, { schema: oktaGroupSchema });
  }

  listGroupMembers(groupId: string, opts: { limit?: number } = {}): AsyncGenerator<OktaUser> {
    // 1000 is the most Okta serves per page here: the budget is shared with the whole org.
    return this.list(`/api/v1/groups/${seg(groupId)}/users`, { limit: opts.limit ?? 1000 }, oktaUserSchema);
  }

  /** An Okta group (type OKTA_GROUP). Not retried: a lost answer may hide a group that was made. */
  createGroup(profile: { name: string; description?: string }): Promise<OktaGroup> {
    return this.call('POST', '/api/v1/groups', { json: { profile }, schema: oktaGroupSchema });
  }

  /** A group rule, created INACTIVE (Okta's rule); activate it to run it. */
  createGroupRule(rule: GroupRuleBody): Promise<OktaGroupRule> {
    return this.call('POST', '/api/v1/groups/rules', { json: { type: 'group_rule', ...rule }, schema: oktaGroupRuleSchema });
  }

  /** Only an INACTIVE rule can be replaced. */
  replaceGroupRule(ruleId: string, rule: GroupRuleBody): Promise<OktaGroupRule> {
    return this.call('PUT', `/api/v1/groups/rules/${seg(ruleId)}`, { json: { type: 'group_rule', ...rule }, schema: oktaGroupRuleSchema });
  }

  async setGroupRuleActive(ruleId: string, active: boolean): Promise<void> {
    await this.call('POST', `/api/v1/groups/rules/${seg(ruleId)}/lifecycle/${active ? 'activate' : 'deactivate'}`, { idempotent: true });
  }

  listGroupRules(opts: { expand?: 'groupIdToGroupNameMap'; search?: string; limit?: number } = {}): AsyncGenerator<OktaGroupRule> {
    return this.list('/api/v1/groups/rules', { limit: opts.limit ?? 200, expand: opts.expand, search: opts.search }, oktaGroupRuleSchema);
  }

  // ---------------------------------------------------------------- logs

  /**
   * System Log events. In ascending order without `until` Okta's next link never ends (it is a
   * polling cursor), so iteration stops at the first empty page.
   */
  listLogs(
    opts: { since?: string | Date; until?: string | Date; filter?: string; q?: string; sortOrder?: 'ASCENDING' | 'DESCENDING'; limit?: number } = {},
  ): AsyncGenerator<OktaLogEvent> {
    const iso = (d: string | Date | undefined) => (d instanceof Date ? d.toISOString() : d);
    return this.list(
      '/api/v1/logs',
      {
        since: iso(opts.since),
        until: iso(opts.until),
        filter: opts.filter,
        q: opts.q,
        sortOrder: opts.sortOrder,
        limit: opts.limit ?? 1000,
      },
      oktaLogEventSchema,
      { stopOnEmptyPage: true },
    );
  }

  // ---------------------------------------------------------- permissions

  /** Which of the console's scopes the token has; see okta-permission-probe.ts for how. */
  probePermissions(): Promise<PermissionProbeResult> {
    return probeOktaPermissions({
      tokenKind: async () => (await this.getToken()).kind,
      send: async (method, path, query, json) => {
        const extra: { query: Query; json?: unknown } = { query };
        if (json !== undefined) extra.json = json;
        await this.call(method, path, extra);
      },
    });
  }

  // -------------------------------------------------------------- plumbing

  private url(path: string, query: Query = {}): string {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(query)) {
      // encodeURIComponent, not URLSearchParams: Okta wants %20 in search expressions, not '+'.
      if (v !== undefined && v !== '') parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    }
    return `${this.orgUrl}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
  }

  private async authHeaders(): Promise<{ headers: Record<string, string>; kind: OktaToken['kind'] }> {
    const token = await this.getToken();
    return { headers: { authorization: `${token.kind} ${token.value}` }, kind: token.kind };
  }

  private async call<S extends z.ZodType | undefined = undefined>(
    method: HttpMethod,
    path: string,
    extra: { query?: Query; json?: unknown; schema?: S; accept?: string; idempotent?: boolean } = {},
  ): Promise<S extends z.ZodType ? z.output<S> : unknown> {
    const { headers, kind } = await this.authHeaders();
    const req: HttpRequestOptions = { method, url: this.url(path, extra.query), purpose: 'okta', headers };
    if (extra.json !== undefined) req.json = extra.json;
    if (extra.schema) req.schema = extra.schema;
    if (extra.accept) req.accept = extra.accept;
    if (extra.idempotent !== undefined) req.idempotent = extra.idempotent;
    try {
      const res = await this.http.request(req);
      return res.data as S extends z.ZodType ? z.output<S> : unknown;
    } catch (err) {
      throw kind === 'Bearer' ? forSignIn(err, method, path) : err;
    }
  }

  private async *list<S extends z.ZodType>(
    path: string,
    query: Query,
    schema: S,
    opts: { stopOnEmptyPage?: boolean } = {},
  ): AsyncGenerator<z.output<S>> {
    const { headers, kind } = await this.authHeaders();
    const pages = this.http.paginate({
      url: this.url(path, query),
      purpose: 'okta',
      schema,
      headers,
      ...(opts.stopOnEmptyPage ? { stopOnEmptyPage: true } : {}),
    });
    try {
      yield* pages;
    } catch (err) {
      throw kind === 'Bearer' ? forSignIn(err, 'GET', path) : err;
    }
  }
}

/** One path segment: ids come from Okta, logins from people, so both are encoded. */
function seg(value: string): string {
  return encodeURIComponent(value);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
