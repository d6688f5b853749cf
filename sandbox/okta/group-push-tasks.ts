import { appTarget, groupTarget, userTarget, writeLog } from './okta-system-log';
import type { AppRecord, AppUserRecord, GroupRecord, OktaStore, PushMappingRecord, UserRecord } from './okta-store';
import { nowIso } from './okta-store';
import { SCIM_GROUP_SCHEMA, SCIM_PATCH_SCHEMA, type ScimClient, describeScimFailure, scimFilterQuery, type ScimResponse } from './scim-client';
import { call, idOf, reasonOf, TaskFailure } from './provisioning-task';

/**
 * Group push, the group half of the provisioning engine: the first push of a group (link or
 * create, then its memberships in chunks), a member added or removed later, and the target
 * group deleted when its push mapping is removed. A failure marks the mapping ERROR, as Okta does.
 */
export class GroupPushTasks {
  constructor(private readonly store: OktaStore) {}

  async pushGroup(app: AppRecord, client: ScimClient, mappingId: string): Promise<void> {
    const mapping = app.pushMappings.get(mappingId);
    if (!mapping || mapping.status === 'INACTIVE') return;
    const target = this.store.groupsById.get(mapping.targetGroupId);
    const source = this.store.groupsById.get(mapping.sourceGroupId);
    if (!target || !source) return;
    try {
      const scimGroupId = app.provisioning.scimGroupIds.get(target.id) ?? (await this.linkOrCreate(app, client, target, source));
      const members = this.store
        .membersOf(source)
        .map((u) => ({ u, au: app.users.get(u.id) }))
        .filter((m): m is { u: UserRecord; au: AppUserRecord & { externalId: string } } => !!m.au?.externalId);
      for (let i = 0; i < members.length; i += 100) {
        const chunk = members.slice(i, i + 100);
        const res = await patchMembers(client, scimGroupId, [
          { op: 'add', path: 'members', value: chunk.map((m) => ({ value: m.au.externalId, display: m.au.userName })) },
        ]);
        if (res.status !== 200 && res.status !== 204) throw new TaskFailure(groupFailureText(app, target.name, 'pushing memberships', res));
      }
      const t = nowIso();
      Object.assign(mapping, { status: 'ACTIVE', errorSummary: null, lastPush: t, lastUpdated: t } satisfies Partial<PushMappingRecord>);
      target.lastMembershipUpdated = t;
      if (members.length > 0) {
        writeLog(this.store, {
          eventType: 'application.provision.group_membership.add', displayMessage: 'Push group memberships to external application',
          result: 'SUCCESS', actor: 'system', targets: [groupTarget(source), appTarget(app)], debugData: { count: members.length },
        });
      }
    } catch (err) {
      this.failMapping(app, mapping, err, target.name);
    }
  }

  /** The first push of a group: link to a same-named group in the app, or create it. */
  private async linkOrCreate(app: AppRecord, client: ScimClient, target: GroupRecord, source: GroupRecord): Promise<string> {
    let scimGroupId: string | undefined;
    const found = await call(client, 'GET', `/Groups?${scimFilterQuery(`displayName eq "${target.name}"`)}`);
    if (found.status !== 200) throw new TaskFailure(groupFailureText(app, target.name, 'looking up group', found));
    const existing = (found.body as { Resources?: { id?: unknown; displayName?: unknown }[] } | undefined)?.Resources ?? [];
    const match = existing.find((g) => typeof g.displayName === 'string' && g.displayName.toLowerCase() === target.name.toLowerCase());
    if (match && typeof match.id === 'string') {
      scimGroupId = match.id;
    } else {
      const created = await call(client, 'POST', '/Groups', { schemas: [SCIM_GROUP_SCHEMA], displayName: target.name, members: [] });
      if (created.status !== 201 && created.status !== 200) throw new TaskFailure(groupFailureText(app, target.name, 'creating group', created));
      scimGroupId = idOf(created);
      if (!scimGroupId) throw new TaskFailure(`Unable to push group ${target.name} to app ${app.label}: the SCIM server returned no group id.`);
    }
    app.provisioning.scimGroupIds.set(target.id, scimGroupId);
    writeLog(this.store, {
      eventType: 'application.provision.group.add', displayMessage: 'Push group to external application', result: 'SUCCESS',
      reason: match ? 'Linked to an existing group in the app' : undefined, actor: 'system',
      targets: [groupTarget(source), appTarget(app)], debugData: { externalId: scimGroupId },
    });
    return scimGroupId;
  }

