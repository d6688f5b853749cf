import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { HostPolicy } from '../net/host-policy';
import { createHttpClient } from '../net/http-client';
import { json, memoryLogger, startLoopback, type LoopbackHandler } from '../../../../tests/support/loopback';
import { OktaClient, type OktaToken } from './okta-client';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function setup(handler: LoopbackHandler, token: OktaToken = { kind: 'SSWS', value: '00tokentokentoken' }) {
  const server = await startLoopback(handler);
  const policy = new HostPolicy();
  policy.allowOrigin(server.url);
  const http = createHttpClient({ policy, logger: memoryLogger(), sleep: async () => undefined });
  closers.push(() => server.close(), () => http.close());
  return { server, okta: new OktaClient({ orgUrl: `${server.url}/`, getToken: async () => token, http }) };
}

const app = (id: string, label: string, status = 'ACTIVE') => ({ id, name: `acme_${id}`, label, status, signOnMode: 'SAML_2_0' });

describe('OktaClient requests', () => {
  it('finds apps by exact label, skipping DELETED and prefix matches', async () => {
    const { server, okta } = await setup((_req, res) =>
      json(res, 200, [app('1', 'ThreatLocker'), app('2', 'ThreatLocker Dev'), app('3', 'ThreatLocker', 'DELETED'), app('4', 'ThreatLocker', 'INACTIVE')]),
    );
    expect((await okta.findAppsByLabel('ThreatLocker')).map((a) => a.id)).toEqual(['1', '4']);
    expect(server.requests[0]!.url).toBe('/api/v1/apps?limit=200&q=ThreatLocker');
    expect(server.requests[0]!.headers['authorization']).toBe('SSWS 00tokentokentoken');
  });

  it('encodes search expressions with %20 and path segments safely', async () => {
    const { server, okta } = await setup((req, res) =>
      req.url!.startsWith('/api/v1/users?')
        ? json(res, 200, [])
        : json(res, 200, { id: '00u1', status: 'ACTIVE', profile: { login: 'a/b@example.com' } }),
    { kind: 'Bearer', value: 'eyJ.access.token' });
    for await (const _ of okta.listUsers({ search: 'profile.email eq "a+b@example.com"' })) void _;
    await okta.getUser('a/b@example.com');
    expect(server.requests[0]!.url).toBe('/api/v1/users?limit=200&search=profile.email%20eq%20%22a%2Bb%40example.com%22');
    expect(server.requests[1]!.url).toBe('/api/v1/users/a%2Fb%40example.com');
    expect(server.requests[1]!.headers['authorization']).toBe('Bearer eyJ.access.token');
  });

  it('sends the partial profile update as POST { profile } and metadata with Accept text/xml', async () => {
    const { server, okta } = await setup((req, res) => {
      if (req.url!.includes('/sso/saml/metadata')) {
        res.writeHead(200, { 'content-type': 'text/xml' });
        return void res.end('<md:EntityDescriptor entityID="exk1"/>');
      }
      json(res, 200, { id: '00u1', status: 'ACTIVE', profile: { login: 'a@example.com', primaryPhone: '+1' } });
    });
    await okta.updateUserProfile('00u1', { primaryPhone: '+1' });
    expect(server.requests[0]!.method).toBe('POST');
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ profile: { primaryPhone: '+1' } });
    expect(await okta.getSamlMetadata('0oa1', 'kid 1')).toContain('exk1');
    expect(server.requests[1]!.url).toBe('/api/v1/apps/0oa1/sso/saml/metadata?kid=kid%201');
    expect(server.requests[1]!.headers['accept']).toBe('text/xml');
  });

  it('does not retry createSamlApp on a 500 (a retry could create a duplicate app)', async () => {
    const { server, okta } = await setup((_req, res) => json(res, 500, { errorCode: 'E0000009', errorSummary: 'Internal Server Error' }));
    await expect(
      okta.createSamlApp({
        label: 'x',
        signOnMode: 'SAML_2_0',
        settings: {
          signOn: { ssoAcsUrl: 'https://a', audience: 'b', responseSigned: true, assertionSigned: true, honorForceAuthn: true, requestCompressed: false, allowMultipleAcsEndpoints: false },
        },
      }),
    ).rejects.toMatchObject({ code: 'REMOTE_ERROR' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toBe('/api/v1/apps?activate=true');
  });
});

describe('probePermissions', () => {
  it('tells granted, missing and unverifiable apart', async () => {
    const { okta } = await setup((req, res) => {
      const path = req.url!.split('?')[0]!;
      if (req.method === 'GET' && path === '/api/v1/groups/rules') return json(res, 404, { errorCode: 'E0000007', errorSummary: 'Not found' });
      if (req.method === 'GET') return json(res, 200, []);
      if (path === '/api/v1/apps') return json(res, 400, { errorCode: 'E0000001', errorSummary: 'Api validation failed: label' });
      if (path.startsWith('/api/v1/users/')) return json(res, 403, { errorCode: 'E0000006', errorSummary: 'You do not have permission' });
      return json(res, 404, { errorCode: 'E0000007', errorSummary: 'Not found' });
    });
    const result = await okta.probePermissions();
    expect(result.missing).toEqual(['okta.users.manage']);
    const byArea = Object.fromEntries(result.checked.map((c) => [c.detail!.split(':')[0], c.ok]));
    expect(byArea).toMatchObject({ apps: true, 'group rules': false, 'manage apps': true, 'manage users': false, 'manage groups': true });
  });

  it('stops at the first call when the token is rejected', async () => {
    const { server, okta } = await setup((_req, res) => json(res, 401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided' }));
    const err = await okta.probePermissions().catch((e: unknown) => e as AppError);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('AUTH_FAILED');
    expect((err as AppError).message).toBe('The Okta API token was rejected (E0000011 Invalid token provided).');
    expect(server.requests).toHaveLength(1);
  });
});
