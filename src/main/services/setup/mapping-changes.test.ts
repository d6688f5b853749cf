import { describe, expect, it } from 'vitest';
import { describeMappingChange, osUserName, recordMappingChange } from './mapping-changes';

const m = (id: string, role: string) => ({ oktaGroupId: id, oktaGroupName: `Group ${id}`, roleId: role, roleName: `Role ${role}` });

describe('mapping change history', () => {
  it('describes additions, role changes and removals in words', () => {
    expect(describeMappingChange([m('1', 'a'), m('2', 'a')], [m('1', 'b'), m('3', 'a')])).toBe('changed Group 1: Role a -> Role b; added Group 3 -> Role a; removed Group 2 -> Role a');
    expect(describeMappingChange([m('1', 'a')], [m('1', 'a')])).toBeUndefined();
  });

  it('records who and when, skips a save that changed nothing, and keeps the last 200', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    expect(recordMappingChange([], [], [m('1', 'a')], 'alice', at)).toEqual([{ at: '2026-01-02T03:04:05.000Z', by: 'alice', summary: 'added Group 1 -> Role a' }]);
    expect(recordMappingChange([], [m('1', 'a')], [m('1', 'a')], 'alice', at)).toEqual([]);
    const long = Array.from({ length: 200 }, (_, i) => ({ at: '', by: 'x', summary: `s${i}` }));
    const next = recordMappingChange(long, [], [m('1', 'a')], 'bob', at);
    expect(next).toHaveLength(200);
    expect(next[0]!.summary).toBe('s1');
    expect(next.at(-1)!.by).toBe('bob');
  });

  it('names the OS user running the tests', () => {
    expect(osUserName()).toBe(process.env.USER ?? osUserName());
  });
});
