import { describe, expect, it } from 'vitest';
import type { MappingRow } from './mapping-validation';
import { roleImpact, rolesOf, indexRows, type ImpactPerson } from './role-impact';

const row = (oktaGroupId: string, oktaGroupName: string, roleName: string): MappingRow => ({ oktaGroupId, oktaGroupName, roleId: `r-${roleName}`, roleName });
const person = (key: string, groups: ImpactPerson['groups']): ImpactPerson => ({ key, name: `Person ${key}`, userName: `${key}@example.com`, groups });
const admins = { id: 'g1', name: 'TL Admins' };
const readers = { id: 'g2', name: 'TL Read Only' };
const helpdesk = { id: 'g3', name: 'IT Helpdesk' };
const rows = [row('g1', 'TL Admins', 'Administrator'), row('g2', 'TL Read Only', 'Read Only'), row('g3', 'IT Helpdesk', 'Read Only')];

describe('roleImpact', () => {
  it('counts people per role, flags two roles with the groups they come through, and lists pushed-group members with no role', () => {
    const people = [
      person('a', [admins]),
      person('b', [admins, readers]),
      person('c', [readers, helpdesk]), // two groups, one role: not flagged
      person('d', [{ id: 'g9', name: 'Sales' }]),
      person('e', []),
    ];
    const impact = roleImpact(people, rows);
    expect(impact.people).toBe(5);
    expect(impact.inPushedGroups).toBe(4);
    expect(impact.roles).toEqual([
      { roleId: 'r-Administrator', roleName: 'Administrator', listed: true, people: 2, groups: ['TL Admins'] },
      { roleId: 'r-Read Only', roleName: 'Read Only', listed: true, people: 2, groups: ['TL Read Only', 'IT Helpdesk'] },
    ]);
    expect(impact.multiRole).toEqual({
      total: 1,
      people: [{ key: 'b', name: 'Person b', userName: 'b@example.com', roles: [
        { roleId: 'r-Administrator', roleName: 'Administrator', via: ['TL Admins'] },
        { roleId: 'r-Read Only', roleName: 'Read Only', via: ['TL Read Only'] },
      ] }],
    });
    expect(impact.noRole).toEqual({ total: 1, people: [{ key: 'd', name: 'Person d', userName: 'd@example.com', groups: ['Sales'], missingRoles: [] }] });
  });

  it('matches by group id when the status data has one (a renamed group still maps), by name when it has none', () => {
    const lookup = indexRows(rows);
    // Renamed in Okta since the mapping was saved: the id still matches.
    expect(rolesOf([{ id: 'g1', name: 'Portal Admins (renamed)' }], lookup).roles.map((r) => r.roleName)).toEqual(['Administrator']);
    // Same name, different id: a different group, so no role.
    expect(rolesOf([{ id: 'g7', name: 'TL Admins' }], lookup)).toEqual({ roles: [], unmapped: ['TL Admins'] });
    // No id in the status data: the name decides (case and spaces ignored).
    expect(rolesOf([{ name: ' tl admins ' }], lookup).roles.map((r) => r.roleName)).toEqual(['Administrator']);
    // A row saved without an id (typed or imported by name) matches a group by name.
    expect(rolesOf([{ id: 'g5', name: 'Finance' }], indexRows([row('', 'Finance', 'Auditor')])).roles.map((r) => r.roleName)).toEqual(['Auditor']);
  });

  it('caps the lists but counts everyone', () => {
    const many = Array.from({ length: 250 }, (_, i) => person(`p${i}`, [admins, readers]));
    const impact = roleImpact(many, rows, { cap: 100 });
    expect(impact.multiRole.total).toBe(250);
    expect(impact.multiRole.people).toHaveLength(100);
    expect(impact.roles.map((r) => r.people)).toEqual([250, 250]);
  });

  it('with no rows, everyone in a pushed group has no role', () => {
    const impact = roleImpact([person('a', [admins]), person('b', [])], []);
    expect(impact.roles).toEqual([]);
    expect(impact.noRole.total).toBe(1);
    expect(impact.multiRole.total).toBe(0);
  });

  describe('a role ThreatLocker no longer lists', () => {
    const listed = [{ id: 'r-Administrator', name: 'Administrator' }]; // "Read Only" was deleted in ThreatLocker
    const people = [
      person('a', [admins]),
      person('b', [admins, readers]), // Administrator and a deleted role: one role, not flagged
      person('c', [readers, helpdesk]), // only the deleted role: no role
      person('d', [{ id: 'g9', name: 'Sales' }]),
    ];

    it('marks the row unlisted, counts its members, and puts a person whose only role it is under "no role"', () => {
      const impact = roleImpact(people, rows, { roles: listed });
      expect(impact.roles.map((r) => [r.roleName, r.listed, r.people])).toEqual([
        ['Administrator', true, 2],
        ['Read Only', false, 2],
      ]);
      expect(impact.multiRole.total).toBe(0);
      expect(impact.noRole.total).toBe(2);
      expect(impact.noRole.people).toEqual([
        { key: 'c', name: 'Person c', userName: 'c@example.com', groups: ['TL Read Only', 'IT Helpdesk'], missingRoles: ['Read Only'] },
        { key: 'd', name: 'Person d', userName: 'd@example.com', groups: ['Sales'], missingRoles: [] },
      ]);
    });

    it('matches the list by role id, or by name for a row saved by name', () => {
      const byName = [{ oktaGroupId: 'g2', oktaGroupName: 'TL Read Only', roleId: '', roleName: ' read only ' }];
      expect(roleImpact([person('c', [readers])], byName, { roles: [{ id: 'x', name: 'Read Only' }] }).roles[0]!.listed).toBe(true);
      expect(roleImpact([person('c', [readers])], byName, { roles: listed }).noRole.total).toBe(1);
    });

    it('with no role list (not read yet) every role counts as existing', () => {
      const impact = roleImpact(people, rows);
      expect(impact.roles.every((r) => r.listed)).toBe(true);
      expect(impact.multiRole.total).toBe(1);
      expect(impact.noRole.total).toBe(1);
    });
  });
});
