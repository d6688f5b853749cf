import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { testKeychainService } from '../support/keychain';
import { startSandboxProfile, type Harness } from '../support/setup-harness';
import { stepOf } from './wizard-flow';

/** The "Try" flow's sandbox: ThreatLocker's SCIM Enabled toggle starts off, as in a new tenant. */
describe('ThreatLocker SCIM "Enabled" starts off', () => {
  const keychain = testKeychainService();
  let sb: Sandbox;
  let h: Harness;
  let profileId: string;

  beforeAll(async () => {
    sb = await startSandbox({ users: 40, groups: 12, threatlockerScimEnabled: false });
    ({ h, profileId } = await startSandboxProfile(sb, keychain.service));
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
    await keychain.cleanup();
  });

  const run = (stepId: 'prerequisites' | 'create-app' | 'scim-connection') => h.ok('setup:runStep', { profileId, stepId, input: {} });
  const play = (stepId: 'enable-scim' | 'scim-connection') => h.ok('sandbox:playStep', { profileId, stepId });

  it('step 6 fails until the admin turns Enabled on in ThreatLocker; playing it does, and it verifies', async () => {
    expect(sb.threatlocker.controls.isScimEnabled()).toBe(false);
    expect(stepOf(await run('prerequisites'), 'prerequisites').status).toBe('verified');
    expect(stepOf(await run('create-app'), 'create-app').status).toBe('verified');
    expect(stepOf(await play('enable-scim'), 'enable-scim').status).toBe('verified');
    const before = stepOf(await run('scim-connection'), 'scim-connection');
    expect(before.status).toBe('failed');
    expect(`${before.detail} ${before.hint} ${JSON.stringify(before.findings)}`).toMatch(/Enabled/);
    expect(before.instructions[0]).toMatch(/turn the Enabled toggle on/);
    const after = stepOf(await play('scim-connection'), 'scim-connection');
    expect(after.status, after.detail).toBe('verified');
    expect(sb.threatlocker.controls.isScimEnabled()).toBe(true);
  }, 60_000);
});
