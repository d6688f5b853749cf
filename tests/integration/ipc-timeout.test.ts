import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/main/app-services';
import { testAppServices } from '../support/app-services';
import { createDispatch } from '../../src/main/ipc/handle';
import { json, startLoopback, type LoopbackServer } from '../support/loopback';
import { testKeychainService } from '../support/keychain';

/**
 * After an IPC call times out, the requests it started must stop: before, an Okta call kept
 * retrying a failing server in the background (4 requests by about 105 s).
 */
describe('an IPC timeout cancels the work behind it', () => {
  const keychain = testKeychainService();
  let services: AppServices;
  let okta: LoopbackServer;
  let scim: LoopbackServer;

  beforeAll(async () => {
    okta = await startLoopback((_req, res) => json(res, 503, { errorCode: 'E0000009', errorSummary: 'Internal Server Error' }));
    // Never answers: only a cancel ends these.
    scim = await startLoopback(() => undefined);
    services = testAppServices({
      dataDir: await mkdtemp(join(tmpdir(), 'tloc-timeout-')),
      keychainService: keychain.service,
      allowLoopback: true,
      http: { backoffBaseMs: 150, maxRetries: 6 },
    });
  });
  afterAll(async () => {
    await services.dispose();
    await okta.close();
    await scim.close();
    await keychain.cleanup();
  });

  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('stops retrying an Okta call once the call has timed out', async () => {
    const dispatch = createDispatch(services.handlers, services.logger, { timeoutMs: () => 250 });
    const call = (channel: string, payload: unknown) => dispatch(channel, payload, { trusted: true, description: 'test' });
    const created = await call('profiles:create', { name: 'Slow org', oktaOrgUrl: okta.url, instance: 'd', scimUrl: `${scim.url}/scim/v2` });
    expect(created.ok).toBe(true);
    const profileId = (created as { value: { id: string } }).value.id;
    await call('secrets:set', { profileId, kind: 'oktaApiToken', value: 'timeout-okta-token-1234' });
    await call('secrets:set', { profileId, kind: 'scimBearerToken', value: 'timeout-scim-token-5678' });

    const verify = await call('okta:verifyToken', { profileId });
    expect(verify).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    const seen = okta.requests.length;
    await settle(2_500); // the backoff would have sent 4 more by now
    expect(okta.requests.length).toBe(seen);

    const run = await call('scim:runChecks', { profileId });
    expect(run).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    const scimSeen = scim.requests.length;
    await settle(1_000);
    expect(scim.requests.length).toBe(scimSeen);
    // The run was stopped, not left holding the profile: a new one may start at once.
    const again = await dispatch('scim:runChecks', { profileId }, { trusted: true, description: 'test' });
    expect(again).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  }, 20_000);
});