  async groupMemberAdd(app: AppRecord, client: ScimClient, mappingId: string, userId: string): Promise<void> {
    const mapping = app.pushMappings.get(mappingId);
    const appUser = app.users.get(userId);
    const user = this.store.usersById.get(userId);
    if (!mapping || mapping.status !== 'ACTIVE' || !appUser?.externalId || !user) return;
    const target = this.store.groupsById.get(mapping.targetGroupId);
    const scimGroupId = target && app.provisioning.scimGroupIds.get(target.id);
    if (!target || !scimGroupId) return; // the initial push (queued earlier) will include this member
    try {
      const res = await patchMembers(client, scimGroupId, [
        { op: 'add', path: 'members', value: [{ value: appUser.externalId, display: appUser.userName }] },
      ]);
      if (res.status !== 200 && res.status !== 204) throw new TaskFailure(groupFailureText(app, target.name, 'adding a member', res));
      const t = nowIso();
      Object.assign(mapping, { lastPush: t, lastUpdated: t });
      writeLog(this.store, {
        eventType: 'application.provision.group_membership.add', displayMessage: 'Add user to group membership in external application',
        result: 'SUCCESS', actor: 'system', targets: [userTarget(user), groupTarget(target), appTarget(app)],
      });
    } catch (err) {
      this.failMapping(app, mapping, err, target.name);
    }
  }

  async groupMemberRemove(app: AppRecord, client: ScimClient, mappingId: string, externalUserId: string): Promise<void> {
    const mapping = app.pushMappings.get(mappingId);
    if (!mapping || mapping.status !== 'ACTIVE') return;
    const target = this.store.groupsById.get(mapping.targetGroupId);
    const scimGroupId = target && app.provisioning.scimGroupIds.get(target.id);
    if (!target || !scimGroupId) return;
    try {
      const res = await patchMembers(client, scimGroupId, [{ op: 'remove', path: `members[value eq "${externalUserId}"]` }]);
      if (res.status !== 200 && res.status !== 204) throw new TaskFailure(groupFailureText(app, target.name, 'removing a member', res));
      const t = nowIso();
      Object.assign(mapping, { lastPush: t, lastUpdated: t });
    } catch (err) {
      this.failMapping(app, mapping, err, target.name);
    }
  }

  async deleteTargetGroup(app: AppRecord, client: ScimClient, scimGroupId: string, name: string): Promise<void> {
    const targets = [appTarget(app)];
    try {
      const res = await call(client, 'DELETE', `/Groups/${encodeURIComponent(scimGroupId)}`);
      if (res.status !== 204 && res.status !== 200 && res.status !== 404) throw new TaskFailure(groupFailureText(app, name, 'deleting group', res));
      writeLog(this.store, { eventType: 'application.provision.group.remove', displayMessage: 'Remove group from external application', result: 'SUCCESS', actor: 'system', targets });
    } catch (err) {
      writeLog(this.store, {
        eventType: 'application.provision.group.remove', displayMessage: 'Remove group from external application', result: 'FAILURE',
        reason: reasonOf(err, app, name), actor: 'system', targets,
      });
    }
  }

  private failMapping(app: AppRecord, mapping: PushMappingRecord, err: unknown, groupName: string): void {
    const reason = reasonOf(err, app, groupName);
    const t = nowIso();
    Object.assign(mapping, { status: 'ERROR', errorSummary: reason, lastUpdated: t } satisfies Partial<PushMappingRecord>);
    const source = this.store.groupsById.get(mapping.sourceGroupId);
    writeLog(this.store, {
      eventType: 'application.provision.group_push.push', displayMessage: 'Push group to external application', result: 'FAILURE',
      reason, actor: 'system', targets: [...(source ? [groupTarget(source)] : []), appTarget(app)],
    });
  }
}

function patchMembers(client: ScimClient, scimGroupId: string, operations: unknown[]): Promise<ScimResponse> {
  return call(client, 'PATCH', `/Groups/${encodeURIComponent(scimGroupId)}`, { schemas: [SCIM_PATCH_SCHEMA], Operations: operations });
}

function groupFailureText(app: AppRecord, groupName: string, what: string, res: ScimResponse): string {
  return `Unable to push group ${groupName} to app ${app.label}: Error while ${what}: ${describeScimFailure(res)}`;
}
