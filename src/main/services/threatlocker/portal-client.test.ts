import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { HostPolicy } from '../net/host-policy';
import { createHttpClient } from '../net/http-client';
import { failure, json, memoryLogger, startLoopback, type LoopbackHandler } from '../../../../tests/support/loopback';
import { PortalClient } from './portal-client';
import { acsUrlFor, normalizeInstance, portalApiBaseFor } from './threatlocker-urls';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function setup(handler: LoopbackHandler) {
  const server = await startLoopback(handler);
  const policy = new HostPolicy();
  policy.allowOrigin(server.url);
  const http = createHttpClient({ policy, logger: memoryLogger(), sleep: async () => undefined });
  closers.push(() => server.close(), () => http.close());
  const client = new PortalClient({ baseUrl: server.url, getToken: async () => 'raw-token-value', managedOrganizationId: 'c0ffee00-0000-4000-8000-000000000001', http, pageSize: 2 });
  return { server, client };
}

describe('threatlocker urls', () => {
  it('builds the portal API base and the SAML ACS URL from the instance', () => {
    expect(portalApiBaseFor('D')).toBe('https://portalapi.d.threatlocker.com');
    expect(acsUrlFor(' g ')).toBe('https://portalapi.g.threatlocker.com/portalApi/AuthenticationSAML/AssertionConsumerService');
    expect(normalizeInstance('H')).toBe('h');
  });
  it('refuses what is not an instance letter', () => {
    for (const bad of ['', 'd1', 'portalapi.d', 'abcd']) {
      expect(() => normalizeInstance(bad)).toThrow(AppError);
    }
  });
  it('defaults the client base URL to the instance', () => {
    const http = createHttpClient({ policy: new HostPolicy(), logger: memoryLogger() });
    closers.push(() => http.close());
    expect(new PortalClient({ instance: 'd', getToken: async () => 't', http }).baseUrl).toBe('https://portalapi.d.threatlocker.com');
    expect(() => new PortalClient({ getToken: async () => 't', http })).toThrow(/instance/);
  });
});

describe('PortalClient wire format', () => {
  it('sends the raw token, managedOrganizationId and paging, and reads aliased fields', async () => {
    const { server, client } = await setup((_req, res, body) => {
      const { pageNumber } = JSON.parse(body) as { pageNumber: number };
      const pages = [
        [{ userRoleId: 'r1', name: 'Administrator', unknownField: 1 }, { roleId: 'r2', roleName: 'Read Only' }],
        [{ id: 'r3', name: 'Helpdesk', description: null }],
      ];
      json(res, 200, pages[pageNumber - 1] ?? []);
    });
    const roles = await client.listRoles();
    expect(roles).toEqual([
      { id: 'r1', name: 'Administrator' },
      { id: 'r2', name: 'Read Only' },
      { id: 'r3', name: 'Helpdesk' },
    ]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.headers['authorization']).toBe('raw-token-value');
    expect(server.requests[0]!.headers['managedorganizationid']).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(JSON.parse(server.requests[1]!.body)).toEqual({ pageNumber: 2, pageSize: 2 });
    expect(server.requests[0]!.url).toBe('/portalapi/UserRoles/UserRolesGetByParameters');
  });

  it('accepts an envelope around the list and sends the search text', async () => {
    const { server, client } = await setup((_req, res) => json(res, 200, { data: [{ organizationId: 'o1', displayName: 'Contoso' }] }));
    expect(await client.listChildOrganizations('con')).toEqual([{ id: 'o1', name: 'Contoso', displayName: 'Contoso' }]);
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ searchText: 'con', pageNumber: 1 });
  });

  it('names the missing field when a role has no id', async () => {
    const { client } = await setup((_req, res) => json(res, 200, [{ name: 'Administrator' }]));
    const err = await failure(client.listRoles());
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toBe('ThreatLocker sent role 1 without userRoleId or roleId or id.');
  });

  it('refuses an answer that is not a list', async () => {
    const { client } = await setup((_req, res) => json(res, 200, { message: 'ok' }));
    expect((await failure(client.listRoles())).code).toBe('BAD_RESPONSE');
  });

  it('maps a plain-text TOKEN_REVOKED 403 to PERMISSION_DENIED with the instance hint', async () => {
    const { client } = await setup((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('TOKEN_REVOKED');
    });
    const err = await failure(client.listRoles());
    expect(err.code).toBe('PERMISSION_DENIED');
    expect(err.hint).toMatch(/instance letter/);
  });
});
