import type { MappingRow } from '../../../shared/mapping-validation';
import type { MappedRoles } from '../../../shared/provisioning-status';
import { indexRows, rolesOf, type ImpactPerson } from '../../../shared/role-impact';
import type { JoinedPerson, JoinResult } from './status-join';
import type { PushMappingLite } from './status-sources';

/**
 * The status data's people with the pushed groups they are in, as the role preview needs them.
 * Okta's push mappings carry each group's id (sourceGroupId), so groups are matched to mapping
 * rows by id here; the name is kept for the rows saved without one and for display.
 */
export function impactPeople(join: JoinResult, pushMappings: readonly PushMappingLite[] = []): ImpactPerson[] {
  const groupsOf = groupsByOktaUser(pushMappings);
  return join.people.map((p) => ({ key: p.row.key, name: p.row.name, userName: p.row.userName, groups: p.appUser ? (groupsOf.get(p.appUser.id) ?? []) : [] }));
}

/**
 * One person's role(s) from the saved mapping, for the person panel. Undefined when nothing is
 * saved, or for someone Okta does not assign (a local ThreatLocker admin's role is set there).
 */
export function mappedRolesOf(person: JoinedPerson, pushMappings: readonly PushMappingLite[] = [], saved: readonly MappingRow[]): MappedRoles | undefined {
  if (!saved.length || !person.appUser) return undefined;
  const id = person.appUser.id;
  const groups = pushMappings.filter((m) => m.memberIds.includes(id)).map((m) => ({ id: m.sourceGroupId, name: m.sourceName }));
  const { roles, unmapped } = rolesOf(groups, indexRows(saved));
  return { roles, unmappedGroups: unmapped, inPushedGroup: groups.length > 0 };
}

function groupsByOktaUser(pushMappings: readonly PushMappingLite[]): Map<string, { id: string; name: string }[]> {
  const out = new Map<string, { id: string; name: string }[]>();
  for (const m of pushMappings) {
    const group = { id: m.sourceGroupId, name: m.sourceName };
    for (const uid of m.memberIds) {
      const list = out.get(uid);
      if (list) list.push(group);
      else out.set(uid, [group]);
    }
  }
  return out;
}
