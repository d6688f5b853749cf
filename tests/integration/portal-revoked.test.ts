/**
 * A portal API token revoked in ThreatLocker (Administrators -> API Users) answers 403
 * TOKEN_REVOKED, the same as another instance's token; the console says both possibilities.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startThreatLockerSimulator, type ThreatLockerSimulator } from '../../sandbox/threatlocker/threatlocker-simulator';
import { HostPolicy } from '../../src/main/services/net/host-policy';
import { createHttpClient, type HttpClient } from '../../src/main/services/net/http-client';
import { failure, memoryLogger } from '../support/loopback';
import { PortalClient } from '../../src/main/services/threatlocker/portal-client';

let sim: ThreatLockerSimulator;
let http: HttpClient;
beforeAll(async () => {
  sim = await startThreatLockerSimulator({ instance: 'd' });
  const policy = new HostPolicy();
  policy.allowOrigin(sim.url);
  http = createHttpClient({ policy, logger: memoryLogger(), sleep: async () => undefined });
});
afterAll(async () => {
  await http.close();
  await sim.stop();
});

it('a revoked portal token fails with TOKEN_REVOKED and a hint naming revocation and the instance, never the token', async () => {
  const portal = new PortalClient({ baseUrl: sim.url, getToken: async () => sim.portalToken, http });
  expect((await portal.listRoles()).length).toBeGreaterThan(0);
  sim.controls.revokePortalToken();
  const err = await failure(portal.listRoles());
  expect(err.code).toBe('PERMISSION_DENIED');
  expect(err.message).toContain('TOKEN_REVOKED');
  expect(err.message).toMatch(/revoked or belongs to another instance/);
  expect(err.hint).toMatch(/Administrators -> API Users/);
  expect(`${err.message} ${err.hint}`).not.toContain(sim.portalToken);
  sim.controls.reset();
  expect((await portal.listRoles()).length).toBeGreaterThan(0);
});
