import { describe, expect, it } from 'vitest';
import { suggestRoles } from './role-suggestions';

/** Roles as UserRolesGetByParameters lists them for an organization. */
const ROLES = [
  { id: '6a1f0c1e-0000-4000-8000-000000000001', name: 'Global Administrator' },
  { id: '6a1f0c1e-0000-4000-8000-000000000002', name: 'Administrator' },
  { id: '6a1f0c1e-0000-4000-8000-000000000003', name: 'Help Desk' },
  { id: '6a1f0c1e-0000-4000-8000-000000000004', name: 'Approver' },
  { id: '6a1f0c1e-0000-4000-8000-000000000005', name: 'Read Only' },
];
const roleId = (name: string) => ROLES.find((r) => r.name === name)!.id;

const one = (groupName: string, roles = ROLES) => {
  const out = suggestRoles([{ id: '00g1', name: groupName }], roles);
  expect(out).toHaveLength(1);
  return out[0]!;
};

describe('suggestRoles', () => {
  it.each([
    ['ThreatLocker Admins', 'Administrator'],
    ['ThreatLocker Administrators', 'Administrator'],
    ['TL-Admin', 'Administrator'],
    ['ThreatLocker Global Admins', 'Global Administrator'],
    ['ThreatLocker Read Only', 'Read Only'],
    ['Read-Only Users', 'Read Only'],
    ['ThreatLocker ReadOnly', 'Read Only'],
    ['ThreatLocker Read Only Admins', 'Read Only'],
    ['ThreatLocker Help Desk', 'Help Desk'],
    ['Helpdesk Team', 'Help Desk'],
    ['Help Desk Admins', 'Help Desk'],
    ['ThreatLocker Approvers', 'Approver'],
  ])('%s -> %s (by name)', (group, role) => {
    const s = one(group);
    expect(s.roleName).toBe(role);
    expect(s.roleId).toBe(roleId(role));
    expect(s.basis).toBe('name');
  });

  it('prefers the role with fewer extra words: a plain "Admins" group is not made Global Administrator', () => {
    expect(one('Admins', [ROLES[0]!, ROLES[1]!]).roleName).toBe('Administrator');
    expect(one('Admins', [ROLES[1]!, ROLES[0]!]).roleName).toBe('Administrator');
  });

  it('on a tie with the read-only role, errs towards less access whatever the list order', () => {
    // "Help Desk Read Only" matches Help Desk and Read Only equally well.
    expect(one('Help Desk Read Only').roleName).toBe('Read Only');
    expect(one('Help Desk Read Only', [...ROLES].reverse()).roleName).toBe('Read Only');
  });

  it.each(['Marketing', 'Everyone', 'ThreatLocker', 'Okta Group 7', '', 'SOC'])('falls back to Read Only for %j', (group) => {
    const s = one(group);
    expect(s).toMatchObject({ roleName: 'Read Only', roleId: roleId('Read Only'), basis: 'least-privilege' });
  });

  it.each(['Read-Only', 'read only', 'ReadOnly', ' READ ONLY '])('finds the fallback role spelled %j', (name) => {
    const roles = [{ id: 'r-admin', name: 'Administrator' }, { id: 'r-ro', name }];
    expect(one('Marketing', roles)).toMatchObject({ roleId: 'r-ro', basis: 'least-privilege' });
  });

  it('suggests nothing for an unmatched group when there is no read-only role (never a guessed higher role)', () => {
    const roles = [ROLES[0]!, ROLES[1]!, ROLES[2]!];
    const out = suggestRoles(
      [
        { id: '00g1', name: 'Marketing' },
        { id: '00g2', name: 'ThreatLocker Admins' },
      ],
      roles,
    );
    expect(out).toEqual([{ oktaGroupId: '00g2', oktaGroupName: 'ThreatLocker Admins', roleId: roleId('Administrator'), roleName: 'Administrator', basis: 'name' }]);
  });

  it('suggests nothing when the organization has no roles', () => {
    expect(suggestRoles([{ id: '00g1', name: 'ThreatLocker Admins' }], [])).toEqual([]);
  });

  it('keeps each group id and name, in order, and only ever suggests a role from the list', () => {
    const groups = [
      'ThreatLocker Admins', 'Read Only', 'Marketing', 'Help Desk', 'Adm', 'Administrator of Things', 'Global Readers',
      'Approvals', 'IT', 'Security Operations', 'tl_admins', 'R', 'Non-Admin Users', '🙂',
    ].map((name, i) => ({ id: `00g${i}`, name }));
    const out = suggestRoles(groups, ROLES);
    expect(out.map((s) => [s.oktaGroupId, s.oktaGroupName])).toEqual(groups.map((g) => [g.id, g.name]));
    for (const s of out) {
      const role = ROLES.find((r) => r.id === s.roleId);
      expect(role, s.oktaGroupName).toBeDefined();
      expect(s.roleName).toBe(role!.name);
    }
  });

  it('does not match on short fragments ("IT", "Adm")', () => {
    expect(one('IT').basis).toBe('least-privilege');
    expect(one('Adm').basis).toBe('least-privilege');
  });
});

describe('negated group names', () => {
  const roles = [
    { id: 'r-admin', name: 'Administrator' },
    { id: 'r-ro', name: 'Read Only' },
    { id: 'r-approver', name: 'Approver' },
  ];
  it.each(['Non-Admin Users', 'No Admin Access', 'Not Approvers', 'Staff without admin'])('"%s" gets the least-privileged role, never the one it negates', (name) => {
    const [s] = suggestRoles([{ id: 'g1', name }], roles);
    expect(s).toMatchObject({ roleId: 'r-ro', basis: 'least-privilege' });
  });
});
