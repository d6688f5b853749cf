import { provisioningNotEnabled, validationFailed } from './okta-errors';
import { appTarget, groupTarget, writeLog } from './okta-system-log';
import type { AppRecord, GroupRecord, OktaStore, PushMappingRecord } from './okta-store';
import { nowIso } from './okta-store';
import type { ProvisioningEngine } from './provisioning-engine';

/**
 * Group push mappings (the app's Push Groups tab): which Okta group is pushed to which app group.
 * Creating or re-activating one queues the push; the engine's GroupPushTasks does the SCIM work.
 */
export class OktaPushMappings {
  constructor(
    private readonly store: OktaStore,
    private readonly engine: ProvisioningEngine,
  ) {}

  assertAvailable(app: AppRecord): void {
    if (!app.provisioning.scimEnabled) throw provisioningNotEnabled();
    const conn = app.provisioning.connection;
    if (!conn || !conn.actions.pushGroups) {
      throw validationFailed('groupPush', 'Group push is not enabled for the app instance: select "Push Groups" in the SCIM connection settings.');
    }
  }

  create(app: AppRecord, source: GroupRecord, target: { id?: string; name?: string }, status: 'ACTIVE' | 'INACTIVE'): PushMappingRecord {
    let targetGroup: GroupRecord | undefined;
    if (target.id) {
      targetGroup = this.store.groupsById.get(target.id);
      if (!targetGroup || targetGroup.type !== 'APP_GROUP' || targetGroup.sourceAppId !== app.id) {
        throw validationFailed('targetGroupId', `targetGroupId: No group ${target.id} exists in the target app.`);
      }
    } else {
      // "If the group already exists, it links to the existing group."
      const name = target.name!;
      targetGroup = this.store.groups.find((g) => g.type === 'APP_GROUP' && g.sourceAppId === app.id && g.name.toLowerCase() === name.toLowerCase());
      if (!targetGroup) {
        const t = nowIso();
        targetGroup = {
          seq: this.store.nextSeq(), id: this.store.ids.next('00g'), type: 'APP_GROUP', name, description: null,
          created: t, lastUpdated: t, lastMembershipUpdated: t, members: [], everyone: false, sourceAppId: app.id,
        };
        this.store.addGroup(targetGroup);
      }
    }
    for (const m of app.pushMappings.values()) {
      if (m.sourceGroupId === source.id) throw validationFailed('sourceGroupId', `sourceGroupId: Group ${source.id} is already pushed to this app.`);
      if (m.targetGroupId === targetGroup.id) throw validationFailed('targetGroupId', `targetGroupId: Group ${targetGroup.id} is already the target of another mapping.`);
    }
    const t = nowIso();
    const mapping: PushMappingRecord = {
      seq: this.store.nextSeq(), id: this.store.ids.next('gPm'), sourceGroupId: source.id, targetGroupId: targetGroup.id,
      status, errorSummary: null, lastPush: null, created: t, lastUpdated: t,
    };
    app.pushMappings.set(mapping.id, mapping);
    writeLog(this.store, {
      eventType: 'application.provision.group_push.mapping.created', displayMessage: 'Group push mapping created', result: 'SUCCESS',
      targets: [groupTarget(source), appTarget(app)],
    });
    if (status === 'ACTIVE') this.engine.enqueue({ kind: 'push-group', appId: app.id, mappingId: mapping.id });
    return mapping;
  }

  setStatus(app: AppRecord, mapping: PushMappingRecord, status: 'ACTIVE' | 'INACTIVE'): void {
    const was = mapping.status;
    mapping.status = status;
    mapping.lastUpdated = nowIso();
    if (status === 'INACTIVE') mapping.errorSummary = null;
    // Changing to ACTIVE (also from ERROR) runs the initial push to the target group again.
    if (status === 'ACTIVE' && was !== 'ACTIVE') this.engine.enqueue({ kind: 'push-group', appId: app.id, mappingId: mapping.id });
  }

  remove(app: AppRecord, mapping: PushMappingRecord, deleteTargetGroup: boolean): void {
    if (mapping.status !== 'INACTIVE') {
      throw validationFailed('status', 'status: The group push mapping must be INACTIVE before it can be deleted.');
    }
    app.pushMappings.delete(mapping.id);
    if (deleteTargetGroup) {
      const target = this.store.groupsById.get(mapping.targetGroupId);
      const scimId = app.provisioning.scimGroupIds.get(mapping.targetGroupId);
      if (scimId && target) this.engine.enqueue({ kind: 'delete-target-group', appId: app.id, scimGroupId: scimId, name: target.name });
      app.provisioning.scimGroupIds.delete(mapping.targetGroupId);
      this.store.removeGroup(mapping.targetGroupId);
    }
  }
}
