import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StepView } from '../../src/shared/setup';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { testKeychainService } from '../support/keychain';
import { type Harness, startSandboxProfile, step } from '../support/setup-harness';

/**
 * Step 2 re-run on an app whose SCIM provisioning is on. In real orgs a full PUT of such an app
 * resets Provisioning to NONE without an error; the sandbox does the same, so this shows that
 * the console never sends it unasked, and says what to redo when the admin does ask.
 */
describe('step 2 re-run after SCIM was enabled', () => {
  const keychain = testKeychainService();
  let sb: Sandbox;
  let h: Harness;
  let profileId: string;
  let appId: string;

  beforeAll(async () => {
    sb = await startSandbox({ users: 40, groups: 12 });
    ({ h, profileId } = await startSandboxProfile(sb, keychain.service));
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
    await keychain.cleanup();
  });

  const run = (stepId: StepView['id'], input: Record<string, unknown> = {}) => h.ok('setup:runStep', { profileId, stepId, input });
  const play = (stepId: StepView['id']) => h.ok('sandbox:playStep', { profileId, stepId });
  const appPuts = () => h.requests.filter((r) => r.method === 'PUT' && r.url.endsWith(`/api/v1/apps/${appId}`));

  it('sets up SAML and SCIM (the admin plays steps 5-7 in the sandbox Okta)', async () => {
    const created = step(await run('create-app'), 'create-app');
    expect(created.status, created.detail).toBe('verified');
    appId = created.data.appId as string;
    expect(step(await play('enable-scim'), 'enable-scim').status).toBe('verified');
    expect(step(await play('scim-connection'), 'scim-connection').status).toBe('verified');
    expect(step(await play('to-app'), 'to-app').status).toBe('verified');
    expect(sb.okta.controls.getScimConnection(appId)).not.toBeNull();
  }, 60_000);

  it('the admin changes Default RelayState in Okta; re-running step 2 sends no PUT and lists the fix by hand', async () => {
    sb.okta.controls.editSamlSettings(appId, { defaultRelayState: '/changed-by-admin' });
    const view = await run('create-app');
    const s = step(view, 'create-app');
    expect(s.status).toBe('failed');
    expect(appPuts()).toEqual([]);
    expect(sb.okta.controls.getScimConnection(appId)).not.toBeNull();
    expect(s.detail).toMatch(/did not rewrite/);
    expect(s.data.replaceNeedsConfirmation).toBe(true);
    expect(s.data.drift).toEqual([
      { setting: 'Default RelayState', expected: '(blank)', actual: '/changed-by-admin', where: 'General tab -> SAML Settings -> Edit -> Configure SAML' },
    ]);
    // Steps 5-7 are untouched.
    for (const id of ['enable-scim', 'scim-connection', 'to-app'] as const) expect(step(view, id).status).toBe('verified');
  }, 60_000);

  it('a confirmation of a list that no longer matches Okta sends no PUT and shows the new list', async () => {
    const shown = step(await h.ok('setup:get', { profileId }), 'create-app').data.driftFingerprint!;
    expect(shown).toBeTruthy();
    // Meanwhile another field drifts: the admin confirmed one setting, Okta now differs in two.
    const audience = sb.okta.state.apps().find((a) => a.id === appId)!.settings as { signOn: { audience: string } };
    const goodAudience = audience.signOn.audience;
    sb.okta.controls.editSamlSettings(appId, { audience: 'https://other.example/sp' });
    const s = step(await run('create-app', { confirmAppReplace: true, replaceFingerprint: shown }), 'create-app');
    expect(appPuts()).toEqual([]);
    expect(s.status).toBe('failed');
    expect(s.detail).toMatch(/changed since the list you confirmed/);
    expect(s.data.drift!.map((d) => d.setting).sort()).toEqual(['Audience URI (SP Entity ID)', 'Default RelayState']);
    expect(s.data.driftFingerprint).not.toBe(shown);
    // A bare confirmation (no list) is refused the same way.
    expect(step(await run('create-app', { confirmAppReplace: true }), 'create-app').data.replaceNeedsConfirmation).toBe(true);
    expect(appPuts()).toEqual([]);
    sb.okta.controls.editSamlSettings(appId, { audience: goodAudience });
  }, 60_000);

  it('once the admin fixes the app by hand, the rewrite offer and its list are gone', async () => {
    sb.okta.controls.editSamlSettings(appId, { defaultRelayState: '' });
    const s = step(await run('create-app'), 'create-app');
    expect(s.status, s.detail).toBe('verified');
    expect(s.data.replaceNeedsConfirmation).toBe(false);
    expect(s.data.drift).toEqual([]);
    expect(s.data.driftFingerprint ?? null).toBeNull();
    // A stale confirmation now changes nothing.
    step(await run('create-app', { confirmAppReplace: true }), 'create-app');
    expect(appPuts()).toEqual([]);
  }, 60_000);

  it('with the confirmation the PUT goes out clean; the sandbox resets SCIM and steps 5-8 must be redone', async () => {
    sb.okta.controls.editSamlSettings(appId, { defaultRelayState: '/changed-by-admin' });
    const shown = step(await run('create-app'), 'create-app').data.driftFingerprint!;
    const view = await run('create-app', { confirmAppReplace: true, replaceFingerprint: shown });
    expect(appPuts()).toHaveLength(1);
    // The body is normalised: none of the nulls a real GET carries goes back to Okta.
    expect(JSON.stringify(appPuts()[0]!.json)).not.toContain('null');
    expect(sb.okta.controls.getScimConnection(appId)).toBeNull();

    const s = step(view, 'create-app');
    expect(s.detail).toMatch(/redo/i);
    expect(s.hint).toMatch(/SCIM connection/);
    for (const id of ['enable-scim', 'scim-connection', 'to-app', 'push-groups'] as const) {
      const other = step(view, id);
      expect(other.status, `${id}: ${other.detail}`).toBe('failed');
      expect(other.detail).toMatch(/^Redo this step: step 2 replaced the app/);
    }
    // Step 2's own fields read back as the article says; what it broke is reported on steps 5-8.
    expect(s.status).toBe('verified');
  }, 60_000);
});
