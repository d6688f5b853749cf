/**
 * `--provisioned`: a finished setup, made the way the wizard makes it today, so scripts and demos
 * start from a working integration. Okta's API is called over HTTP like the console does; what
 * only the Admin Console can do (Provisioning: SCIM, the SCIM connection, To App) goes through
 * the sandbox controls, as the wizard's "play" does.
 *
 * Result: the SAML app with SCIM on and To App on; an assignment group filled by an
 * isMemberOfAnyGroup rule from the pushed role groups and assigned to the app; the role groups
 * pushed; their members provisioned, a few without primaryPhone in ERROR; one user deactivated in
 * ThreatLocker (removed from the groups); the MSP's own local ThreatLocker admins untouched. The
 * provisioning engine keeps running, so later changes in Okta flow on as in a real org.
 */
import { buildCreateAppBody } from '../src/main/services/setup/app-settings';
import { assignmentGroupName, assignmentRuleName, ruleExpression } from '../src/main/services/setup/steps/assignment-group';
import type { OktaSimulator } from './okta/okta-simulator';
import type { ThreatLockerSimulator } from './threatlocker/threatlocker-simulator';

export const PROVISIONED_ROLE_GROUPS = ['ThreatLocker Admins', 'ThreatLocker Read Only'] as const;
const LABEL = 'ThreatLocker';

export interface ProvisionedSetup {
  appId: string;
  assignmentGroupId: string;
  pushedGroupIds: string[];
}

export async function seedProvisionedSetup(okta: OktaSimulator, tl: ThreatLockerSimulator): Promise<ProvisionedSetup> {
  const api = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${okta.url}${path}`, {
      method,
      headers: { authorization: `SSWS ${okta.apiToken}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const store = okta.state.store;
  const groupId = (name: string) => {
    const g = store.groups.find((x) => x.name === name);
    if (!g) throw new Error(`the seed has no group "${name}" (seed more groups)`);
    return g.id;
  };
  const pushedGroupIds = PROVISIONED_ROLE_GROUPS.map(groupId);

  const app = await api<{ id: string }>('POST', '/api/v1/apps', buildCreateAppBody(tl.instance, { label: LABEL, defaultRelayState: '', hideTile: true }));
  okta.controls.enableScimProvisioning(app.id);
  okta.controls.setScimConnection(app.id, { baseUrl: tl.scimUrl, headerToken: tl.scimToken });
  okta.controls.setToAppFeatures(app.id, { createUsers: true, updateUserAttributes: true, deactivateUsers: true });

  // A few members lose primaryPhone first, so their push fails the way ThreatLocker's article warns.
  const members = [...new Set(pushedGroupIds.flatMap((id) => store.membersOf(store.groupsById.get(id)!)))].filter((u) => u.status === 'ACTIVE');
  for (const u of members.slice(0, 3)) await api('POST', `/api/v1/users/${u.id}`, { profile: { primaryPhone: null } });

  const assignment = await api<{ id: string }>('POST', '/api/v1/groups', { profile: { name: assignmentGroupName(LABEL), description: 'Assigns the ThreatLocker app; filled by a group rule from the pushed groups.' } });
  const rule = await api<{ id: string }>('POST', '/api/v1/groups/rules', {
    type: 'group_rule',
    name: assignmentRuleName(app.id),
    conditions: { expression: { value: ruleExpression(pushedGroupIds), type: 'urn:okta:expression:1.0' } },
    actions: { assignUserToGroups: { groupIds: [assignment.id] } },
  });
  await api('POST', `/api/v1/groups/rules/${rule.id}/lifecycle/activate`);
  await api('PUT', `/api/v1/apps/${app.id}/groups/${assignment.id}`, {});
  for (const [i, id] of pushedGroupIds.entries()) {
    await api('POST', `/api/v1/apps/${app.id}/group-push/mappings`, { sourceGroupId: id, targetGroupName: PROVISIONED_ROLE_GROUPS[i], status: 'ACTIVE' });
  }
  await okta.controls.whenIdle();

  // One provisioned user leaves the role groups: the rule drops them from the assignment group and
  // Okta deactivates them in ThreatLocker.
  const leaver = members.slice(3).find((u) => store.apps.get(app.id)?.users.get(u.id)?.externalId);
  if (leaver) {
    for (const id of pushedGroupIds) {
      if (store.isMember(store.groupsById.get(id)!, leaver)) await api('DELETE', `/api/v1/groups/${id}/users/${leaver.id}`);
    }
    await okta.controls.whenIdle();
  }
  return { appId: app.id, assignmentGroupId: assignment.id, pushedGroupIds };
}
