import {
  renderApp, renderAppGroup, renderAppUser, renderGroup, renderPushMapping, renderRule, renderUser,
} from './okta-render';
import type { OktaStore } from './okta-store';

type Json = Record<string, unknown>;

/**
 * Read access for tests and the demo UI, in the same JSON shapes the API returns (so assertions
 * read like API assertions). `store` is the raw escape hatch; do not mutate it from outside.
 */
export interface OktaStateView {
  readonly orgName: string;
  apps(): Json[];
  app(appId: string): Json | undefined;
  userCount(): number;
  /** Users in creation order; pass a limit for big orgs. */
  users(limit?: number): Json[];
  user(idOrLogin: string): Json | undefined;
  groups(): Json[];
  /** By id or exact name. */
  group(idOrName: string): Json | undefined;
  groupMembers(idOrName: string): Json[];
  groupRules(): Json[];
  appUsers(appId: string): Json[];
  appUser(appId: string, userId: string): Json | undefined;
  appGroups(appId: string): Json[];
  pushMappings(appId: string): Json[];
  logs(): Json[];
  readonly store: OktaStore;
}

export function createStateView(store: OktaStore): OktaStateView {
  const findGroup = (idOrName: string) => store.groupsById.get(idOrName) ?? store.groups.find((g) => g.name === idOrName);
  return {
    orgName: store.orgName,
    apps: () => [...store.apps.values()].map((a) => renderApp(store, a)),
    app: (id) => {
      const a = store.apps.get(id);
      return a && renderApp(store, a);
    },
    userCount: () => store.users.length,
    users: (limit = Infinity) => store.users.slice(0, limit).map((u) => renderUser(store, u)),
    user: (idOrLogin) => {
      const u = store.findUser(idOrLogin);
      return u && renderUser(store, u);
    },
    groups: () => store.groups.map((g) => renderGroup(store, g)),
    group: (idOrName) => {
      const g = findGroup(idOrName);
      return g && renderGroup(store, g, 'stats');
    },
    groupMembers: (idOrName) => {
      const g = findGroup(idOrName);
      return g ? store.membersOf(g).map((u) => renderUser(store, u)) : [];
    },
    groupRules: () => store.rules.map((r) => renderRule(store, r, true)),
    appUsers: (appId) => {
      const a = store.apps.get(appId);
      return a ? [...a.users.values()].map((au) => renderAppUser(store, a, au, false)) : [];
    },
    appUser: (appId, userId) => {
      const a = store.apps.get(appId);
      const au = a?.users.get(userId);
      return a && au && renderAppUser(store, a, au, false);
    },
    appGroups: (appId) => {
      const a = store.apps.get(appId);
      return a ? [...a.groups.values()].map((r) => renderAppGroup(store, a, r)) : [];
    },
    pushMappings: (appId) => {
      const a = store.apps.get(appId);
      return a ? [...a.pushMappings.values()].map((m) => renderPushMapping(store, a, m)) : [];
    },
    logs: () => store.logs.map((l) => l.event),
    store,
  };
}
