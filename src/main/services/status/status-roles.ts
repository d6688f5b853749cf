import { roleListing, type MappingRow } from '../../../shared/mapping-validation';
import { addToList } from '../../../shared/multimap';
import type { Profile } from '../../../shared/profile';
import type { MappedRoles } from '../../../shared/provisioning-status';
import { indexRows, rolesOf, type ImpactPerson } from '../../../shared/role-impact';
import { readStepData, type NamedRef } from '../../../shared/setup-data';
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
 * ThreatLocker's roles as the portal API listed them at step 10's last run, read from the profile
 * (not from the renderer), and when. No roles: not listed yet.
 */
export function listedRolesOf(profile: Profile): { roles?: NamedRef[]; at: string | null } {
  const step = profile.setup.steps['group-mapping'];
  const roles = readStepData('group-mapping', step?.data).data.roles;
  return roles ? { roles, at: step!.updatedAt } : { at: null };
}

/**
 * One person's role(s) from the saved mapping, for the person panel. Undefined when nothing is
 * saved, or for someone Okta does not assign (a local ThreatLocker admin's role is set there).
 * A role ThreatLocker no longer lists is kept apart: the person gets no role through it.
 */
export function mappedRolesOf(person: JoinedPerson, pushMappings: readonly PushMappingLite[] = [], saved: readonly MappingRow[], listedRoles?: readonly NamedRef[]): MappedRoles | undefined {
  if (!saved.length || !person.appUser) return undefined;
  const id = person.appUser.id;
  const groups = pushMappings.filter((m) => m.memberIds.includes(id)).map((m) => ({ id: m.sourceGroupId, name: m.sourceName }));
  const { roles, unmapped } = rolesOf(groups, indexRows(saved));
  const listed = roleListing(listedRoles);
  return { roles: roles.filter(listed), missingRoles: roles.filter((r) => !listed(r)), unmappedGroups: unmapped, inPushedGroup: groups.length > 0 };
}

function groupsByOktaUser(pushMappings: readonly PushMappingLite[]): Map<string, { id: string; name: string }[]> {
  const out = new Map<string, { id: string; name: string }[]>();
  for (const m of pushMappings) {
    const group = { id: m.sourceGroupId, name: m.sourceName };
    for (const uid of m.memberIds) addToList(out, uid, group);
  }
  return out;
}
