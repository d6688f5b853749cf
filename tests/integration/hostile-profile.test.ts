import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/main/app-services';
import { testAppServices } from '../support/app-services';
import { createDispatch, type Dispatch } from '../../src/main/ipc/handle';
import { MAX_PROFILE_DEPTH } from '../../src/shared/profile';
import { testKeychainService } from '../support/keychain';

/** Profile content from a file or an import is untrusted: each case here once broke a screen or the list. */
describe('hostile profile content', () => {
  const keychain = testKeychainService();
  let dataDir: string;
  let services: AppServices;
  let call: (channel: string, payload: unknown) => Promise<any>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tloc-hostile-'));
    services = testAppServices({
      dataDir,
      keychainService: keychain.service,
    });
    const dispatch: Dispatch = createDispatch(services.handlers, services.logger);
    call = (channel, payload) => dispatch(channel, payload, { trusted: true, description: 'test' });
  });
  afterAll(async () => {
    await services.dispose();
    await keychain.cleanup();
  });

  const profileFile = (name: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      schemaVersion: 1,
      id: '11111111-2222-4333-8444-555555555555',
      name,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      okta: { orgUrl: 'https://acme.okta.com', customDomain: false },
      threatlocker: { instance: 'd' },
      ...extra,
    });

  /** A value nested `levels` deep: {"a":{"a":...}}. */
  const nested = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`) as unknown;

  it('drops a finding whose label is not a string instead of sending it to the Setup screen', async () => {
    const steps = { 'create-app': { status: 'failed', updatedAt: '2026-01-01T00:00:00.000Z', data: { findings: [{ label: { evil: 1 }, outcome: 'fail' }, { label: 'Real', outcome: 'pass' }] } } };
    const imported = await call('profiles:import', { fileName: 'f.json', content: profileFile('Findings', { setup: { steps } }) });
    expect(imported.ok).toBe(true);
    const view = await call('setup:get', { profileId: imported.value.id });
    expect(view.ok).toBe(true);
    const step = view.value.steps.find((s: { id: string }) => s.id === 'create-app');
    expect(step.findings).toEqual([{ label: 'Real', outcome: 'pass' }]);
  });

  it('refuses an import nested deeper than the cap, and keeps a legal deep one compact on disk', async () => {
    const tooDeep = profileFile('Deep', { scimChecks: nested(1000) });
    const refused = await call('profiles:import', { fileName: 'deep.json', content: tooDeep });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining(`${MAX_PROFILE_DEPTH} levels`) } });

    // 8 KB of nesting once became a 33 MB file (indentation grows with the square of the depth).
    const legal = profileFile('Legal deep', { scimChecks: { pad: 'x'.repeat(8000), deep: nested(MAX_PROFILE_DEPTH - 4) } });
    const ok = await call('profiles:import', { fileName: 'legal.json', content: legal });
    expect(ok.ok).toBe(true);
    const onDisk = await readFile(join(dataDir, 'profiles', `${ok.value.id}.json`), 'utf8');
    expect(onDisk.length).toBeLessThan(legal.length + 1000);
    expect(onDisk).not.toContain('\n  ');
  });

  it('lists the rest and names each unreadable entry (a folder called zz.json, a too-deep file)', async () => {
    await mkdir(join(dataDir, 'profiles', 'zz.json'));
    await writeFile(join(dataDir, 'profiles', 'deep.json'), profileFile('Deep on disk', { scimChecks: nested(2000) }));
    const listed = await call('profiles:list', {});
    expect(listed.ok).toBe(true);
    expect(listed.value.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'zz.json', reason: expect.stringContaining('folder') }),
        expect.objectContaining({ file: 'deep.json', reason: expect.stringContaining('nested') }),
      ]),
    );
    expect(listed.value.profiles.length).toBeGreaterThanOrEqual(2);
    // The result is what the contract names: summaries, not whole profiles (setup data, saved runs).
    for (const p of listed.value.profiles) expect(Object.keys(p).sort()).toEqual(['id', 'name', 'okta', 'sandbox', 'threatlocker', 'updatedAt']);
    expect((await readdir(join(dataDir, 'profiles'))).length).toBeGreaterThan(2);
  });
});
