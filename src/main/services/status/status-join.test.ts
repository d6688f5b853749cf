import { describe, expect, it } from 'vitest';
import { joinStatus } from './status-join';
import type { AppUserLite, StatusSources } from './status-sources';
import { csvCell, personDetail, RowIndex, toCsv } from './status-view';

const now = new Date('2026-12-01T12:00:00Z');
const user = (id: string, extra: Partial<AppUserLite> = {}, profile: Partial<NonNullable<AppUserLite['user']>> = {}): AppUserLite => ({
  id,
  scope: 'GROUP',
  status: 'PROVISIONED',
  syncState: 'SYNCHRONIZED',
  userName: `${id}@acme.example`,
  user: { status: 'ACTIVE', login: `${id}@acme.example`, firstName: 'Ada', lastName: id, primaryPhone: '+1 555 0100', ...profile },
  ...extra,
});
const tl = (id: string, userName: string, active = true, familyName?: string) => ({ id, userName, givenName: 'Ada', familyName: familyName ?? userName.split('@')[0]!, active });

function sources(): StatusSources {
  return {
    appId: 'app1',
    appUsers: [
      user('u-ok', { externalId: 's-ok' }),
      user('u-phone', { status: 'STAGED', syncState: 'ERROR', externalId: undefined }, { primaryPhone: undefined }),
      user('u-gone', { externalId: 's-gone' }),
      user('u-wait', { status: 'STAGED', syncState: 'DISABLED', statusChanged: '2026-12-01T11:30:00Z', externalId: undefined }),
      user('u-sso', { status: 'ACTIVE', syncState: 'DISABLED', externalId: undefined }),
      user('u-drift', { externalId: 's-drift' }),
      user('u-off', { externalId: 's-off' }, { status: 'DEPROVISIONED' }),
      user('u-offtl', { externalId: 's-offtl' }),
      user('u-byname', {}),
    ],
    logs: [
      { published: '2026-12-01T11:00:00Z', eventType: 'application.provision.user.push', result: 'FAILURE', reason: 'Required property "primaryPhone" is missing from the user profile.', userIds: ['u-phone'], userNames: ['u-phone@acme.example'] },
      { published: '2026-12-01T10:00:00Z', eventType: 'application.provision.user.push', result: 'SUCCESS', userIds: ['u-left'], userNames: ['u-left@acme.example'], externalId: 's-left' },
      { published: '2026-12-01T10:00:00Z', eventType: 'application.provision.user.push', result: 'SUCCESS', userIds: ['u-was'], userNames: ['u-was@acme.example'], externalId: 's-was' },
    ],
    scimUsers: [
      tl('s-ok', 'u-ok@acme.example'),
      tl('s-drift', 'u-drift@acme.example', true, 'Lovelace'),
      tl('s-off', 'u-off@acme.example'),
      tl('s-offtl', 'u-offtl@acme.example', false),
      tl('s-byname', 'U-BYNAME@acme.example'),
      tl('s-left', 'u-left@acme.example', true),
      tl('s-was', 'u-was@acme.example', false),
      tl('s-local', 'msp.owner@acme-msp.example'),
    ],
    scimGroups: [{ id: 'g-tl', displayName: 'Admins', memberIds: ['s-ok', 's-left'] }],
    pushMappings: [{ id: 'm1', sourceGroupId: 'g1', sourceName: 'Admins', targetGroupId: 'g-tl', status: 'ACTIVE', lastPush: '2026-12-01T10:00:00Z', memberIds: ['u-ok', 'u-drift'] }],
    scimHealth: { ok: true },
  };
}

