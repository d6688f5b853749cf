/**
 * PortalClient + the network core against the ThreatLocker simulator over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThreatLockerSimulator, type ThreatLockerSimulator } from '../../sandbox/threatlocker/threatlocker-simulator';
import { HostPolicy } from '../../src/main/services/net/host-policy';
import { createHttpClient, type HttpClient } from '../../src/main/services/net/http-client';
import { HttpError } from '../../src/main/services/net/http-errors';
import { failure, memoryLogger } from '../support/loopback';
import { PortalClient } from '../../src/main/services/threatlocker/portal-client';

let sim: ThreatLockerSimulator;
let http: HttpClient;
let logger: ReturnType<typeof memoryLogger>;

beforeAll(async () => {
  sim = await startThreatLockerSimulator({ instance: 'd' });
  const policy = new HostPolicy();
  policy.allowOrigin(sim.url);
  logger = memoryLogger();
  http = createHttpClient({ policy, logger, sleep: async () => undefined });
});
afterAll(async () => {
  await http.close();
  await sim.stop();
});

const portal = (token: string, extra: { managedOrganizationId?: string; pageSize?: number } = {}) =>
  new PortalClient({ baseUrl: sim.url, getToken: async () => token, http, ...extra });

describe('PortalClient against the ThreatLocker simulator', () => {
  it('lists the roles of the API user organization, paging until a short page', async () => {
    const parent = sim.controls.listOrganizations().find((o) => o.parentOrganizationId === null)!;
    const expected = sim.controls.listRoles(parent.organizationId);
    const before = logger.raw.length;
    const roles = await portal(sim.portalToken, { pageSize: 2 }).listRoles();
    expect(roles.map((r) => r.id)).toEqual(expected.map((r) => r.userRoleId));
    expect(roles.map((r) => r.name)).toContain('Global Administrator');
    // 5 roles in pages of 2: 2 + 2 + 1.
    expect(logger.raw.slice(before).filter((l) => l.includes('UserRolesGetByParameters'))).toHaveLength(3);
  });

  it('acts on a child organization through managedOrganizationId', async () => {
    const child = sim.controls.listOrganizations().find((o) => o.parentOrganizationId !== null)!;
    const roles = await portal(sim.portalToken, { managedOrganizationId: child.organizationId }).listRoles();
    expect(roles.map((r) => r.id).sort()).toEqual(sim.controls.listRoles(child.organizationId).map((r) => r.userRoleId).sort());
    expect(roles.every((r) => r.organizationId === child.organizationId)).toBe(true);
  });

  it('lists and searches child organizations', async () => {
    const all = await portal(sim.portalToken, { pageSize: 2 }).listChildOrganizations();
    const children = sim.controls.listOrganizations().filter((o) => o.parentOrganizationId !== null);
    expect(all.map((o) => o.id).sort()).toEqual(children.map((o) => o.organizationId).sort());
    const dental = await portal(sim.portalToken).listChildOrganizations('dental');
    expect(dental.map((o) => o.displayName)).toEqual(['Contoso Dental Group']);
  });

  it('explains TOKEN_REVOKED (a token from another instance) without echoing the token', async () => {
    const token = sim.controls.otherInstanceToken;
    const err = await failure(portal(token).listRoles());
    expect(err.code).toBe('PERMISSION_DENIED');
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).remoteCode).toBe('TOKEN_REVOKED');
    expect(err.message).toContain('TOKEN_REVOKED');
    expect(err.hint).toContain('Help -> ThreatLocker Access (X)');
    for (const text of [err.message, err.hint ?? '', ...logger.raw]) expect(text).not.toContain(token);
  });

  it('reports a wrong token as AUTH_FAILED and an unknown child organization as PERMISSION_DENIED', async () => {
    expect((await failure(portal('not-a-real-token-123456').listRoles())).code).toBe('AUTH_FAILED');
    const err = await failure(portal(sim.portalToken, { managedOrganizationId: '00000000-0000-4000-8000-000000000000' }).listRoles());
    expect(err.code).toBe('PERMISSION_DENIED');
    expect(err.message).toContain('no access to organization');
  });

  it('retries the read-over-POST on 5xx and 429', async () => {
    sim.faults.next5xx = 1;
    sim.faults.next429 = 1;
    const roles = await portal(sim.portalToken).listRoles();
    expect(roles.length).toBeGreaterThan(0);
    expect(sim.faults.next5xx).toBe(0);
    expect(sim.faults.next429).toBe(0);
  });
});
