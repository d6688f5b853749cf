import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { testKeychainService } from '../support/keychain';
import { startSandboxProfile, type Harness } from '../support/setup-harness';
import { stepOf, wizardFlow } from './wizard-flow';

/** The wizard end to end against the sandbox, manual steps played through the sandbox controls. */
describe('setup wizard against the sandbox', () => {
  const keychain = testKeychainService();
  let sb: Sandbox;
  let h: Harness;
  let profileId: string;

  beforeAll(async () => {
    sb = await startSandbox();
    ({ h, profileId } = await startSandboxProfile(sb, keychain.service));
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
    await keychain.cleanup();
  });

  const step = stepOf;
  const completeWizard = () => wizardFlow(h, sb, profileId).completeWizard();

  it('completes every step, verified, and ThreatLocker holds the pushed groups\' administrators', async () => {
    const before = await h.ok('setup:get', { profileId });
    expect(before.resumeAt).toBe('prerequisites');
    expect(before.steps.every((s) => s.status === 'not-started')).toBe(true);

    const view = await completeWizard();
    for (const s of view.steps) expect(s.status, `${s.id}: ${s.detail}`).toBe('verified');
    expect(view.resumeAt).toBeUndefined();
    for (const row of view.summary) expect(['read-back', 'probed', 'confirmed', 'sandbox', 'not-verifiable'], row.setting).toContain(row.verification);
    expect(view.summary.find((r) => r.setting === 'Authorization (SCIM token)')!.value).toMatch(/^••••.{4}$/);
    expect(JSON.stringify(view)).not.toContain(sb.threatlocker.scimToken);
    expect(JSON.stringify(view)).not.toContain(sb.okta.apiToken);

    await sb.okta.controls.whenIdle();
    const appId = step(view, 'create-app').data.appId as string;
    const pushedNames = (step(view, 'push-groups').data.pushed as { name: string }[]).map((g) => g.name);
    const expected = new Set<string>();
    for (const name of pushedNames) {
      for (const u of sb.okta.state.groupMembers(name) as { status: string; profile: { email: string } }[]) {
        if (u.status === 'ACTIVE') expected.add(u.profile.email.toLowerCase());
      }
    }
    const provisioned = new Set(sb.threatlocker.controls.listUsers().map((u) => u.userName.toLowerCase()));
    expect(expected.size).toBeGreaterThan(0);
    expect([...expected].filter((e) => !provisioned.has(e))).toEqual([]);
    const tlGroups = sb.threatlocker.controls.listGroups().map((g) => g.displayName);
    for (const name of pushedNames) expect(tlGroups).toContain(name);
    expect(sb.threatlocker.controls.isSsoAllowed()).toBe(true);
    expect(sb.okta.state.app(appId)).toBeTruthy();
  }, 180_000);

  it('a second full run creates nothing new', async () => {
    const count = () => {
      const apps = sb.okta.state.apps().filter((a) => a.status !== 'DELETED');
      const appId = apps.find((a) => a.label === 'ThreatLocker')!.id as string;
      return {
        apps: apps.length,
        assignments: sb.okta.state.appGroups(appId).length,
        mappings: sb.okta.state.pushMappings(appId).length,
        tlUsers: sb.threatlocker.controls.listUsers().length,
        tlGroups: sb.threatlocker.controls.listGroups().length,
      };
    };
    const before = count();
    const view = await completeWizard();
    await sb.okta.controls.whenIdle();
    expect(count()).toEqual(before);
    for (const s of view.steps) expect(s.status, `${s.id}: ${s.detail}`).toBe('verified');
  }, 180_000);

  it('a mapped role deleted in ThreatLocker fails step 10 with the role named; put back, the dropped row is reported missing until entered again', async () => {
    const { run, play } = wizardFlow(h, sb, profileId);
    const before = step(await run('group-mapping'), 'group-mapping');
    expect(before.status).toBe('verified');
    const mapping = (await h.store.get(profileId)).mappings[0]!;
    const roles = await h.sandbox.roles();
    expect(roles.roles.find((r) => r.id === mapping.roleId)?.deleted).toBe(false);

    const after = await h.sandbox.setRoleDeleted(roles.organizationId, mapping.roleId, true);
    expect(after.droppedMappings).toEqual([mapping.oktaGroupName]);
    expect(after.roles.find((r) => r.id === mapping.roleId)?.deleted).toBe(true);
    const failed = step(await run('group-mapping'), 'group-mapping');
    expect(failed.status).toBe('failed');
    expect(failed.detail).toContain(`Role "${mapping.roleName}" (mapped to "${mapping.oktaGroupName}") is not listed for this ThreatLocker organization`);
    expect(failed.findings).toContainEqual(expect.objectContaining({ label: `${mapping.oktaGroupName} -> ${mapping.roleName}`, outcome: 'fail', actual: `no role "${mapping.roleName}" listed by the portal API` }));
    expect((failed.data.roles as { id: string }[]).map((r) => r.id)).not.toContain(mapping.roleId);
    // The sandbox had ticked the row when it entered it; a row that cannot be on the tab is unticked, the others stay.
    const tick = (s: typeof before, groupId: string) => s.checklist.find((c) => c.id === `map:${groupId}`)?.confirmed;
    expect(tick(before, mapping.oktaGroupId)).toBe(true);
    expect(tick(failed, mapping.oktaGroupId)).toBe(false);
    const others = (await h.store.get(profileId)).mappings.slice(1);
    for (const m of others) expect(tick(failed, m.oktaGroupId), m.oktaGroupName).toBe(true);
    // Playing the admin's clicks cannot enter a row with a deleted role: the sandbox says so by name.
    const played = await h.call('sandbox:playStep', { profileId, stepId: 'group-mapping' });
    expect(played.ok || played.error.message).toContain(`The sandbox refused: Role "${mapping.roleName}" was deleted in ThreatLocker`);
    expect(played.ok || played.error.hint).not.toContain('earlier steps first'); // the reason is this step's row, not an earlier step

    await h.sandbox.setRoleDeleted(roles.organizationId, mapping.roleId, false);
    // A second put-back is refused with the simulator's reason, and an unknown organization with what to do.
    await expect(h.sandbox.setRoleDeleted(roles.organizationId, mapping.roleId, false)).rejects.toThrow(/The sandbox refused: .*was not deleted/);
    await expect(h.sandbox.roles('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/no ThreatLocker organization/);
    const missing = step(await run('group-mapping'), 'group-mapping');
    expect(missing.status).toBe('not-started');
    expect(missing.findings).toContainEqual(expect.objectContaining({ label: `${mapping.oktaGroupName} -> ${mapping.roleName}`, actual: 'missing' }));
    expect(step(await play('group-mapping'), 'group-mapping').status).toBe('verified');

    // Saved with another role, the row is a new row to enter in ThreatLocker: its tick does not carry over.
    const saved = (await h.store.get(profileId)).mappings;
    const other = roles.roles.find((r) => !r.deleted && r.id !== mapping.roleId)!;
    const changed = saved.map((m, i) => (i === 0 ? { ...m, roleId: other.id, roleName: other.name } : m));
    const resaved = step(await run('group-mapping', { mappings: changed }), 'group-mapping');
    expect(tick(resaved, mapping.oktaGroupId)).toBe(false);
    for (const m of others) expect(tick(resaved, m.oktaGroupId), m.oktaGroupName).toBe(true);
  }, 120_000);

  it('pushing one more group makes step 9 need a re-check (its people\'s primaryPhone was never checked); re-running it clears that', async () => {
    const { run } = wizardFlow(h, sb, profileId);
    const view = await h.ok('setup:get', { profileId });
    expect(step(view, 'primary-phone').status).toBe('verified');
    const pushedIds = (step(view, 'push-groups').data.groups ?? []).map((g) => g.id);
    const { groups } = await h.ok('setup:searchGroups', { profileId, query: 'Sales' });
    const sales = groups.find((g) => !pushedIds.includes(g.id))!;
    const after = await run('push-groups', { groupIds: [...pushedIds, sales.id] });
    const phones = step(after, 'primary-phone');
    expect(phones.status).not.toBe('verified');
    expect(phones.staleReason).toContain(`step 8 pushed "${sales.name}" since this was checked`);
    expect(step(await run('primary-phone'), 'primary-phone').staleReason).toBeUndefined();
  }, 120_000);
});
