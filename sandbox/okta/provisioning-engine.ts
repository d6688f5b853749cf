import { appTarget, appUserTarget, userTarget, writeLog } from './okta-system-log';
import type { AppRecord, AppUserRecord, OktaStore, UserRecord } from './okta-store';
import { nowIso } from './okta-store';
import { SCIM_PATCH_SCHEMA, SCIM_USER_SCHEMA, ScimClient, describeScimFailure, scimFilterQuery, type ScimResponse } from './scim-client';
import { GroupPushTasks } from './group-push-tasks';
import { call, idOf, reasonOf, TaskFailure } from './provisioning-task';

/**
 * The background provisioning engine: Okta's "To App" push for a custom SCIM app.
 *
 * API calls only record intent and enqueue tasks; the engine runs them after the HTTP response
 * has gone out, one at a time in FIFO order (so a user is created before their group membership
 * is pushed), exactly as an admin sees Okta behave: app users sit in STAGED/SYNCING for a moment,
 * then turn PROVISIONED/SYNCHRONIZED or ERROR. Tests wait with whenIdle(), never with sleeps.
 */

export type ProvisioningTask =
  | { kind: 'push-user'; appId: string; userId: string }
  | { kind: 'update-user'; appId: string; userId: string }
  | { kind: 'deactivate-user'; appId: string; userId: string; externalId: string; userName: string }
  | { kind: 'push-group'; appId: string; mappingId: string }
  | { kind: 'group-member-add'; appId: string; mappingId: string; userId: string }
  | { kind: 'group-member-remove'; appId: string; mappingId: string; externalUserId: string }
  | { kind: 'delete-target-group'; appId: string; scimGroupId: string; name: string };

/**
 * The ThreatLocker app-user profile maps primaryPhone as a required attribute; Okta refuses to
 * push a user without it (the ThreatLocker SCIM article warns about exactly this).
 */
const REQUIRED_PROFILE_ATTRIBUTES = ['primaryPhone'] as const;

export class ProvisioningEngine {
  private readonly queue: ProvisioningTask[] = [];
  private running = false;
  private waiters: (() => void)[] = [];
  private stopped = false;

  private readonly groups: GroupPushTasks;

  constructor(private readonly store: OktaStore) {
    this.groups = new GroupPushTasks(store);
  }

  /** Provisioning enabled + SCIM connection saved + To App "Create Users" on + app active. */
  canPush(app: AppRecord): boolean {
    const p = app.provisioning;
    return app.status === 'ACTIVE' && p.scimEnabled && p.connection !== null && p.toApp.createUsers;
  }

  enqueue(task: ProvisioningTask): void {
    if (this.stopped) return;
    this.queue.push(task);
    if (!this.running) {
      this.running = true;
      // Run after the current API response is written, like Okta's asynchronous jobs.
      setImmediate(() => void this.drain());
    }
  }

