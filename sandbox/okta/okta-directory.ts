import { appUserName } from './okta-apps';
import { notFound, provisioningNotEnabled, validationFailed } from './okta-errors';
import { memberOfAnyGroupIds } from './okta-group-rules';
import { appTarget, groupTarget, userTarget, writeLog } from './okta-system-log';
import type {
  AppGroupAssignmentRecord, AppRecord, AppUserRecord, GroupRecord, GroupRuleRecord, OktaStore, ScimConnectionSettings,
  ToAppFeatures, UserRecord,
} from './okta-store';
import { nowIso } from './okta-store';
import { OktaPushMappings } from './okta-push-mappings';
import type { ProvisioningEngine } from './provisioning-engine';

/**
 * Business rules that tie assignments, memberships and provisioning together. Routes and the
 * sandbox controls call these; the provisioning engine does the outbound work later.
 */
export class OktaDirectory {
  /** Group push mappings (Push Groups tab). */
  readonly pushMappings: OktaPushMappings;

  constructor(
    readonly store: OktaStore,
    readonly engine: ProvisioningEngine,
  ) {
    this.pushMappings = new OktaPushMappings(store, engine);
  }

  app(appId: string): AppRecord {
    const app = this.store.apps.get(appId);
    if (!app) throw notFound(appId, 'AppInstance');
    return app;
  }

  group(groupId: string): GroupRecord {
    const group = this.store.groupsById.get(groupId);
    if (!group) throw notFound(groupId, 'UserGroup');
    return group;
  }

  user(idOrLogin: string): UserRecord {
    const user = this.store.findUser(idOrLogin);
    if (!user) throw notFound(idOrLogin, 'User');
    return user;
  }

  // ---- app users -----------------------------------------------------------------------------

  /** Creates (or extends) the app user and queues its push when the app can provision. */
  private ensureAppUser(app: AppRecord, user: UserRecord, via: { groupId?: string; direct?: boolean; userName?: string; profile?: Record<string, unknown> }): AppUserRecord {
    let au = app.users.get(user.id);
    const t = nowIso();
    if (!au) {
      const push = this.engine.canPush(app);
      au = {
        seq: this.store.nextSeq(),
        userId: user.id,
        direct: false,
        viaGroups: new Set(),
        // STAGED = externalId not set yet, push queued. Without push Okta shows ACTIVE (SSO only).
        status: push ? 'STAGED' : 'ACTIVE',
        syncState: push ? 'SYNCING' : 'DISABLED',
        externalId: null,
        userName: via.userName ?? appUserName(app, user),
        created: t,
        lastUpdated: t,
        statusChanged: t,
        lastSync: null,
        lastError: null,
        profileOverrides: {},
      };
      app.users.set(user.id, au);
      writeLog(this.store, {
        eventType: 'application.user_membership.add',
        displayMessage: 'Add user to application membership',
        result: 'SUCCESS',
        targets: [userTarget(user), appTarget(app)],
      });
      if (push) this.engine.enqueue({ kind: 'push-user', appId: app.id, userId: user.id });
    }
    if (via.groupId) au.viaGroups.add(via.groupId);
    if (via.direct) {
      au.direct = true;
      if (via.userName) au.userName = via.userName;
      if (via.profile) Object.assign(au.profileOverrides, via.profile);
      au.lastUpdated = t;
    }
    return au;
  }

  assignUser(app: AppRecord, user: UserRecord, userName?: string, profile?: Record<string, unknown>): AppUserRecord {
    if (user.status === 'DEPROVISIONED') throw validationFailed('user', 'user: Deactivated users cannot be assigned to applications.');
    return this.ensureAppUser(app, user, { direct: true, userName, profile });
  }

  /** Drops one assignment source; removes the app user when none is left. */
  private releaseAppUser(app: AppRecord, user: UserRecord, source: { groupId?: string; direct?: boolean }): void {
    const au = app.users.get(user.id);
    if (!au) return;
    if (source.groupId) au.viaGroups.delete(source.groupId);
    if (source.direct) au.direct = false;
    if (au.direct || au.viaGroups.size > 0) return;
    app.users.delete(user.id);
    writeLog(this.store, {
      eventType: 'application.user_membership.remove', displayMessage: 'Remove user from application membership', result: 'SUCCESS',
      targets: [userTarget(user), appTarget(app)],
    });
    if (au.externalId && app.provisioning.connection && app.provisioning.scimEnabled) {
      for (const mapping of app.pushMappings.values()) {
        const src = this.store.groupsById.get(mapping.sourceGroupId);
        if (mapping.status === 'ACTIVE' && src && this.store.isMember(src, user)) {
          this.engine.enqueue({ kind: 'group-member-remove', appId: app.id, mappingId: mapping.id, externalUserId: au.externalId });
        }
      }
      if (app.provisioning.toApp.deactivateUsers) {
        this.engine.enqueue({ kind: 'deactivate-user', appId: app.id, userId: user.id, externalId: au.externalId, userName: au.userName });
      }
    }
  }

