import { describe, expect, it } from 'vitest';
import { groupFilter } from './group-filter';
import { isAdminWideRole, validateMappings, type MappingRow } from './mapping-validation';
import type { PushedGroup } from './setup-data';

const pushed = (id: string, name: string, extra: Partial<PushedGroup> = {}): PushedGroup => ({ id, name, assigned: false, mappingStatus: 'ACTIVE', ...extra });
const row = (oktaGroupId: string, oktaGroupName: string, roleId: string, roleName: string): MappingRow => ({ oktaGroupId, oktaGroupName, roleId, roleName });
const roles = [{ id: 'r-admin', name: 'Global Administrator' }, { id: 'r-ro', name: 'Read Only' }];
const facts = { pushed: [pushed('g1', 'TL Admins'), pushed('g2', 'TL Helpdesk')], roles, goneGroupIds: new Set<string>() };
const codes = (rows: MappingRow[], f = facts) => validateMappings(rows, f).map((i) => `${i.code}@${i.row ?? i.groupName}`);

describe('validateMappings', () => {
  it('passes one row per pushed group with roles that exist', () => {
    expect(codes([row('g1', 'TL Admins', 'r-admin', 'Global Administrator'), row('g2', 'TL Helpdesk', 'r-ro', 'Read Only')])).toEqual([]);
  });

  it('flags a group that is not pushed, a role missing in the org, a group mapped twice and a pushed group left unmapped', () => {
    expect(codes([row('g3', 'Sales', 'r-ro', 'Read Only'), row('g1', 'TL Admins', 'r-x', 'Auditor'), row('g1', 'TL Admins', 'r-ro', 'Read Only')])).toEqual([
      'not-pushed@0', 'unknown-role@1', 'mapped-twice@2', 'unmapped-pushed@TL Helpdesk',
    ]);
  });

  it('shows a push in ERROR with its errorSummary and the old-style assigned-and-pushed group', () => {
    const f = { ...facts, pushed: [pushed('g1', 'TL Admins', { mappingStatus: 'ERROR', errorSummary: 'Group name already exists' }), pushed('g2', 'TL Helpdesk', { assigned: true })] };
    const issues = validateMappings([row('g1', 'TL Admins', 'r-ro', 'Read Only'), row('g2', 'TL Helpdesk', 'r-ro', 'Read Only')], f);
    expect(issues.map((i) => i.code)).toEqual(['push-error', 'assigned-and-pushed']);
    expect(issues[0]!.message).toContain('Group name already exists');
  });

  it('flags a group deleted from Okta, and an admin-wide role on a large group with its member count', () => {
    const f = { ...facts, goneGroupIds: new Set(['g1']), memberCounts: { g2: 120 } };
    const issues = validateMappings([row('g1', 'TL Admins', 'r-ro', 'Read Only'), row('g2', 'TL Helpdesk', 'r-admin', 'Global Administrator')], f);
    expect(issues.map((i) => `${i.code}:${i.severity}`)).toEqual(['group-gone:error', 'broad-admin:review']);
    expect(issues[1]!.message).toContain('120 members');
  });

  it('skips the checks whose side was not read instead of passing them', () => {
    expect(codes([row('g9', 'Anything', 'x', 'Typed Role')], {} as typeof facts)).toEqual([]);
  });

  it('recognises administrator-wide role names but not read-only ones', () => {
    expect(['Global Administrator', 'Admin', 'Super User', 'Administrators'].map(isAdminWideRole)).toEqual([true, true, true, true]);
    expect(['Read Only Admin', 'Helpdesk', 'Viewer'].map(isAdminWideRole)).toEqual([false, false, false]);
  });
});

describe('groupFilter', () => {
  it('puts pushed groups first, matches case-insensitively anywhere in the name and caps the list', () => {
    const filter = groupFilter([{ id: '1', name: 'Finance Admins' }, { id: '2', name: 'TL Admins', pushed: true }, { id: '3', name: 'Sales' }]);
    expect(filter('admin').map((g) => g.id)).toEqual(['2', '1']);
    expect(filter('', 2).map((g) => g.id)).toEqual(['2', '1']);
    expect(filter('nothing')).toEqual([]);
  });
});