  whenIdle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const task = this.queue.shift()!;
      try {
        await this.run(task);
      } catch (err) {
        // A bug in a task must not wedge the queue (whenIdle would never resolve).
        console.error('[okta-simulator] provisioning task crashed', task, err);
      }
    }
    this.running = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private run(task: ProvisioningTask): Promise<void> {
    const app = this.store.apps.get(task.appId);
    if (!app || !app.provisioning.connection) return Promise.resolve();
    const client = new ScimClient(app.provisioning.connection);
    switch (task.kind) {
      case 'push-user':
        return this.pushUser(app, client, task.userId);
      case 'update-user':
        return this.updateUser(app, client, task.userId);
      case 'deactivate-user':
        return this.deactivateUser(app, client, task);
      case 'push-group':
        return this.groups.pushGroup(app, client, task.mappingId);
      case 'group-member-add':
        return this.groups.groupMemberAdd(app, client, task.mappingId, task.userId);
      case 'group-member-remove':
        return this.groups.groupMemberRemove(app, client, task.mappingId, task.externalUserId);
      case 'delete-target-group':
        return this.groups.deleteTargetGroup(app, client, task.scimGroupId, task.name);
    }
  }

  // ---- users ---------------------------------------------------------------------------------

  private async pushUser(app: AppRecord, client: ScimClient, userId: string): Promise<void> {
    const appUser = app.users.get(userId);
    const user = this.store.usersById.get(userId);
    if (!appUser || !user || appUser.externalId) return;
    if (!this.canPush(app)) {
      // Create was switched off (or the app deactivated) while queued: back to SSO-only; the
      // user is queued again when pushing becomes possible.
      Object.assign(appUser, { status: 'ACTIVE', syncState: 'DISABLED', lastUpdated: nowIso() } satisfies Partial<AppUserRecord>);
      return;
    }
    const name = displayName(user);
    try {
      for (const attr of REQUIRED_PROFILE_ATTRIBUTES) {
        const v = user.profile[attr];
        if (v === null || v === undefined || v === '') {
          // No SCIM call at all: Okta validates the mapped app-user profile first.
          throw new TaskFailure(
            `Automatic provisioning of user ${name} to app ${app.label} failed: Error while creating user ${appUser.userName}: ` +
              `Required property "${attr}" is missing from the user profile. Set ${attr} in Okta and retry.`,
          );
        }
      }
      let scimId = await this.findScimUser(app, client, appUser.userName);
      let linked = scimId !== undefined;
      if (scimId === undefined) {
        const res = await call(client, 'POST', '/Users', scimUserBody(user, appUser));
        if (res.status === 201 || res.status === 200) {
          scimId = idOf(res);
        } else if (res.status === 409) {
          // Someone created it meanwhile (or the filter missed it): look it up and link.
          scimId = await this.findScimUser(app, client, appUser.userName);
          linked = true;
        } else {
          throw new TaskFailure(failureText(app, name, appUser.userName, 'creating user', res));
        }
        if (!scimId) throw new TaskFailure(`Automatic provisioning of user ${name} to app ${app.label} failed: the SCIM server returned no user id.`);
      }
      const t = nowIso();
      Object.assign(appUser, {
        externalId: scimId, status: 'PROVISIONED', syncState: 'SYNCHRONIZED', lastSync: t, lastUpdated: t, statusChanged: t, lastError: null,
      } satisfies Partial<AppUserRecord>);
      writeLog(this.store, {
        eventType: 'application.provision.user.push',
        displayMessage: 'Push new user to external application',
        result: 'SUCCESS',
        reason: linked ? 'Linked to an existing user in the app' : undefined,
        actor: 'system',
        targets: [userTarget(user), appTarget(app), appUserTarget(app, user, appUser.userName)],
        debugData: { externalId: scimId },
      });
      for (const mapping of app.pushMappings.values()) {
        const source = this.store.groupsById.get(mapping.sourceGroupId);
        if (mapping.status === 'ACTIVE' && source && this.store.isMember(source, user)) {
          this.enqueue({ kind: 'group-member-add', appId: app.id, mappingId: mapping.id, userId });
        }
      }
    } catch (err) {
      this.failUser(app, appUser, user, 'application.provision.user.push', 'Push new user to external application', err);
    }
  }

  private async findScimUser(app: AppRecord, client: ScimClient, userName: string): Promise<string | undefined> {
    const res = await call(client, 'GET', `/Users?${scimFilterQuery(`userName eq "${userName}"`)}`);
    if (res.status !== 200) throw new TaskFailure(failureText(app, userName, userName, 'looking up user', res));
    const resources = (res.body as { Resources?: { id?: unknown }[] } | undefined)?.Resources ?? [];
    const id = resources[0]?.id;
    return typeof id === 'string' && id ? id : undefined;
  }

  private async updateUser(app: AppRecord, client: ScimClient, userId: string): Promise<void> {
    const appUser = app.users.get(userId);
    const user = this.store.usersById.get(userId);
    if (!appUser || !user || !appUser.externalId || !app.provisioning.toApp.updateUserAttributes) return;
    try {
      // Custom (App Integration Wizard) SCIM apps: GET the user, then a full PUT.
      const path = `/Users/${encodeURIComponent(appUser.externalId)}`;
      const got = await call(client, 'GET', path);
      if (got.status !== 200) throw new TaskFailure(failureText(app, displayName(user), appUser.userName, 'reading user', got));
      const current = (got.body ?? {}) as { active?: unknown };
      const body = { ...scimUserBody(user, appUser), id: appUser.externalId, active: current.active !== false };
      const res = await call(client, 'PUT', path, body);
      if (res.status !== 200) throw new TaskFailure(failureText(app, displayName(user), appUser.userName, 'updating user', res));
      const t = nowIso();
      Object.assign(appUser, { syncState: 'SYNCHRONIZED', lastSync: t, lastUpdated: t, lastError: null } satisfies Partial<AppUserRecord>);
      writeLog(this.store, {
        eventType: 'application.provision.user.push_profile',
        displayMessage: 'Push user profile update to external application',
        result: 'SUCCESS',
        actor: 'system',
        targets: [userTarget(user), appTarget(app), appUserTarget(app, user, appUser.userName)],
      });
    } catch (err) {
      this.failUser(app, appUser, user, 'application.provision.user.push_profile', 'Push user profile update to external application', err);
    }
  }

  private async deactivateUser(
    app: AppRecord,
    client: ScimClient,
    task: { userId: string; externalId: string; userName: string },
  ): Promise<void> {
    const user = this.store.usersById.get(task.userId);
    if (!user) return;
    const targets = [userTarget(user), appTarget(app), appUserTarget(app, user, task.userName)];
    try {
      const res = await call(client, 'PATCH', `/Users/${encodeURIComponent(task.externalId)}`, {
        schemas: [SCIM_PATCH_SCHEMA],
        Operations: [{ op: 'replace', value: { active: false } }],
      });
      if (res.status !== 200 && res.status !== 204) throw new TaskFailure(failureText(app, displayName(user), task.userName, 'deactivating user', res));
      writeLog(this.store, { eventType: 'application.provision.user.deactivate', displayMessage: 'Deactivate user in external application', result: 'SUCCESS', actor: 'system', targets });
    } catch (err) {
      writeLog(this.store, {
        eventType: 'application.provision.user.deactivate', displayMessage: 'Deactivate user in external application', result: 'FAILURE',
        reason: reasonOf(err, app, displayName(user)), actor: 'system', targets,
      });
    }
  }

  private failUser(app: AppRecord, appUser: AppUserRecord, user: UserRecord, eventType: string, displayMessage: string, err: unknown): void {
    const reason = reasonOf(err, app, displayName(user));
    const t = nowIso();
    // Okta leaves a failed create in STAGED (no externalId) with syncState ERROR until an admin retries.
    Object.assign(appUser, { syncState: 'ERROR', lastUpdated: t, lastError: reason } satisfies Partial<AppUserRecord>);
    writeLog(this.store, {
      eventType, displayMessage, result: 'FAILURE', reason, actor: 'system',
      targets: [userTarget(user), appTarget(app), appUserTarget(app, user, appUser.userName)],
    });
  }

}

function displayName(u: UserRecord): string {
  return `${u.profile.firstName ?? ''} ${u.profile.lastName ?? ''}`.trim() || u.profile.login;
}

/** The SCIM 2.0 user Okta's SCIM template app sends on create (and, with id, on PUT). */
function scimUserBody(user: UserRecord, appUser: AppUserRecord): Record<string, unknown> {
  const p = user.profile;
  const body: Record<string, unknown> = {
    schemas: [SCIM_USER_SCHEMA],
    userName: appUser.userName,
    name: { givenName: p.firstName ?? '', familyName: p.lastName ?? '' },
    emails: [{ primary: true, value: p.email, type: 'work' }],
    displayName: displayName(user),
    externalId: user.id,
    groups: [],
    active: true,
  };
  if (p.primaryPhone) body.phoneNumbers = [{ primary: true, value: p.primaryPhone, type: 'work' }];
  return body;
}

function failureText(app: AppRecord, name: string, userName: string, what: string, res: ScimResponse): string {
  const auth = res.status === 401 || res.status === 403 ? ' (authentication failed: check the SCIM connection token)' : '';
  return `Automatic provisioning of user ${name} to app ${app.label} failed: Error while ${what} ${userName}: ${describeScimFailure(res)}${auth}`;
}
