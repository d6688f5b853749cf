/**
 * The whole wizard as an admin clicks through it against the sandbox (manual steps played by the
 * sandbox controls), for tests that need a finished setup.
 */
import { expect } from 'vitest';
import { stepOfView, type SetupStepId, type SetupView, type StepView } from '../../src/shared/setup';
import type { Sandbox } from '../../sandbox/index';
import type { Harness } from '../support/setup-harness';

export const stepOf = <K extends SetupStepId>(view: SetupView, id: K) => stepOfView(view, id)!;

export function wizardFlow(h: Harness, sb: Sandbox, profileId: string) {
  const run = (stepId: StepView['id'], input: Record<string, unknown> = {}) => h.ok('setup:runStep', { profileId, stepId, input });
  const play = (stepId: StepView['id']) => h.ok('sandbox:playStep', { profileId, stepId });

  async function pickGroupIds(): Promise<string[]> {
    const { groups } = await h.ok('setup:searchGroups', { profileId, query: 'ThreatLocker' });
    const { rules } = await h.ok('setup:listGroupRules', { profileId });
    const rule = rules.find((r) => r.name === 'Security department to SecOps')!;
    return [...new Set([...groups.map((g) => g.id), ...rule.groups.map((g) => g.id)])];
  }

  /** Every step in the article's order. */
  async function completeWizard(): Promise<SetupView> {
    expect(stepOf(await run('prerequisites'), 'prerequisites').status).toBe('verified');
    expect(stepOf(await run('create-app'), 'create-app').status).toBe('verified');
    expect(stepOf(await run('assertion-preview'), 'assertion-preview').status).toBe('verified');
    expect(stepOf(await play('threatlocker-saml'), 'threatlocker-saml').status).toBe('verified');
    expect(stepOf(await play('enable-scim'), 'enable-scim').status).toBe('verified');
    expect(stepOf(await play('scim-connection'), 'scim-connection').status).toBe('verified');
    const toApp = stepOf(await run('to-app'), 'to-app');
    if (toApp.status !== 'verified') expect(stepOf(await play('to-app'), 'to-app').status).toBe('verified');
    const groupIds = await pickGroupIds();
    const pushed = stepOf(await run('push-groups', { groupIds }), 'push-groups');
    expect(pushed.status, pushed.detail).toBe('verified');
    await sb.okta.controls.whenIdle();

    let phone = stepOf(await run('primary-phone'), 'primary-phone');
    const missing = (phone.data.missing as { id: string }[] | undefined) ?? [];
    if (missing.length) {
      phone = stepOf(await run('primary-phone', { phoneFill: { userIds: missing.map((m) => m.id), source: { kind: 'value', value: '+1 555 0100' } } }), 'primary-phone');
    }
    if (phone.status !== 'verified') phone = stepOf(await play('primary-phone'), 'primary-phone');
    expect(phone.status, phone.detail).toBe('verified');

    const mappingView = stepOf(await run('group-mapping'), 'group-mapping');
    const roles = mappingView.data.roles as { id: string; name: string }[];
    expect(roles.length).toBeGreaterThan(1);
    const pushedGroups = mappingView.data.pushedGroups as { id: string; name: string }[];
    const mappings = pushedGroups.map((g, i) => ({ oktaGroupId: g.id, oktaGroupName: g.name, roleId: roles[i === 0 ? 0 : 1]!.id, roleName: roles[i === 0 ? 0 : 1]!.name }));
    await run('group-mapping', { mappings });
    expect(stepOf(await play('group-mapping'), 'group-mapping').status).toBe('verified');
    return play('allow-sso');
  }

  return { run, play, completeWizard };
}
