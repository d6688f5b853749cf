import { afterAll, describe, expect, it } from 'vitest';
import { type SetupView } from '../../src/shared/setup';
import { buildSetupReport } from '../../src/main/services/reports/setup-report';
import { ProfilesService } from '../../src/main/services/profiles/profiles-service';
import { SecretsService } from '../../src/main/services/profiles/secrets-service';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { testKeychainService } from '../support/keychain';
import { buildHarness, type Harness, newDataDir, step } from '../support/setup-harness';

const report = async (h: Harness, profileId: string, view: SetupView) =>
  buildSetupReport({ profile: await h.store.get(profileId), view, version: 'test', generatedAt: new Date(), redact: (t) => t }).content;

/**
 * Saved verifications belong to the org they were made against: a sandbox restart (a new, empty
 * org on new ports), an edited URL or a replaced token withdraws them until the step runs again.
 */
describe('stale verifications', () => {
  const keychain = testKeychainService();
  const sandboxes: Sandbox[] = [];
  afterAll(async () => {
    for (const sb of sandboxes) await sb.stop();
    await keychain.cleanup();
  });
  const newSandbox = async () => {
    const sb = await startSandbox({ users: 20, groups: 5 });
    sandboxes.push(sb);
    return sb;
  };

  it('a restarted sandbox shows no step verified until re-checked, the report says what is stale, and re-running verifies again', async () => {
    const dataDir = await newDataDir();
    const first = await newSandbox();
    let h = await buildHarness({ dataDir, keychainService: keychain.service, sandbox: first });
    const profileId = (await h.sandbox.start()).profile.id;
    await h.ok('setup:runStep', { profileId, stepId: 'prerequisites' });
    const before = await h.ok('setup:runStep', { profileId, stepId: 'create-app' });
    expect(step(before, 'create-app').status).toBe('verified');
    expect(await report(h, profileId, before)).not.toContain('Needs re-check');

    // "Restart": new services on the same data dir, and a new sandbox (new ports, empty org).
    const second = await newSandbox();
    h = await buildHarness({ dataDir, keychainService: keychain.service, sandbox: second });
    await h.sandbox.start();
    const after = await h.ok('setup:get', { profileId });
    expect(after.steps.filter((s) => s.status === 'verified')).toEqual([]);
    for (const id of ['prerequisites', 'create-app'] as const) {
      expect(step(after, id).status).toBe('needs-recheck');
      expect(step(after, id).detail).toMatch(/sandbox restarted/);
      expect(step(after, id).findings).toEqual([]);
    }
    expect(after.resumeAt).toBe('prerequisites');
    expect(after.summary.find((r) => r.setting === 'Audience URI (SP Entity ID)')?.verification).toBe('stale');
    expect(after.summary.some((r) => ['read-back', 'probed', 'confirmed'].includes(r.verification))).toBe(false);
    const html = await report(h, profileId, after);
    expect(html).not.toContain('Setup complete');
    expect(html).toContain('Needs re-check');
    expect(html).toMatch(/2 steps need re-checking — the sandbox restarted since this was checked: it is a new, empty org/);

    // Re-running checks the new org: the app is created there (the old id does not exist) and verified.
    await h.ok('setup:runStep', { profileId, stepId: 'prerequisites' });
    const rerun = await h.ok('setup:runStep', { profileId, stepId: 'create-app' });
    expect(step(rerun, 'create-app').status).toBe('verified');
    expect(step(rerun, 'prerequisites').status).toBe('verified');
    expect(second.okta.state.apps().filter((a) => a.label === 'ThreatLocker' && a.status !== 'DELETED')).toHaveLength(1);
    expect(await report(h, profileId, rerun)).not.toContain('need re-checking');
  }, 60_000);

  it('the same sandbox after an app restart keeps its verifications once it serves the org again', async () => {
    const dataDir = await newDataDir();
    const sb = await newSandbox();
    let h = await buildHarness({ dataDir, keychainService: keychain.service, sandbox: sb });
    const profileId = (await h.sandbox.start()).profile.id;
    await h.ok('setup:runStep', { profileId, stepId: 'prerequisites' });
    h = await buildHarness({ dataDir, keychainService: keychain.service, sandbox: sb });
    // Until this app's sandbox serves the profile's org, nothing saved about that org holds.
    expect(step(await h.ok('setup:get', { profileId }), 'prerequisites')).toMatchObject({ status: 'needs-recheck', staleReason: expect.stringMatching(/sandbox is not running/) });
    await h.sandbox.start();
    expect(step(await h.ok('setup:get', { profileId }), 'prerequisites').status).toBe('verified');
  }, 60_000);

  it('editing the SCIM URL or replacing a token marks results stale; an unrelated edit does not', async () => {
    const dataDir = await newDataDir();
    const sb = await newSandbox();
    const h = await buildHarness({ dataDir, keychainService: keychain.service, sandbox: sb });
    const profileId = (await h.sandbox.start()).profile.id;
    await h.ok('setup:runStep', { profileId, stepId: 'prerequisites' });
    const urls = { normalizeOktaOrgUrl: (u: string) => u, checkScimUrl: () => undefined, checkPortalApiUrl: () => undefined, allowCustomOktaDomain: () => undefined };
    const profiles = new ProfilesService(h.store, h.secrets, urls);
    const secrets = new SecretsService(h.secrets, h.store, null);
    const status = async () => step(await h.ok('setup:get', { profileId }), 'prerequisites');

    await profiles.updateDetails(profileId, { managedOrganizationName: 'Just a label' });
    expect((await status()).status).toBe('verified');

    await profiles.updateDetails(profileId, { scimUrl: `${sb.threatlocker.scimUrl}/` });
    expect(await status()).toMatchObject({ status: 'needs-recheck', staleReason: expect.stringMatching(/SCIM API Url changed/) });

    await h.ok('setup:runStep', { profileId, stepId: 'prerequisites' });
    expect((await status()).status).not.toBe('needs-recheck');
    const replacement = `a-different-portal-token-${Date.now()}`;
    await secrets.set(profileId, 'threatlockerPortalToken', replacement);
    expect(await status()).toMatchObject({ status: 'needs-recheck', staleReason: expect.stringMatching(/portal API token was replaced/) });

    // Saving the same token again changes nothing.
    await h.ok('setup:runStep', { profileId, stepId: 'prerequisites' });
    await secrets.set(profileId, 'threatlockerPortalToken', replacement);
    expect((await status()).status).not.toBe('needs-recheck');
  }, 60_000);
});
