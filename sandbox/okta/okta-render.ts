import type {
  AppGroupAssignmentRecord, AppRecord, AppUserRecord, GroupRecord, GroupRuleRecord, OktaStore, PushMappingRecord, UserRecord,
} from './okta-store';
import type { SigningKey } from './saml-metadata';

/**
 * Records -> Okta JSON shapes (the response schemas of management-minimal.yaml). Links are
 * absolute on the simulator's origin, like Okta's are on the org URL.
 */

const href = (h: string, extra: Record<string, unknown> = {}) => ({ href: h, ...extra });

/** app.features for a custom SCIM app, derived from the admin-console settings. */
export function appFeatures(app: AppRecord): string[] {
  const p = app.provisioning;
  if (!p.scimEnabled) return [];
  const f: string[] = ['SCIM_PROVISIONING'];
  const actions = p.connection?.actions ?? {};
  if (actions.importNewUsers) f.push('IMPORT_NEW_USERS');
  if (actions.importProfileUpdates) f.push('IMPORT_PROFILE_UPDATES');
  if (p.toApp.createUsers) f.push('PUSH_NEW_USERS');
  if (p.toApp.updateUserAttributes) f.push('PUSH_PROFILE_UPDATES');
  if (p.toApp.deactivateUsers) f.push('PUSH_USER_DEACTIVATION', 'REACTIVATE_USERS');
  if (actions.pushGroups) f.push('GROUP_PUSH');
  return f;
}

export function renderApp(store: OktaStore, app: AppRecord): Record<string, unknown> {
  const base = `${store.baseUrl}/api/v1/apps/${app.id}`;
  const body = structuredClone(app.body) as Record<string, unknown>;
  const visibility = (body.visibility ?? {}) as Record<string, unknown>;
  visibility.appLinks = { [`${app.name}_link`]: true, ...((visibility.appLinks as object) ?? {}) };
  const links: Record<string, unknown> = {
    self: href(base),
    users: href(`${base}/users`),
    groups: href(`${base}/groups`),
    logo: [{ name: 'medium', href: `${store.baseUrl}/assets/img/logos/default.png`, type: 'image/png' }],
    appLinks: [{ name: `${app.name}_link`, href: `${store.baseUrl}/home/${app.name}/${app.id}/aln${app.id.slice(3)}`, type: 'text/html' }],
    help: href(`${store.baseUrl}/app/${app.name}/${app.id}/setup/help/${app.signOnMode}/instructions`, { type: 'text/html' }),
  };
  if (app.signOnMode === 'SAML_2_0') links.metadata = href(`${base}/sso/saml/metadata`, { type: 'application/xml' });
  if (app.status === 'ACTIVE') links.deactivate = href(`${base}/lifecycle/deactivate`);
  else links.activate = href(`${base}/lifecycle/activate`);
  return {
    id: app.id,
    orn: `orn:okta:idp:${store.orgName}:apps:${app.name}:${app.id}`,
    name: app.name,
    label: app.label,
    status: app.status,
    lastUpdated: app.lastUpdated,
    created: app.created,
    accessibility: body.accessibility,
    visibility,
    features: appFeatures(app),
    signOnMode: app.signOnMode,
    credentials: body.credentials,
    settings: body.settings,
    ...(body.profile !== undefined ? { profile: body.profile } : {}),
    ...(body.licensing !== undefined ? { licensing: body.licensing } : {}),
    ...(body.universalLogout !== undefined ? { universalLogout: body.universalLogout } : {}),
    _links: links,
  };
}

export function renderUser(store: OktaStore, user: UserRecord): Record<string, unknown> {
  const self = `${store.baseUrl}/api/v1/users/${user.id}`;
  const links: Record<string, unknown> = { self: href(self) };
  if (user.status === 'ACTIVE') {
    links.suspend = href(`${self}/lifecycle/suspend`, { hints: { allow: ['POST'] } });
    links.deactivate = href(`${self}/lifecycle/deactivate`, { hints: { allow: ['POST'] } });
    links.resetPassword = href(`${self}/lifecycle/reset_password`, { hints: { allow: ['POST'] } });
  } else if (user.status === 'SUSPENDED') {
    links.unsuspend = href(`${self}/lifecycle/unsuspend`, { hints: { allow: ['POST'] } });
  } else if (user.status === 'DEPROVISIONED' || user.status === 'STAGED') {
    links.activate = href(`${self}/lifecycle/activate`, { hints: { allow: ['POST'] } });
  }
  return {
    id: user.id,
    status: user.status,
    created: user.created,
    activated: user.activated,
    statusChanged: user.statusChanged,
    lastLogin: user.lastLogin,
    lastUpdated: user.lastUpdated,
    passwordChanged: user.passwordChanged,
    type: { id: 'oty1sandboxdefault0' },
    profile: { ...user.profile },
    credentials: {
      password: {},
      provider: { type: 'OKTA', name: 'OKTA' },
    },
    _links: links,
  };
}