  unassignUser(app: AppRecord, user: UserRecord): void {
    const au = app.users.get(user.id);
    if (!au) throw notFound(user.id, 'AppUser');
    // Okta refuses to remove a group-inherited assignment individually; it only drops the USER scope.
    this.releaseAppUser(app, user, { direct: true });
  }

  // ---- app groups ----------------------------------------------------------------------------

  assignGroup(app: AppRecord, group: GroupRecord, priority: number | undefined, profile: Record<string, unknown> | undefined): AppGroupAssignmentRecord {
    const t = nowIso();
    let rec = app.groups.get(group.id);
    const nextPriority = () => Math.max(-1, ...[...app.groups.values()].map((g) => g.priority)) + 1;
    if (!rec) {
      rec = { seq: this.store.nextSeq(), groupId: group.id, priority: priority ?? nextPriority(), profile: profile ?? {}, lastUpdated: t };
      app.groups.set(group.id, rec);
      writeLog(this.store, {
        eventType: 'group.application_assignment.add', displayMessage: 'Add assigned application to group', result: 'SUCCESS',
        targets: [groupTarget(group), appTarget(app)],
      });
      for (const member of this.store.membersOf(group)) {
        if (member.status !== 'DEPROVISIONED') this.ensureAppUser(app, member, { groupId: group.id });
      }
    } else {
      if (priority !== undefined) rec.priority = priority;
      if (profile !== undefined) rec.profile = profile;
      rec.lastUpdated = t;
    }
    return rec;
  }

  unassignGroup(app: AppRecord, group: GroupRecord): void {
    if (!app.groups.delete(group.id)) throw notFound(group.id, 'ApplicationGroupAssignment');
    writeLog(this.store, {
      eventType: 'group.application_assignment.remove', displayMessage: 'Remove assigned application from group', result: 'SUCCESS',
      targets: [groupTarget(group), appTarget(app)],
    });
    for (const au of [...app.users.values()]) {
      if (!au.viaGroups.has(group.id)) continue;
      const user = this.store.usersById.get(au.userId);
      if (user) this.releaseAppUser(app, user, { groupId: group.id });
    }
  }

  // ---- group membership ----------------------------------------------------------------------

  addGroupMember(group: GroupRecord, user: UserRecord): void {
    if (group.type !== 'OKTA_GROUP') throw validationFailed('group', `group: Cannot modify memberships of a ${group.type} group.`);
    if (!this.store.addMember(group, user)) return;
    group.lastMembershipUpdated = nowIso();
    writeLog(this.store, {
      eventType: 'group.user_membership.add', displayMessage: 'Add user to group membership', result: 'SUCCESS',
      targets: [userTarget(user), groupTarget(group)],
    });
    for (const app of this.store.apps.values()) {
      if (user.status === 'DEPROVISIONED') continue;
      const existing = app.users.get(user.id);
      if (app.groups.has(group.id)) this.ensureAppUser(app, user, { groupId: group.id });
      // A provisioned user only needs the pushed-group membership; the pushed group itself need
      // not be assigned (Okta recommends it is not: assignment and push use different groups).
      if (existing?.externalId) {
        for (const mapping of app.pushMappings.values()) {
          if (mapping.sourceGroupId === group.id && mapping.status === 'ACTIVE') {
            this.engine.enqueue({ kind: 'group-member-add', appId: app.id, mappingId: mapping.id, userId: user.id });
          }
        }
      }
    }
    this.applyGroupRules(user);
  }

  removeGroupMember(group: GroupRecord, user: UserRecord): void {
    if (group.type !== 'OKTA_GROUP') throw validationFailed('group', `group: Cannot modify memberships of a ${group.type} group.`);
    if (!this.store.isMember(group, user)) return;
    for (const app of this.store.apps.values()) {
      const au = app.users.get(user.id);
      if (!au) continue;
      if (au.externalId) {
        for (const mapping of app.pushMappings.values()) {
          if (mapping.sourceGroupId === group.id && mapping.status === 'ACTIVE') {
            this.engine.enqueue({ kind: 'group-member-remove', appId: app.id, mappingId: mapping.id, externalUserId: au.externalId });
          }
        }
      }
      if (au.viaGroups.has(group.id)) this.releaseAppUser(app, user, { groupId: group.id });
    }
    this.store.removeMember(group, user);
    group.lastMembershipUpdated = nowIso();
    writeLog(this.store, {
      eventType: 'group.user_membership.remove', displayMessage: 'Remove user from group membership', result: 'SUCCESS',
      targets: [userTarget(user), groupTarget(group)],
    });
    this.applyGroupRules(user);
  }

  // ---- group rules ---------------------------------------------------------------------------

  /**
   * Active rules the sandbox can evaluate (isMemberOfAnyGroup): a user who matches is added to
   * the rule's groups; one the rule added who no longer matches is removed, as Okta does.
   */
  applyGroupRules(user: UserRecord): void {
    for (const rule of this.store.rules) {
      const sources = rule.status === 'ACTIVE' ? memberOfAnyGroupIds(rule.expression) : null;
      if (!sources) continue;
      rule.added ??= new Set();
      const matches = user.status !== 'DEPROVISIONED' && sources.some((id) => {
        const g = this.store.groupsById.get(id);
        return g !== undefined && this.store.isMember(g, user);
      });
      for (const targetId of rule.groupIds) {
        const target = this.store.groupsById.get(targetId);
        if (!target || target.type !== 'OKTA_GROUP') continue;
        if (matches && !this.store.isMember(target, user)) {
          rule.added.add(user.id);
          this.addGroupMember(target, user);
        } else if (!matches && rule.added.has(user.id) && this.store.isMember(target, user)) {
          rule.added.delete(user.id);
          this.removeGroupMember(target, user);
        }
      }
    }
  }

