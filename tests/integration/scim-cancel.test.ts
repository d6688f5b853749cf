import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/main/app-services';
import { testAppServices } from '../support/app-services';
import { createDispatch, type Dispatch } from '../../src/main/ipc/handle';
import { startBrokenScimServer, type BrokenScimServer } from '../support/broken-scim-servers';
import { testKeychainService } from '../support/keychain';

const trusted = { trusted: true, description: 'test' };

describe('cancelling a running SCIM check', () => {
  const keychain = testKeychainService();
  let services: AppServices;
  let dispatch: Dispatch;
  let stalled: BrokenScimServer;

  beforeAll(async () => {
    stalled = await startBrokenScimServer({ fault: 'stall' });
    services = testAppServices({
      dataDir: await mkdtemp(join(tmpdir(), 'tloc-cancel-')),
      keychainService: keychain.service,
      allowLoopback: true, // the stalled server is plain http on 127.0.0.1
    });
    dispatch = createDispatch(services.handlers, services.logger);
  });
  afterAll(async () => {
    await stalled.stop();
    await services.dispose();
    await keychain.cleanup();
  });

  const call = async (channel: string, payload: unknown): Promise<any> => {
    const envelope = await dispatch(channel, payload, trusted);
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value;
  };

  it('stops at once, reports the rest as skipped, and refuses a second run while one is going', async () => {
    const profile = await call('profiles:create', { name: 'Stalled', oktaOrgUrl: 'acme.okta.com', instance: 'd', scimUrl: stalled.url });
    await call('secrets:set', { profileId: profile.id, kind: 'scimBearerToken', value: stalled.token });

    const started = Date.now();
    const running = dispatch('scim:runChecks', { profileId: profile.id, write: false }, trusted);
    await new Promise((r) => setTimeout(r, 300));
    expect(await dispatch('scim:runChecks', { profileId: profile.id, write: false }, trusted)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call('scim:cancel', { profileId: profile.id })).toEqual({ cancelled: true });

    const envelope = await running;
    expect(Date.now() - started).toBeLessThan(5_000); // the stall lasts 30 s, the request timeout 10 s
    expect(envelope.ok).toBe(true);
    if (envelope.ok) {
      const run = envelope.value as { results: { outcome: string }[] };
      expect(run.results.filter((r) => r.outcome === 'skip').length).toBeGreaterThan(5);
    }
    expect(await call('scim:cancel', { profileId: profile.id })).toEqual({ cancelled: false });
  });
});