export function renderGroup(store: OktaStore, group: GroupRecord, expand?: string | null): Record<string, unknown> {
  const self = `${store.baseUrl}/api/v1/groups/${group.id}`;
  const out: Record<string, unknown> = {
    id: group.id,
    created: group.created,
    lastUpdated: group.lastUpdated,
    lastMembershipUpdated: group.lastMembershipUpdated,
    objectClass: [group.type === 'APP_GROUP' ? 'okta:windows_security_principal' : 'okta:user_group'],
    type: group.type,
    profile: { name: group.name, description: group.description ?? (group.type === 'APP_GROUP' ? group.name : '') },
    _links: {
      logo: [
        { name: 'medium', href: `${store.baseUrl}/assets/img/logos/groups/okta-medium.png`, type: 'image/png' },
        { name: 'large', href: `${store.baseUrl}/assets/img/logos/groups/okta-large.png`, type: 'image/png' },
      ],
      users: href(`${self}/users`),
      apps: href(`${self}/apps`),
      self: href(self),
      ...(group.sourceAppId ? { source: href(`${store.baseUrl}/api/v1/apps/${group.sourceAppId}`) } : {}),
    },
  };
  const embedded: Record<string, unknown> = {};
  if (expand?.includes('stats')) {
    let appsCount = 0;
    let pushCount = 0;
    for (const app of store.apps.values()) {
      if (app.groups.has(group.id)) appsCount++;
      for (const m of app.pushMappings.values()) if (m.sourceGroupId === group.id) pushCount++;
    }
    embedded.stats = { usersCount: store.memberCount(group), appsCount, groupPushMappingsCount: pushCount, hasAdminPrivlege: false /* sic, the spec's spelling */ };
  }
  if (expand?.includes('app') && group.sourceAppId) {
    const app = store.apps.get(group.sourceAppId);
    if (app) embedded.app = { id: app.id, name: app.name, label: app.label, signOnMode: app.signOnMode };
  }
  if (Object.keys(embedded).length > 0) out._embedded = embedded;
  return out;
}

export function renderAppUser(store: OktaStore, app: AppRecord, au: AppUserRecord, expandUser: boolean): Record<string, unknown> {
  const user = store.usersById.get(au.userId);
  const p = user?.profile;
  const out: Record<string, unknown> = {
    id: au.userId,
    ...(au.externalId ? { externalId: au.externalId } : {}),
    created: au.created,
    lastUpdated: au.lastUpdated,
    scope: au.direct ? 'USER' : 'GROUP',
    status: au.status,
    statusChanged: au.statusChanged,
    passwordChanged: null,
    syncState: au.syncState,
    ...(au.lastSync ? { lastSync: au.lastSync } : {}),
    credentials: { userName: au.userName },
    // The app-user profile of Okta's SCIM 2.0 template, mapped from the Okta profile.
    profile: {
      email: p?.email ?? null,
      givenName: p?.firstName ?? null,
      familyName: p?.lastName ?? null,
      displayName: p ? `${p.firstName ?? ''} ${p.lastName ?? ''}`.trim() : null,
      primaryPhone: p?.primaryPhone ?? null,
      ...au.profileOverrides,
    },
    _links: {
      app: href(`${store.baseUrl}/api/v1/apps/${app.id}`),
      user: href(`${store.baseUrl}/api/v1/users/${au.userId}`),
      ...(!au.direct && au.viaGroups.size > 0 ? { group: href(`${store.baseUrl}/api/v1/groups/${[...au.viaGroups][0]}`, { name: store.groupsById.get([...au.viaGroups][0]!)?.name ?? '' }) } : {}),
    },
  };
  if (expandUser && user) out._embedded = { user: renderUser(store, user) };
  return out;
}

