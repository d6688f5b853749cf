import { z } from 'zod';
import { roleListing, type MappingRow } from './mapping-validation';
import { addToList } from './multimap';

/**
 * Who gets which ThreatLocker role: the mapping rows applied to the people of the status data.
 * ThreatLocker gives a person the role of each pushed group they are in; two groups mapped to two
 * different roles is a person with two roles, which the admin should review. A row whose role
 * ThreatLocker no longer lists (deleted there) gives no role. Pure and linear in
 * people x their groups + rows (20,000 people x 2,000 rows: see scripts/bench-mapping.ts).
 */

/** A person of the status data and the pushed groups they are in. */
export interface ImpactPerson {
  key: string;
  name: string;
  userName: string;
  /** id: the Okta group id, when the status data has it (Okta's push mappings name their sourceGroupId). */
  groups: readonly { id?: string; name: string }[];
}

// Results carry names as Okta and ThreatLocker gave them: no length limit (the request's rows have one).
const text = z.string();
export const personRoleSchema = z.object({ roleId: text, roleName: text, via: z.array(text) });
export type PersonRole = z.infer<typeof personRoleSchema>;

const personRef = { key: text, name: text, userName: text };
export const roleImpactSchema = z.object({
  /** Everyone in the status data; inPushedGroups of them are in at least one pushed group. */
  people: z.number(),
  inPushedGroups: z.number(),
  /** listed: false when ThreatLocker's role list (step 10's last run) no longer has the role: its `people` get no role through it. */
  roles: z.array(z.object({ roleId: text, roleName: text, listed: z.boolean(), people: z.number(), groups: z.array(text) })),
  /** Two or more listed roles each. */
  multiRole: z.object({ total: z.number(), people: z.array(z.object({ ...personRef, roles: z.array(personRoleSchema) })) }),
  /** In a pushed group but no listed role; missingRoles: the unlisted roles their rows name. */
  noRole: z.object({ total: z.number(), people: z.array(z.object({ ...personRef, groups: z.array(text), missingRoles: z.array(text) })) }),
});
export type RoleImpact = z.infer<typeof roleImpactSchema>;

/** The rows a caller may send over IPC: as many as an editor holds, each cell of a sane length. */
export const impactRowsSchema = z
  .array(z.object({ oktaGroupId: z.string().max(200), oktaGroupName: z.string().max(500), roleId: z.string().max(200), roleName: z.string().max(500) }))
  .max(5_000, 'At most 5,000 mapping rows.');

/** The rows, looked up by group: by id when the row has one, by name when it has none. */
export interface RowLookup {
  byId: Map<string, MappingRow[]>;
  byNameNoId: Map<string, MappingRow[]>;
  byName: Map<string, MappingRow[]>;
}

const nameKey = (name: string) => name.trim().toLowerCase();
const roleKey = (r: { roleId: string; roleName: string }) => nameKey(r.roleId || r.roleName);

export function indexRows(rows: readonly MappingRow[]): RowLookup {
  const lookup: RowLookup = { byId: new Map(), byNameNoId: new Map(), byName: new Map() };
  for (const r of rows) {
    if (r.oktaGroupId) addToList(lookup.byId, r.oktaGroupId, r);
    else addToList(lookup.byNameNoId, nameKey(r.oktaGroupName), r);
    addToList(lookup.byName, nameKey(r.oktaGroupName), r);
  }
  return lookup;
}

/**
 * The roles one person's groups map to, each with the groups it comes through, and the groups
 * that map to none. A group with an id matches rows by that id (a renamed group still matches)
 * and rows saved without an id by name; a group the status data names only is matched by name.
 */
export function rolesOf(groups: ImpactPerson['groups'], lookup: RowLookup): { roles: PersonRole[]; unmapped: string[] } {
  const byRole = new Map<string, PersonRole>();
  const unmapped: string[] = [];
  for (const g of groups) {
    const rows = g.id ? [...(lookup.byId.get(g.id) ?? []), ...(lookup.byNameNoId.get(nameKey(g.name)) ?? [])] : (lookup.byName.get(nameKey(g.name)) ?? []);
    if (!rows.length) unmapped.push(g.name);
    for (const r of rows) {
      const have = byRole.get(roleKey(r));
      if (!have) byRole.set(roleKey(r), { roleId: r.roleId, roleName: r.roleName, via: [g.name] });
      else if (!have.via.includes(g.name)) have.via.push(g.name);
    }
  }
  const roles = [...byRole.values()];
  return { roles, unmapped };
}

/**
 * The lists name at most `cap` people each; `total` says how many there are. `roles`: the roles
 * ThreatLocker listed; without them (not read yet) every row's role counts as existing.
 */
export function roleImpact(people: Iterable<ImpactPerson>, rows: readonly MappingRow[], { roles: listedRoles, cap = 100 }: { roles?: readonly { id: string; name: string }[]; cap?: number } = {}): RoleImpact {
  const lookup = indexRows(rows);
  const listed = roleListing(listedRoles);
  const perRole = new Map<string, RoleImpact['roles'][number]>();
  for (const r of rows) {
    const key = roleKey(r);
    const role = perRole.get(key) ?? { roleId: r.roleId, roleName: r.roleName, listed: listed(r), people: 0, groups: [] };
    if (!role.groups.includes(r.oktaGroupName)) role.groups.push(r.oktaGroupName);
    perRole.set(key, role);
  }
  const impact: RoleImpact = { people: 0, inPushedGroups: 0, roles: [], multiRole: { total: 0, people: [] }, noRole: { total: 0, people: [] } };
  for (const p of people) {
    impact.people += 1;
    if (!p.groups.length) continue;
    impact.inPushedGroups += 1;
    const all = rolesOf(p.groups, lookup).roles;
    for (const r of all) perRole.get(roleKey(r))!.people += 1;
    const roles = all.filter((r) => perRole.get(roleKey(r))!.listed);
    if (roles.length >= 2) {
      impact.multiRole.total += 1;
      if (impact.multiRole.people.length < cap) impact.multiRole.people.push({ key: p.key, name: p.name, userName: p.userName, roles });
    } else if (!roles.length) {
      impact.noRole.total += 1;
      if (impact.noRole.people.length < cap) impact.noRole.people.push({ key: p.key, name: p.name, userName: p.userName, groups: p.groups.map((g) => g.name), missingRoles: all.filter((r) => !roles.includes(r)).map((r) => r.roleName) });
    }
  }
  impact.roles = [...perRole.values()];
  return impact;
}