  /** Activation evaluates the rule for every member of its source groups. */
  activateRule(rule: GroupRuleRecord): void {
    rule.status = 'ACTIVE';
    rule.lastUpdated = nowIso();
    const sources = memberOfAnyGroupIds(rule.expression) ?? [];
    const users = new Set<UserRecord>();
    for (const id of sources) {
      const g = this.store.groupsById.get(id);
      if (g) for (const u of this.store.membersOf(g)) users.add(u);
    }
    for (const u of users) this.applyGroupRules(u);
  }

  // ---- users ---------------------------------------------------------------------------------

  /** Partial profile update (POST /users/{id}); pushes the change to apps with Update on. */
  updateUserProfile(user: UserRecord, patch: Record<string, unknown>): void {
    const oldLogin = user.profile.login.toLowerCase();
    Object.assign(user.profile, patch);
    if (user.profile.login.toLowerCase() !== oldLogin) {
      this.store.usersByLogin.delete(oldLogin);
      this.store.usersByLogin.set(user.profile.login.toLowerCase(), user);
    }
    user.lastUpdated = nowIso();
    writeLog(this.store, {
      eventType: 'user.account.update_profile', displayMessage: 'Update user profile for Okta', result: 'SUCCESS', targets: [userTarget(user)],
    });
    for (const app of this.store.apps.values()) {
      const au = app.users.get(user.id);
      if (!au?.externalId) continue;
      if (!app.provisioning.toApp.updateUserAttributes || !app.provisioning.connection) {
        // The target keeps the old values: Okta shows the app user OUT_OF_SYNC until a push.
        au.syncState = 'OUT_OF_SYNC';
        au.lastUpdated = nowIso();
        continue;
      }
      au.syncState = 'SYNCING';
      this.engine.enqueue({ kind: 'update-user', appId: app.id, userId: user.id });
    }
  }

  // ---- provisioning settings (admin-console-only steps) --------------------------------------

  enableScim(app: AppRecord): void {
    app.provisioning.scimEnabled = true;
    app.lastUpdated = nowIso();
  }

  /**
   * What a full PUT of the app does to it in a real org: Provisioning back to NONE, the SCIM
   * connection and the To App settings gone. Users already pushed stay in the target app; nothing
   * new is pushed until an admin sets it all up again.
   */
  resetProvisioning(app: AppRecord): void {
    app.provisioning.scimEnabled = false;
    app.provisioning.connection = null;
    app.provisioning.toApp = { createUsers: false, updateUserAttributes: false, deactivateUsers: false };
    app.lastUpdated = nowIso();
  }

  setConnection(app: AppRecord, conn: ScimConnectionSettings): void {
    if (!app.provisioning.scimEnabled) throw provisioningNotEnabled();
    app.provisioning.connection = { ...conn, actions: { ...conn.actions } };
    app.lastUpdated = nowIso();
    this.queueUnprovisioned(app);
  }

  setToApp(app: AppRecord, features: Partial<ToAppFeatures>): void {
    if (!app.provisioning.scimEnabled) throw provisioningNotEnabled();
    app.provisioning.toApp = { ...app.provisioning.toApp, ...features };
    app.lastUpdated = nowIso();
    this.queueUnprovisioned(app);
  }

  /**
   * When "Create Users" becomes possible, users already assigned get pushed (Okta offers the
   * same when provisioning is switched on for an app that already has assignments).
   */
  private queueUnprovisioned(app: AppRecord): void {
    if (!this.engine.canPush(app)) return;
    for (const au of app.users.values()) {
      if (au.externalId || au.syncState === 'SYNCING' || au.syncState === 'ERROR') continue;
      Object.assign(au, { status: 'STAGED', syncState: 'SYNCING', lastUpdated: nowIso() } satisfies Partial<AppUserRecord>);
      this.engine.enqueue({ kind: 'push-user', appId: app.id, userId: au.userId });
    }
  }

  /** Dashboard -> Tasks -> "Retry selected": re-run failed pushes of one app. */
  retryFailed(app: AppRecord): number {
    let n = 0;
    for (const au of app.users.values()) {
      if (au.syncState !== 'ERROR') continue;
      au.syncState = 'SYNCING';
      this.engine.enqueue({ kind: au.externalId ? 'update-user' : 'push-user', appId: app.id, userId: au.userId });
      n++;
    }
    for (const m of app.pushMappings.values()) {
      if (m.status !== 'ERROR') continue;
      this.engine.enqueue({ kind: 'push-group', appId: app.id, mappingId: m.id });
      n++;
    }
    return n;
  }
}
