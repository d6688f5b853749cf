import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SetupView, StepView } from '../../src/shared/setup';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { testKeychainService } from '../support/keychain';
import { startSandboxProfile, type Harness } from './setup-harness';

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

  const step = (view: SetupView, id: StepView['id']) => view.steps.find((s) => s.id === id)!;
  const run = (stepId: StepView['id'], input: Record<string, unknown> = {}) => h.ok('setup:runStep', { profileId, stepId, input });
  const play = (stepId: StepView['id']) => h.ok('sandbox:playStep', { profileId, stepId });

  async function pickGroupIds(): Promise<string[]> {
    const { groups } = await h.ok('setup:searchGroups', { profileId, query: 'ThreatLocker' });
    const { rules } = await h.ok('setup:listGroupRules', { profileId });
    const rule = rules.find((r) => r.name === 'Security department to SecOps')!;
    return [...new Set([...groups.map((g) => g.id), ...rule.groups.map((g) => g.id)])];
  }

  /** Every step in the article's order, as an admin would click through it. */
  async function completeWizard(): Promise<SetupView> {
    expect(step(await run('prerequisites'), 'prerequisites').status).toBe('verified');
    expect(step(await run('create-app'), 'create-app').status).toBe('verified');
    expect(step(await run('assertion-preview'), 'assertion-preview').status).toBe('verified');
    expect(step(await play('threatlocker-saml'), 'threatlocker-saml').status).toBe('verified');
    expect(step(await play('enable-scim'), 'enable-scim').status).toBe('verified');
    expect(step(await play('scim-connection'), 'scim-connection').status).toBe('verified');
    const toApp = step(await run('to-app'), 'to-app');
    if (toApp.status !== 'verified') expect(step(await play('to-app'), 'to-app').status).toBe('verified');
    const groupIds = await pickGroupIds();
    const pushed = step(await run('push-groups', { groupIds }), 'push-groups');
    expect(pushed.status, pushed.detail).toBe('verified');
    await sb.okta.controls.whenIdle();

    let phone = step(await run('primary-phone'), 'primary-phone');
    const missing = (phone.data.missing as { id: string }[] | undefined) ?? [];
    if (missing.length) {
      phone = step(await run('primary-phone', { phoneFill: { userIds: missing.map((m) => m.id), source: { kind: 'value', value: '+1 555 0100' } } }), 'primary-phone');
    }
    if (phone.status !== 'verified') phone = step(await play('primary-phone'), 'primary-phone');
    expect(phone.status, phone.detail).toBe('verified');

    const mappingView = step(await run('group-mapping'), 'group-mapping');
    const roles = mappingView.data.roles as { id: string; name: string }[];
    expect(roles.length).toBeGreaterThan(1);
    const pushedGroups = mappingView.data.pushedGroups as { id: string; name: string }[];
    const mappings = pushedGroups.map((g, i) => ({ oktaGroupId: g.id, oktaGroupName: g.name, roleId: roles[i === 0 ? 0 : 1]!.id, roleName: roles[i === 0 ? 0 : 1]!.name }));
    await run('group-mapping', { mappings });
    expect(step(await play('group-mapping'), 'group-mapping').status).toBe('verified');
    return play('allow-sso');
  }

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
});
