import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StepView } from '../../src/shared/setup';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { testKeychainService } from '../support/keychain';
import { buildHarness, type Harness, newDataDir, step } from '../support/setup-harness';

/**
 * The app dies in the middle of step 8 (the progress listener throws right after a sub-action
 * was saved, as a kill would stop it there), then fresh services on the same data dir resume.
 */
describe('resume after a crash in step 8', () => {
  const keychain = testKeychainService();
  let sb: Sandbox;
  let dataDir: string;
  let profileId: string;

  const start = async (): Promise<Harness> => {
    const h = await buildHarness({ dataDir, keychainService: keychain.service, sandbox: sb });
    profileId = (await h.sandbox.start()).profile.id;
    return h;
  };

  beforeAll(async () => {
    sb = await startSandbox({ users: 80, groups: 15 });
    dataDir = await newDataDir();
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
    await keychain.cleanup();
  });

  const counts = () => {
    const apps = sb.okta.state.apps().filter((a) => a.label === 'ThreatLocker' && a.status !== 'DELETED');
    const appId = apps[0]?.id as string;
    return {
      apps: apps.length,
      assignments: sb.okta.state.appGroups(appId).length,
      mappings: sb.okta.state.pushMappings(appId).length,
      assignmentGroups: sb.okta.state.store.groups.filter((g) => g.name === 'ThreatLocker — provisioned').length,
      rules: sb.okta.state.store.rules.filter((r) => r.name === `ThreatLocker assignment ${appId}`).length,
    };
  };

  it('resumes without a duplicate app, assignment or push mapping', async () => {
    let h = await start();
    const run = (stepId: StepView['id'], input: Record<string, unknown> = {}) => h.ok('setup:runStep', { profileId, stepId, input });
    await run('prerequisites');
    await run('create-app');
    await h.ok('sandbox:playStep', { profileId, stepId: 'enable-scim' });
    await h.ok('sandbox:playStep', { profileId, stepId: 'scim-connection' });
    await h.ok('sandbox:playStep', { profileId, stepId: 'to-app' });
    const { groups } = await h.ok('setup:searchGroups', { profileId, query: '' });
    const groupIds = groups.filter((g) => g.name !== 'Everyone').slice(0, 3).map((g) => g.id);
    expect(groupIds).toHaveLength(3);

    // Crash 1: right after the assignment group was created, before its rule.
    h.events.subscribe((_e, p) => {
      if ((p as { message: string }).message.startsWith('Creating the group rule')) throw new Error('killed');
    });
    await run('push-groups', { groupIds });
    expect(counts()).toMatchObject({ apps: 1, assignments: 0, mappings: 0, assignmentGroups: 1, rules: 0 });

    // Restart, resume: crash 2 right after the first push mapping was created and saved.
    h = await start();
    expect((await h.ok('setup:get', { profileId })).resumeAt).toBe('assertion-preview');
    h.events.subscribe((_e, p) => {
      if ((p as { message: string }).message.startsWith('Push mapping for') && (p as { message: string }).message.endsWith('(1/3)')) throw new Error('killed');
    });
    await h.ok('setup:runStep', { profileId, stepId: 'push-groups', input: {} });
    expect(counts()).toMatchObject({ apps: 1, assignments: 1, mappings: 1, assignmentGroups: 1, rules: 1 });

    // Restart, resume with the saved selection, and re-run step 2 for good measure.
    h = await start();
    const again = await h.ok('setup:runStep', { profileId, stepId: 'push-groups', input: {} });
    expect(step(again, 'push-groups').status, step(again, 'push-groups').detail).toBe('verified');
    expect(step(await h.ok('setup:runStep', { profileId, stepId: 'create-app', input: {} }), 'create-app').status).toBe('verified');
    expect(counts()).toEqual({ apps: 1, assignments: 1, mappings: 3, assignmentGroups: 1, rules: 1 });

    // Resuming once more changes nothing.
    await h.ok('setup:runStep', { profileId, stepId: 'push-groups', input: { groupIds } });
    expect(counts()).toEqual({ apps: 1, assignments: 1, mappings: 3, assignmentGroups: 1, rules: 1 });
    const appId = sb.okta.state.apps().find((a) => a.label === 'ThreatLocker')!.id as string;
    const sources = sb.okta.state.pushMappings(appId).map((m) => m.sourceGroupId);
    expect(new Set(sources).size).toBe(3);
  }, 120_000);
});
