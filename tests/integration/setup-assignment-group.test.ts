import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepOfView, type SetupStepId, type SetupView, type StepView } from '../../src/shared/setup';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { testKeychainService } from '../support/keychain';
import { startSandboxProfile, type Harness } from './setup-harness';

/**
 * Step 8 assigns the app through its own group (filled by a group rule from the pushed groups)
 * and pushes only the role groups, as Okta recommends; an old-style setup is flagged.
 */
describe('step 8: assignment group separate from the pushed groups', () => {
  const keychain = testKeychainService();
  let sb: Sandbox;
  let h: Harness;
  let profileId: string;
  let appId: string;
  let pushedIds: string[];

  beforeAll(async () => {
    sb = await startSandbox({ users: 80, groups: 15 });
    ({ h, profileId } = await startSandboxProfile(sb, keychain.service));
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
    await keychain.cleanup();
  });

  const step = <K extends SetupStepId>(view: SetupView, id: K) => stepOfView(view, id)!;
  const run = (stepId: StepView['id'], input: Record<string, unknown> = {}) => h.ok('setup:runStep', { profileId, stepId, input });
  const play = (stepId: StepView['id']) => h.ok('sandbox:playStep', { profileId, stepId });
  const provisioned = () => new Set(sb.threatlocker.controls.listUsers().map((u) => u.userName.toLowerCase()));

  it('a new setup assigns the app through "ThreatLocker — provisioned" and pushes only the picked groups', async () => {
    appId = step(await run('create-app'), 'create-app').data.appId as string;
    await play('enable-scim');
    await play('scim-connection');
    await play('to-app');
    const { groups } = await h.ok('setup:searchGroups', { profileId, query: 'ThreatLocker' });
    pushedIds = groups.map((g) => g.id);
    expect(pushedIds.length).toBeGreaterThan(1);
    const view = await run('push-groups', { groupIds: pushedIds });
    const s = step(view, 'push-groups');
    expect(s.status, s.detail).toBe('verified');
    expect(s.why).toMatch(/does not support assigning and pushing the same group/);

    const assigned = sb.okta.state.appGroups(appId).map((g) => g.id);
    const assignment = s.data.assignmentGroup as { id: string; name: string };
    expect(assignment.name).toBe('ThreatLocker — provisioned');
    expect(assigned).toEqual([assignment.id]);
    expect(pushedIds).not.toContain(assignment.id);
    expect(sb.okta.state.pushMappings(appId).map((m) => m.sourceGroupId).sort()).toEqual([...pushedIds].sort());
    // The search never offers the assignment group for pushing.
    expect((await h.ok('setup:searchGroups', { profileId, query: 'ThreatLocker' })).groups.map((g) => g.id)).not.toContain(assignment.id);

    await sb.okta.controls.whenIdle();
    const rule = sb.okta.state.store.rules.find((r) => r.name === 'ThreatLocker: pushed groups to app')!;
    expect(rule.status).toBe('ACTIVE');
    expect(rule.groupIds).toEqual([assignment.id]);
  }, 60_000);

  it('a user added to a pushed group later is assigned through the rule and provisioned; removed, deprovisioned', async () => {
    const group = sb.okta.state.store.groupsById.get(pushedIds[0]!)!;
    const outsider = sb.okta.state.store.users.find((u) => u.status === 'ACTIVE' && !sb.okta.state.store.isMember(group, u) && u.profile.primaryPhone)!;
    const api = (method: string, path: string) => fetch(`${sb.okta.url}${path}`, { method, headers: { authorization: `SSWS ${sb.okta.apiToken}` } });
    expect((await api('PUT', `/api/v1/groups/${group.id}/users/${outsider.id}`)).status).toBe(204);
    await sb.okta.controls.whenIdle();
    const email = outsider.profile.email.toLowerCase();
    expect(provisioned()).toContain(email);
    const tlGroup = sb.threatlocker.controls.listGroups().find((g) => g.displayName === group.name)!;
    expect(JSON.stringify(tlGroup)).toContain(email);

    expect((await api('DELETE', `/api/v1/groups/${group.id}/users/${outsider.id}`)).status).toBe(204);
    await sb.okta.controls.whenIdle();
    const after = sb.threatlocker.controls.listGroups().find((g) => g.displayName === group.name)!;
    expect(JSON.stringify(after)).not.toContain(email);
  }, 60_000);

  it('an old-style setup (a pushed group also assigned) is flagged in step 8 and the summary, with the fix', async () => {
    const api = (method: string, path: string) => fetch(`${sb.okta.url}${path}`, { method, headers: { authorization: `SSWS ${sb.okta.apiToken}`, 'content-type': 'application/json' }, body: '{}' });
    expect((await api('PUT', `/api/v1/apps/${appId}/groups/${pushedIds[0]}`)).status).toBe(200);
    const view = await run('push-groups');
    const s = step(view, 'push-groups');
    expect(s.status).toBe('failed');
    const name = sb.okta.state.store.groupsById.get(pushedIds[0]!)!.name;
    expect(s.data.oldStyle).toEqual([name]);
    const flag = s.findings.find((f) => f.label === `${name}: assigned and pushed (old style)`)!;
    expect(flag.outcome).toBe('fail');
    expect(flag.hint).toContain('Assignments -> Groups -> remove');
    expect(flag.hint).toContain('ThreatLocker — provisioned');
    const row = view.summary.find((r) => r.setting === 'App assigned through')!;
    expect(row.verification).toBe('failed');
    expect(row.value).toContain(`old style: ${name} assigned and pushed`);
  }, 60_000);
});