export function renderAppGroup(store: OktaStore, app: AppRecord, rec: AppGroupAssignmentRecord, expand?: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: rec.groupId,
    lastUpdated: rec.lastUpdated,
    priority: rec.priority,
    profile: rec.profile,
    _links: {
      app: href(`${store.baseUrl}/api/v1/apps/${app.id}`),
      self: href(`${store.baseUrl}/api/v1/apps/${app.id}/groups/${rec.groupId}`),
      group: href(`${store.baseUrl}/api/v1/groups/${rec.groupId}`),
    },
  };
  const group = store.groupsById.get(rec.groupId);
  if (expand === 'group' && group) out._embedded = { group: renderGroup(store, group) };
  if (expand === 'metadata') out._embedded = { metadata: { priority: rec.priority } };
  return out;
}

const status = (on: boolean) => (on ? 'ENABLED' : 'DISABLED');

export function renderUserProvisioningFeature(store: OktaStore, app: AppRecord): Record<string, unknown> {
  const t = app.provisioning.toApp;
  return {
    name: 'USER_PROVISIONING',
    status: status(app.provisioning.scimEnabled && app.provisioning.connection !== null),
    description: 'User provisioning settings from Okta to a downstream app',
    capabilities: {
      create: { lifecycleCreate: { status: status(t.createUsers) } },
      update: {
        profile: { status: status(t.updateUserAttributes) },
        lifecycleDeactivate: { status: status(t.deactivateUsers) },
        password: { status: 'DISABLED', seed: 'RANDOM', change: 'KEEP_EXISTING' },
      },
    },
    _links: {
      self: href(`${store.baseUrl}/api/v1/apps/${app.id}/features/USER_PROVISIONING`, { hints: { allow: ['GET', 'PUT'] } }),
    },
  };
}

/**
 * Okta's connections API only knows the OIN apps it lists (org2org, zscalerbyz, google, ...).
 * A custom App Integration Wizard app answers UNKNOWN/UNKNOWN ("the app doesn't support
 * provisioning" through this API) even after a SCIM connection was saved in the Admin Console,
 * because that connection is not a ProvisioningConnection. The product must verify SCIM through
 * app.features, the features endpoint and app users instead.
 */
export function renderDefaultConnection(store: OktaStore, app: AppRecord): Record<string, unknown> {
  const base = `${store.baseUrl}/api/v1/apps/${app.id}/connections/default`;
  return {
    profile: { authScheme: 'UNKNOWN' },
    status: 'UNKNOWN',
    _links: {
      self: href(base, { hints: { allow: ['GET', 'POST'] } }),
    },
  };
}

export function renderPushMapping(store: OktaStore, app: AppRecord, m: PushMappingRecord): Record<string, unknown> {
  return {
    id: m.id,
    sourceGroupId: m.sourceGroupId,
    targetGroupId: m.targetGroupId,
    status: m.status,
    ...(m.errorSummary ? { errorSummary: m.errorSummary } : {}),
    ...(m.lastPush ? { lastPush: m.lastPush } : {}),
    created: m.created,
    lastUpdated: m.lastUpdated,
    _links: {
      app: href(`${store.baseUrl}/api/v1/apps/${app.id}`),
      sourceGroup: href(`${store.baseUrl}/api/v1/groups/${m.sourceGroupId}`),
      targetGroup: href(`${store.baseUrl}/api/v1/groups/${m.targetGroupId}`),
    },
  };
}

export function renderRule(store: OktaStore, rule: GroupRuleRecord, expandNames: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: 'group_rule',
    id: rule.id,
    status: rule.status,
    name: rule.name,
    created: rule.created,
    lastUpdated: rule.lastUpdated,
    conditions: {
      people: { users: { exclude: [] }, groups: { exclude: [] } },
      expression: { value: rule.expression, type: 'urn:okta:expression:1.0' },
    },
    actions: { assignUserToGroups: { groupIds: [...rule.groupIds] } },
  };
  if (expandNames) {
    const map: Record<string, string> = {};
    // Okta leaves a deleted group out of the map.
    for (const id of rule.groupIds) {
      const g = store.groupsById.get(id);
      if (g) map[id] = g.name;
    }
    out._embedded = { groupIdToGroupNameMap: map };
  }
  return out;
}

export function renderKey(key: SigningKey): Record<string, unknown> {
  return {
    created: key.created,
    lastUpdated: key.created,
    expiresAt: key.expiresAt,
    x5c: [key.certificateDer],
    e: key.e,
    n: key.n,
    kid: key.kid,
    kty: 'RSA',
    use: 'sig',
    'x5t#S256': key.x5tS256,
  };
}