describe('joinStatus', () => {
  const join = joinStatus(sources(), now);
  const cls = (key: string) => join.byKey.get(key)?.row;

  it('classifies every person once, with the field each verdict came from', () => {
    expect(cls('u-ok')).toMatchObject({ cls: 'matching', source: expect.stringContaining('externalId') });
    expect(cls('u-phone')).toMatchObject({ cls: 'failed', reason: expect.stringContaining('primaryPhone'), source: expect.stringContaining('syncState = ERROR') });
    expect(cls('u-phone')!.fix).toMatch(/primaryPhone/);
    expect(cls('u-gone')).toMatchObject({ cls: 'missing', reason: expect.stringContaining('s-gone') });
    expect(cls('u-wait')).toMatchObject({ cls: 'pending', reason: expect.stringContaining('30 min') });
    expect(cls('u-drift')).toMatchObject({ cls: 'drift', reason: expect.stringContaining('Lovelace') });
    expect(cls('u-off')).toMatchObject({ cls: 'half-deactivated', reason: expect.stringContaining('still active in ThreatLocker') });
    expect(cls('u-offtl')).toMatchObject({ cls: 'half-deactivated', reason: expect.stringContaining('deactivated in ThreatLocker') });
    expect(cls('u-byname')).toMatchObject({ cls: 'matching', source: expect.stringContaining('userName') });
    expect(cls('tl:s-left')).toMatchObject({ cls: 'orphan' });
    expect(cls('tl:s-was')).toMatchObject({ cls: 'deactivated' });
    expect(cls('tl:s-local')).toMatchObject({ cls: 'local' });
    expect(join.people).toHaveLength(9 + 3);
  });

  it('never reads syncState DISABLED as a failure', () => {
    expect(cls('u-sso')!.cls).toBe('missing');
    expect(cls('u-sso')!.source).toMatch(/DISABLED is not a failure/);
  });

  it('counts the classes and what needs attention', () => {
    expect(join.counts).toMatchObject({ matching: 2, failed: 1, missing: 2, pending: 1, drift: 1, 'half-deactivated': 2, orphan: 1, deactivated: 1, local: 1 });
    expect(join.needsAttention).toBe(1 + 2 + 1 + 2 + 1);
  });

  it('says why every assigned person is missing when ThreatLocker refused the reads', () => {
    const j = joinStatus({ ...sources(), scimUsers: [], scimHealth: { ok: false, detail: 'ThreatLocker rejected the SCIM token (401).' } }, now);
    expect(j.byKey.get('u-gone')!.row).toMatchObject({ cls: 'missing', reason: expect.stringContaining('401') });
  });

  it('compares pushed group members on both sides', () => {
    expect(join.groups[0]).toMatchObject({ name: 'Admins', oktaMembers: 2, tlMembers: 2, missingInTl: ['u-drift@acme.example'], extraInTl: ['u-left@acme.example'], ok: false });
  });

  it('a group in step whose members are not all ThreatLocker users says so instead of "Nothing to do"', () => {
    const src = sources();
    const inStep = { ...src, scimGroups: [{ id: 'g-tl', displayName: 'Admins', memberIds: ['s-ok'] }], pushMappings: [{ ...src.pushMappings![0]!, memberIds: ['u-ok', 'u-phone'] }] };
    const [group] = joinStatus(inStep, now).groups;
    expect(group).toMatchObject({ oktaMembers: 2, tlMembers: 1, missingInTl: [], ok: true, fix: '1 member is not an active ThreatLocker user: filter the people by this group to see why.' });
    expect(joinStatus({ ...inStep, pushMappings: [{ ...src.pushMappings![0]!, memberIds: ['u-ok'] }] }, now).groups[0]!.fix).toBe('Nothing to do.');
  });

  it('gives a timeline from scoping to export with what to do', () => {
    const d = personDetail(join, 'u-phone', [{ at: '2026-12-01T11:30:00Z', oktaUserId: 'u-phone', text: 'Provision now: assigned', ok: true }])!;
    expect(d.timeline.map((s) => s.step)).toEqual(['scoping', 'matching', 'export', 'console', 'log']);
    expect(d.timeline[2]).toMatchObject({ outcome: 'failure', next: expect.stringContaining('primaryPhone') });
    expect(d.okta).toContainEqual(['primaryPhone', '(empty)']);
  });
});

describe('RowIndex', () => {
  const index = new RowIndex(joinStatus(sources(), now));
  it('filters by class, group and text, sorts, and pages', () => {
    expect(index.page({ cls: 'matching', text: '', sort: 'name', desc: false, offset: 0, limit: 10 }).total).toBe(2);
    expect(index.page({ group: 'Admins', text: '', sort: 'cls', desc: false, offset: 0, limit: 10 }).rows.map((r) => r.key)).toEqual(['u-drift', 'u-ok']);
    expect(index.page({ text: 'PRIMARYPHONE', sort: 'cls', desc: false, offset: 0, limit: 10 }).rows.map((r) => r.key)).toEqual(['u-phone']);
    const all = index.page({ text: '', sort: 'cls', desc: false, offset: 0, limit: 100 });
    expect(all.rows[0]!.cls).toBe('failed');
    expect(index.page({ text: '', sort: 'cls', desc: false, offset: 10, limit: 100 }).rows).toHaveLength(2);
  });
});

describe('CSV export', () => {
  it('neutralises formulas and quotes separators', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1 555')).toBe('"\'+1 555"');
    expect(csvCell('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('plain')).toBe('plain');
    const csv = toCsv([{ key: 'k', cls: 'failed', name: '=cmd|x', userName: 'u', oktaStatus: '', tlStatus: '', reason: 'r', source: 's', fix: 'f', groups: [] }]);
    expect(csv.split('\r\n')[1]).toMatch(/^failed,"'=cmd\|x",u,/);
  });
});
