import { describe, expect, it } from 'vitest';
import { validateMappings } from '../../../../../shared/mapping-validation';
import { draftFrom, resolveDraft } from './draft-rows';
import { pushedFacts } from './pushed-facts';
import { reduce } from './use-undoable';

describe('mapping editor draft', () => {
  const groups = new Map([['tl admins', { id: 'g1', name: 'TL Admins' }]]);
  const roles = [{ id: 'r1', name: 'Administrator' }];

  it('resolves typed names case-insensitively, skips blank rows and turns unknown groups and missing roles into row issues', () => {
    const got = resolveDraft(
      [
        { key: 'a', group: 'tl admins ', role: 'r1' },
        { key: 'b', group: '', role: '' },
        { key: 'c', group: 'Nope', role: 'r1' },
        { key: 'd', group: 'TL Admins', role: '' },
      ],
      groups,
      roles,
    );
    expect(got.rows).toEqual([{ draft: 0, oktaGroupId: 'g1', oktaGroupName: 'TL Admins', roleId: 'r1', roleName: 'Administrator' }]);
    expect(got.issues.map((i) => `${i.draft}:${i.message}`)).toEqual(['2:No Okta group named "Nope" was found.', '3:Pick a ThreatLocker role for "TL Admins".']);
  });

  it('keeps the saved name of a role ThreatLocker no longer lists, so the unknown-role problem names it; picking a listed role clears it', () => {
    const saved = [{ oktaGroupId: 'g1', oktaGroupName: 'TL Admins', roleId: 'r-gone', roleName: 'Helpdesk' }];
    const draft = draftFrom(saved, true);
    const got = resolveDraft(draft, groups, roles);
    expect(got.rows).toEqual([{ draft: 0, ...saved[0] }]);
    expect(validateMappings(got.rows, { roles }).map((i) => `${i.code}:${i.message}`)).toEqual(['unknown-role:Role "Helpdesk" does not exist in this ThreatLocker organization.']);
    const fixed = resolveDraft([{ ...draft[0]!, role: 'r1' }], groups, roles);
    expect(fixed.rows[0]).toMatchObject({ roleId: 'r1', roleName: 'Administrator' });
    expect(validateMappings(fixed.rows, { roles })).toEqual([]);
  });

  it('counts a group as pushed only when step 8\'s read-back shows its push mapping', () => {
    const selected = [{ id: 'g1', name: 'TL Admins' }, { id: 'g2', name: 'Sales' }, { id: 'g3', name: 'IT' }];
    expect(pushedFacts(selected, undefined).map((g) => g.id)).toEqual(['g1', 'g2', 'g3']);
    const readBack = [
      { id: 'g1', name: 'TL Admins', assigned: false, mappingStatus: 'ACTIVE' },
      { id: 'g3', name: 'IT', assigned: false }, // picked, but its push was never made
    ];
    expect(pushedFacts(selected, readBack)).toEqual([readBack[0]]);
    const rows = [{ oktaGroupId: 'g2', oktaGroupName: 'Sales', roleId: 'r1', roleName: 'Administrator' }];
    expect(validateMappings(rows, { pushed: pushedFacts(selected, readBack) }).map((i) => `${i.code}:${i.groupName}`)).toEqual(['not-pushed:Sales', 'unmapped-pushed:TL Admins']);
  });

  it('undoes and redoes, merges edits of one cell into one step, and a new edit clears redo', () => {
    let h = reduce<number>({ past: [], present: 0, future: [] }, { type: 'set', value: 1 });
    h = reduce(h, { type: 'set', value: 2, key: 'cell' });
    h = reduce(h, { type: 'set', value: 3, key: 'cell' });
    expect(h.past).toEqual([0, 1]);
    h = reduce(h, { type: 'undo' });
    expect(h.present).toBe(1);
    h = reduce(h, { type: 'redo' });
    expect(h.present).toBe(3);
    h = reduce(reduce(h, { type: 'undo' }), { type: 'set', value: 9 });
    expect(h).toMatchObject({ present: 9, future: [] });
    expect(reduce({ past: [], present: 5, future: [] }, { type: 'undo' }).present).toBe(5);
  });
});
