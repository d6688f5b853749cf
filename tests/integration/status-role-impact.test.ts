/**
 * The role preview through the real status service over the provisioned sandbox: before any
 * refresh it says there is no status data; after one, a person another admin put into both pushed
 * groups has two roles (flagged, with the groups), members of an unmapped pushed group have none,
 * the person panel shows the saved mapping's role, and a restarted app answers from the snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload, RequestOf, ResultOf } from '../../src/shared/ipc-contract';
import type { MappingRow } from '../../src/shared/mapping-validation';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { PROVISIONED_ROLE_GROUPS } from '../../sandbox/provisioned-setup';
import { buildHarness, memoryKeytar, provisionedStatusProfile, type Harness } from '../support/setup-harness';

type Channel = 'status:refresh' | 'status:roleImpact' | 'status:person' | 'status:page';

describe('role preview over the status data', () => {
  let sb: Sandbox;
  let h: Harness;
  let profileId: string;
  let rows: MappingRow[];
  let both: { id: string; name: string };
  const done: EventPayload<'status:done'>[] = [];
  const ok = <C extends Channel>(harness: Harness, channel: C, payload: RequestOf<C>) =>
    (harness.ok as unknown as (c: C, p: RequestOf<C>) => Promise<ResultOf<C>>)(channel, payload);

  beforeAll(async () => {
    sb = await startSandbox({ provisioned: true });
    ({ h, profileId } = await provisionedStatusProfile(sb, 'role-impact-test'));
    h.events.subscribe((event, payload) => {
      if (event === 'status:done') done.push(payload as EventPayload<'status:done'>);
    });
    const store = sb.okta.state.store;
    const [admins, readOnly] = PROVISIONED_ROLE_GROUPS.map((name) => store.groups.find((g) => g.name === name)!);
    rows = [
      { oktaGroupId: admins!.id, oktaGroupName: admins!.name, roleId: 'role-admin', roleName: 'Administrator' },
      { oktaGroupId: readOnly!.id, oktaGroupName: readOnly!.name, roleId: 'role-ro', roleName: 'Read Only' },
    ];
    // Another admin adds an active Read Only member to the admins group, through Okta's API.
    const member = store.membersOf(readOnly!).find((u) => u.status === 'ACTIVE' && !store.isMember(admins!, u))!;
    const res = await fetch(`${sb.okta.url}/api/v1/groups/${admins!.id}/users/${member.id}`, { method: 'PUT', headers: { authorization: `SSWS ${sb.okta.apiToken}` } });
    expect(res.status).toBe(204);
    await sb.okta.controls.whenIdle();
    both = { id: member.id, name: `${member.profile.firstName} ${member.profile.lastName}` };
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
  });

  it('says there is no status data before the first refresh', async () => {
    expect(await ok(h, 'status:roleImpact', { profileId, rows })).toEqual({ takenAt: null, fromSnapshot: false, failedSources: [], impact: null, rolesListedAt: null });
  });

  it('after a refresh: people per role, the person in both groups flagged with both roles and groups, none in an unmapped group', async () => {
    await ok(h, 'status:refresh', { profileId });
    await expect.poll(() => done.length, { timeout: 30_000 }).toBe(1);
    const answer = await ok(h, 'status:roleImpact', { profileId, rows });
    expect(answer).toMatchObject({ fromSnapshot: false, failedSources: [] });
    expect(Date.parse(answer.takenAt!)).toBeGreaterThan(Date.now() - 60_000);
    const impact = answer.impact!;
    const admins = sb.okta.state.store.membersOf(sb.okta.state.store.groups.find((g) => g.name === 'ThreatLocker Admins')!).length;
    expect(impact.roles.map((r) => [r.roleName, r.people])).toContainEqual(['Administrator', admins]);
    expect(impact.multiRole.total).toBe(1);
    expect(impact.multiRole.people[0]).toMatchObject({ key: both.id, name: both.name, roles: [
      { roleName: 'Administrator', via: ['ThreatLocker Admins'] },
      { roleName: 'Read Only', via: ['ThreatLocker Read Only'] },
    ] });
    expect(impact.noRole.total).toBe(0);

    // The draft drops the Read Only row: its members (but the one also in the admins group) get no role.
    const draft = await ok(h, 'status:roleImpact', { profileId, rows: rows.slice(0, 1) });
    expect(draft.impact!.multiRole.total).toBe(0);
    expect(draft.impact!.noRole.total).toBeGreaterThan(0);
    for (const p of draft.impact!.noRole.people) expect(p.groups).toEqual(['ThreatLocker Read Only']);
    expect(draft.impact!.noRole.people.map((p) => p.key)).not.toContain(both.id);
  }, 60_000);

  it('the person panel shows the saved mapping\'s roles, and nothing while no mapping is saved', async () => {
    expect((await ok(h, 'status:person', { profileId, key: both.id })).mappedRoles).toBeUndefined();
    await h.store.update(profileId, (p) => ({ ...p, mappings: rows }));
    const detail = await ok(h, 'status:person', { profileId, key: both.id });
    expect(detail.mappedRoles).toEqual({
      roles: [
        { roleId: 'role-admin', roleName: 'Administrator', via: ['ThreatLocker Admins'] },
        { roleId: 'role-ro', roleName: 'Read Only', via: ['ThreatLocker Read Only'] },
      ],
      missingRoles: [],
      unmappedGroups: [],
      inPushedGroup: true,
    });
    // Only the admins group saved: a Read Only member gets none, and the panel names the group without a row.
    await h.store.update(profileId, (p) => ({ ...p, mappings: rows.slice(0, 1) }));
    const impact = (await ok(h, 'status:roleImpact', { profileId, rows: rows.slice(0, 1) })).impact!;
    const reader = impact.noRole.people[0]!;
    expect((await ok(h, 'status:person', { profileId, key: reader.key })).mappedRoles).toEqual({ roles: [], missingRoles: [], unmappedGroups: ['ThreatLocker Read Only'], inPushedGroup: true });
    // A local ThreatLocker admin (not from Okta) has no line: their role is set in ThreatLocker.
    const local = (await ok(h, 'status:page', { profileId, cls: 'local' })).rows[0]!;
    expect((await ok(h, 'status:person', { profileId, key: local.key })).mappedRoles).toBeUndefined();
    await h.store.update(profileId, (p) => ({ ...p, mappings: rows }));
  });

  it('a role step 10 no longer listed (deleted in ThreatLocker) gives no role: in the preview and the person panel', async () => {
    // Step 10's last run listed ThreatLocker's roles without "Read Only": main reads that list from the profile, not from the caller.
    const listedAt = new Date().toISOString();
    const setListed = (roles: { id: string; name: string }[] | undefined) =>
      h.store.update(profileId, (p) => ({ ...p, setup: { steps: { ...p.setup.steps, 'group-mapping': { status: 'failed', updatedAt: listedAt, data: roles ? { roles } : {} } } } }));
    await setListed([{ id: 'role-admin', name: 'Administrator' }]);
    const answer = await ok(h, 'status:roleImpact', { profileId, rows });
    expect(answer.rolesListedAt).toBe(listedAt);
    const impact = answer.impact!;
    const readOnly = impact.roles.find((r) => r.roleName === 'Read Only')!;
    expect(readOnly).toMatchObject({ listed: false, groups: ['ThreatLocker Read Only'] });
    expect(readOnly.people).toBeGreaterThan(1);
    expect(impact.roles.find((r) => r.roleName === 'Administrator')!.listed).toBe(true);
    // The person in both groups now has one role (Administrator): not flagged. Every other reader has none.
    expect(impact.multiRole.total).toBe(0);
    expect(impact.noRole.total).toBe(readOnly.people - 1);
    for (const p of impact.noRole.people) expect(p).toMatchObject({ groups: ['ThreatLocker Read Only'], missingRoles: ['Read Only'] });

    expect((await ok(h, 'status:person', { profileId, key: both.id })).mappedRoles).toEqual({
      roles: [{ roleId: 'role-admin', roleName: 'Administrator', via: ['ThreatLocker Admins'] }],
      missingRoles: [{ roleId: 'role-ro', roleName: 'Read Only', via: ['ThreatLocker Read Only'] }],
      unmappedGroups: [],
      inPushedGroup: true,
    });
    const reader = impact.noRole.people[0]!;
    expect((await ok(h, 'status:person', { profileId, key: reader.key })).mappedRoles).toMatchObject({ roles: [], missingRoles: [{ roleName: 'Read Only' }] });

    // No role list read yet (step data without roles): every role counts as existing, as before.
    await setListed(undefined);
    const unread = await ok(h, 'status:roleImpact', { profileId, rows });
    expect(unread.rolesListedAt).toBeNull();
    expect(unread.impact!.roles.every((r) => r.listed)).toBe(true);
    expect(unread.impact!.multiRole.total).toBe(1);
    expect((await ok(h, 'status:person', { profileId, key: both.id })).mappedRoles!.missingRoles).toEqual([]);
  });

  it('a restarted app answers from the saved snapshot, and says so', async () => {
    const restarted = await buildHarness({ dataDir: h.dataDir, keychainService: 'role-impact-test', sandbox: sb, keytar: memoryKeytar() });
    const answer = await ok(restarted, 'status:roleImpact', { profileId, rows });
    expect(answer.fromSnapshot).toBe(true);
    expect(answer.impact!.multiRole.people.map((p) => p.key)).toEqual([both.id]);
  });

  it('refuses oversized input with a clear error', async () => {
    const many = Array.from({ length: 5_001 }, () => rows[0]!);
    const env = await (h.call as unknown as (c: string, p: unknown) => Promise<{ ok: boolean; error?: { message: string } }>)('status:roleImpact', { profileId, rows: many });
    expect(env.ok).toBe(false);
    expect(env.error!.message).toMatch(/5,000/);
  });
});
