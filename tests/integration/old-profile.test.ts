import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSetupReport } from '../../src/main/services/reports/setup-report';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { testKeychainService } from '../support/keychain';
import { type Harness, startSandboxProfile, step } from '../support/setup-harness';


/**
 * A profile saved by an earlier version holds step data in shapes this version's schemas do not
 * describe. It still opens: a result whose data cannot be read shows as needing a re-check (never
 * as verified on data nobody can read), data in an older but known shape still reads, the file on
 * disk is left as it was until a run replaces the data, and running the step again verifies it.
 */
describe('a profile saved by an older version', () => {
  const keychain = testKeychainService();
  let sb: Sandbox;
  let h: Harness;
  let profileId: string;
  let file: string;
  beforeAll(async () => {
    sb = await startSandbox({ users: 10, groups: 3 });
    ({ h, profileId } = await startSandboxProfile(sb, keychain.service));
    file = join(h.dataDir, 'profiles', `${profileId}.json`);
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
    await keychain.cleanup();
  });

  it('opens; unreadable step data shows "needs re-check", an old known shape still reads, and a re-run verifies again', async () => {
    const first = step(await h.ok('setup:runStep', { profileId, stepId: 'create-app' }), 'create-app');
    expect(first.status).toBe('verified');

    // What an older version might have written: other shapes for the same keys, a retired step,
    // the primaryPhone fill's skipped users as bare logins, and a SCIM run in an old format.
    const saved = JSON.parse(await readFile(file, 'utf8'));
    const at = saved.setup.steps['create-app'].updatedAt;
    saved.setup.steps['create-app'].data = { ...saved.setup.steps['create-app'].data, fields: 'all 10 ok', hideTile: 'yes' };
    saved.setup.steps['push-groups'] = { status: 'verified', updatedAt: at, detail: 'Pushed.', data: { pushed: [{ groupName: 'Admins', status: 'ACTIVE' }] } };
    saved.setup.steps['primary-phone'] = {
      status: 'failed',
      updatedAt: at,
      detail: '1 user has no primaryPhone.',
      data: { userCount: 3, lastFill: { at, filled: 2, skipped: ['old.user@example.com'] } },
    };
    saved.setup.steps['threatlocker-saml'] = { status: 'unverifiable', updatedAt: at, detail: 'Confirmed by you.', data: { signOnUrl: 42, checklist: { 'saml-saved': true } } };
    saved.setup.steps['retired-step'] = { status: 'verified', updatedAt: at, data: { anything: true } };
    saved.scimChecks = { version: 0, checks: [{ name: 'users', ok: true }] };
    const oldText = JSON.stringify(saved);
    await writeFile(file, oldText);

    const view = await h.ok('setup:get', { profileId });
    for (const id of ['create-app', 'push-groups', 'threatlocker-saml'] as const) {
      const s = step(view, id);
      expect(s.status, id).toBe('needs-recheck');
      expect(s.detail).toMatch(/^It was (verified|done), but its saved details were written by an older version of the console and cannot be read\.$/);
      expect(s.hint).toMatch(/Run this step again/);
    }
    // The unreadable data is not shown (no guessed app id, no guessed group rows).
    expect(step(view, 'create-app').data).toEqual({ stepId: 'create-app' });
    expect(step(view, 'push-groups').data).toEqual({ stepId: 'push-groups' });
    // An older shape that is still known reads as the new one.
    expect(step(view, 'primary-phone').status).toBe('failed');
    expect(step(view, 'primary-phone').data.lastFill).toEqual({ at, filled: 2, skipped: [{ login: 'old.user@example.com' }] });
    expect(view.summary.find((r) => r.setting === 'Audience URI (SP Entity ID)')?.verification).toBe('stale');
    expect(view.steps.map((s) => s.id)).not.toContain('retired-step');

    const profile = await h.store.get(profileId);
    expect(profile.scimChecks).toEqual({ unreadable: true });
    const report = buildSetupReport({ profile, view, version: 'test', generatedAt: new Date(), redact: (t) => t }).content;
    expect(report).toContain('The saved check could not be read');
    expect(report).toContain('Needs re-check');

    // Reading changed nothing on disk: the file is as the older version left it.
    expect(await readFile(file, 'utf8')).toBe(oldText);

    // Running the step again looks the app up by its label (the old id could not be read): with no
    // saved id it could be another tenant's app, so it is shown and used once the admin confirms it.
    const asked = step(await h.ok('setup:runStep', { profileId, stepId: 'create-app' }), 'create-app');
    expect(asked.status).toBe('failed');
    expect(asked.data.adoptCandidate?.id).toBe(first.data.appId);
    const rerun = step(await h.ok('setup:runStep', { profileId, stepId: 'create-app', input: { confirmAdoptAppId: first.data.appId! } }), 'create-app');
    expect(rerun.status, rerun.detail).toBe('verified');
    expect(rerun.data.appId).toBe(first.data.appId);
    // The re-run also saved the IdP values into step 4's data: readable again, but the admin's
    // confirmation from before still needs a re-check.
    const saml = step(await h.ok('setup:get', { profileId }), 'threatlocker-saml');
    expect(saml.data.signOnUrl).toMatch(/^http/);
    expect(saml.status).toBe('needs-recheck');
    const after = JSON.parse(await readFile(file, 'utf8'));
    expect(after.setup.steps['create-app'].data.fields).toEqual(expect.arrayContaining([expect.objectContaining({ setting: 'Audience URI (SP Entity ID)', ok: true })]));
  }, 60_000);
});
