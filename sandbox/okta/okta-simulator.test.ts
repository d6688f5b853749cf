import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktaSimulator, type OktaSimulator } from './okta-simulator';
import { startScimStub, type ScimStub } from '../../tests/support/scim-stub';
import { nextLink, testApi, threatLockerAppBody, type TestApi } from '../../tests/support/okta-test-client';

describe('auth and errors', () => {
  let sim: OktaSimulator;
  let api: TestApi;
  beforeAll(async () => {
    sim = await startOktaSimulator();
    api = testApi(sim);
  });
  afterAll(() => sim.stop());

  it('answers 401 E0000011 for a missing, wrong or mis-schemed token', async () => {
    for (const auth of [null, 'SSWS nope', `Bearer ${sim.apiToken}`, `SSWS ${sim.bearerToken}`]) {
      const res = await api.call('GET', '/api/v1/apps', undefined, auth);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.body).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorCauses: [] });
      expect(res.body.errorId).toMatch(/^oae/);
      expect(res.headers.get('x-rate-limit-remaining')).not.toBeNull();
    }
  });

  it('accepts the OAuth bearer token', async () => {
    const res = await api.call('GET', '/api/v1/groups?limit=1', undefined, `Bearer ${sim.bearerToken}`);
    expect(res.status).toBe(200);
  });

  it('gives the read-only token 403 E0000006 on manage operations only', async () => {
    const ro = testApi(sim, `SSWS ${sim.readOnlyApiToken}`);
    expect((await ro.get('/api/v1/users?limit=1')).status).toBe(200);
    const res = await ro.post('/api/v1/apps', threatLockerAppBody());
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('E0000006');
  });

  it('answers 404 E0000007 naming the id and type', async () => {
    const res = await api.get('/api/v1/apps/0oaDoesNotExist');
    expect(res.status).toBe(404);
    expect(res.body.errorSummary).toBe('Not found: Resource not found: 0oaDoesNotExist (AppInstance)');
  });

  it('answers 400 E0000001 with causes for an invalid SAML app', async () => {
    const body = threatLockerAppBody();
    delete (body.settings.signOn as Partial<typeof body.settings.signOn>).honorForceAuthn;
    const res = await api.post('/api/v1/apps', body);
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    expect(res.body.errorSummary).toBe('Api validation failed: settings.signOn.honorForceAuthn');
    const both = threatLockerAppBody();
    both.settings.signOn.responseSigned = false;
    both.settings.signOn.assertionSigned = false;
    const res2 = await api.post('/api/v1/apps', both);
    expect(res2.status).toBe(400);
    expect(JSON.stringify(res2.body.errorCauses)).toContain('responseSigned or assertionSigned');
  });

  it('answers 400 E0000003 for a malformed JSON body', async () => {
    const res = await fetch(`${sim.url}/api/v1/apps`, {
      method: 'POST',
      headers: { Authorization: `SSWS ${sim.apiToken}`, 'Content-Type': 'application/json' },
      body: '{"label": ',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errorCode).toBe('E0000003');
  });
});

describe('rate limits and faults', () => {
  it('returns 429 E0000047 with X-Rate-Limit-* headers once a bucket is exhausted', async () => {
    const sim = await startOktaSimulator({ users: 20, groups: 5, rateLimits: { users: 3 } });
    const api = testApi(sim);
    try {
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await api.get('/api/v1/users?limit=1');
        expect(res.status).toBe(200);
        expect(res.headers.get('x-rate-limit-limit')).toBe('3');
        remaining.push(res.headers.get('x-rate-limit-remaining')!);
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const res = await api.get('/api/v1/users?limit=1');
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' });
      expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
      const reset = Number(res.headers.get('x-rate-limit-reset'));
      expect(reset).toBeGreaterThan(Date.now() / 1000);
      expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
      // Other buckets are metered separately.
      expect((await api.get('/api/v1/groups?limit=1')).status).toBe(200);
    } finally {
      await sim.stop();
    }
  });

  it('turns faults.next429 into a proper Okta 429 resetting within seconds, and honours 5xx/drop faults', async () => {
    const sim = await startOktaSimulator({ users: 20, groups: 5 });
    const api = testApi(sim);
    try {
      sim.faults.next429 = 1;
      const res = await api.get('/api/v1/apps');
      expect(res.status).toBe(429);
      expect(res.body.errorCode).toBe('E0000047');
      expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
      const reset = Number(res.headers.get('x-rate-limit-reset'));
      expect(reset - Date.now() / 1000).toBeLessThanOrEqual(3);
      expect(reset - Date.now() / 1000).toBeGreaterThan(0);
      expect((await api.get('/api/v1/apps')).status).toBe(200);

      sim.faults.next5xx = 1;
      expect((await api.get('/api/v1/apps')).status).toBeGreaterThanOrEqual(500);
      sim.faults.nextDrop = 1;
      await expect(api.get('/api/v1/apps')).rejects.toThrow();
      expect((await api.get('/api/v1/apps')).status).toBe(200);
    } finally {
      await sim.stop();
    }
  });
});

describe('pagination', () => {
  let sim: OktaSimulator;
  let api: TestApi;
  beforeAll(async () => {
    sim = await startOktaSimulator({ users: 1_250, groups: 40 });
    api = testApi(sim);
  });
  afterAll(() => sim.stop());

  it('returns every user exactly once across pages, with absolute self/next links', async () => {
    const first = await api.get('/api/v1/users?limit=137');
    const links = first.headers.get('link')!;
    expect(links).toContain(`<${sim.url}/api/v1/users?limit=137>; rel="self"`);
    expect(nextLink(first.headers)).toMatch(new RegExp(`^${sim.url}/api/v1/users\\?limit=137&after=`));

    const { items, pages } = await api.all('/api/v1/users?limit=137');
    const ids = items.map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    const expected = sim.state.store.users.filter((u) => u.status !== 'DEPROVISIONED').map((u) => u.id);
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(1_000);
    expect(pages).toBe(Math.ceil(expected.length / 137));
    expect(items.some((u) => u.status === 'DEPROVISIONED')).toBe(false);
  });

  it('defaults to 200 users per page and searches include DEPROVISIONED users', async () => {
    const res = await api.get('/api/v1/users');
    expect(res.body).toHaveLength(200);
    const dep = await api.all(`/api/v1/users?search=${encodeURIComponent('status eq "DEPROVISIONED"')}`);
    expect(dep.items.length).toBeGreaterThan(0);
    expect(dep.items.every((u) => u.status === 'DEPROVISIONED')).toBe(true);
  });

  it('serves items created while paging exactly once (System Log)', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/api/v1/logs?limit=7';
    let added = 0;
    while (url) {
      const res = await api.get(url);
      seen.push(...res.body.map((e: { uuid: string }) => e.uuid));
      if (added < 3) {
        // A profile update writes a log event behind the cursor.
        await api.post(`/api/v1/users/${sim.state.store.users[5]!.id}`, { profile: { title: `Title ${added}` } });
        added++;
      }
      url = nextLink(res.headers);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(sim.state.logs().length);
  });

  it('clamps app-group limits to Okta min 20 / max 200', async () => {
    const app = (await api.post('/api/v1/apps', threatLockerAppBody())).body;
    for (const g of sim.state.store.groups.slice(0, 30)) await api.put(`/api/v1/apps/${app.id}/groups/${g.id}`);
    const res = await api.get(`/api/v1/apps/${app.id}/groups?limit=5`);
    expect(res.body).toHaveLength(20);
    const all = await api.all(`/api/v1/apps/${app.id}/groups?limit=5`);
    expect(all.items).toHaveLength(30);
    expect(all.pages).toBe(2);
  });
});

describe('provisioning engine', () => {
  let sim: OktaSimulator;
  let api: TestApi;
  let scim: ScimStub;
  let appId: string;
  const group = (name: string) => sim.state.store.groups.find((g) => g.name === name)!;

  beforeAll(async () => {
    sim = await startOktaSimulator();
    api = testApi(sim);
    scim = await startScimStub();
    appId = (await api.post('/api/v1/apps', threatLockerAppBody())).body.id;
  });
  afterAll(async () => {
    await sim.stop();
    await scim.stop();
  });

  it('refuses features and group push until SCIM provisioning is enabled', async () => {
    for (const path of ['features', 'features/USER_PROVISIONING', 'group-push/mappings']) {
      const res = await api.get(`/api/v1/apps/${appId}/${path}`);
      expect(res.status).toBe(400);
      expect(res.body.errorSummary).toBe('Api validation failed: feature');
      expect(res.body.errorCauses[0].errorSummary).toBe('Provisioning is not enabled for the app instance.');
    }
    const conn = await api.get(`/api/v1/apps/${appId}/connections/default`);
    expect(conn.body).toMatchObject({ status: 'UNKNOWN', profile: { authScheme: 'UNKNOWN' } });
  });

  it('tests and saves the SCIM connection and reflects the To App checkboxes', async () => {
    sim.controls.enableScimProvisioning(appId);
    const bad = await sim.controls.testScimConnection(appId, { baseUrl: scim.baseUrl, headerToken: 'wrong' });
    expect(bad).toMatchObject({ ok: false, status: 401 });
    sim.controls.setScimConnection(appId, { baseUrl: scim.baseUrl, headerToken: scim.token, uniqueIdentifier: 'email' });
    expect(await sim.controls.testScimConnection(appId)).toEqual({ ok: true, status: 200, message: 'Connector configured successfully' });
    const test = scim.requests.at(-1)!;
    expect(test.url).toBe('/scim/v2/Users?startIndex=1&count=1');
    expect(test.headers['user-agent']).toBe('Okta SCIM Client 1.0.0');
    expect(test.headers.authorization).toBe(`Bearer ${scim.token}`);

    let feature = (await api.get(`/api/v1/apps/${appId}/features/USER_PROVISIONING`)).body;
    expect(feature.capabilities.create.lifecycleCreate.status).toBe('DISABLED');
    sim.controls.setToAppFeatures(appId, { createUsers: true, updateUserAttributes: true, deactivateUsers: true });
    feature = (await api.get(`/api/v1/apps/${appId}/features/USER_PROVISIONING`)).body;
    expect(feature.capabilities.create.lifecycleCreate.status).toBe('ENABLED');
    expect(feature.capabilities.update.profile.status).toBe('ENABLED');
    expect(feature.capabilities.update.lifecycleDeactivate.status).toBe('ENABLED');
    expect((await api.get(`/api/v1/apps/${appId}`)).body.features).toEqual(expect.arrayContaining(['PUSH_NEW_USERS', 'GROUP_PUSH']));
    // Custom SAML apps: the API cannot flip the checkboxes.
    const put = await api.put(`/api/v1/apps/${appId}/features/USER_PROVISIONING`, { create: { lifecycleCreate: { status: 'ENABLED' } } });
    expect(put.status).toBe(400);
    expect(put.body.errorCode).toBe('E0000001');
  });

  it('provisions the members of an assigned group and fails the one without primaryPhone', async () => {
    const admins = group('ThreatLocker Admins');
    const members = sim.state.groupMembers(admins.id);
    const noPhone = members.filter((u: any) => u.profile.primaryPhone === null) as any[];
    expect(members).toHaveLength(6);
    expect(noPhone).toHaveLength(1);
    scim.requests.length = 0;

    const assign = await api.put(`/api/v1/apps/${appId}/groups/${admins.id}`, { priority: 0 });
    expect(assign.status).toBe(200);
    // Okta answers before the push: app users are queued.
    const staged = (await api.get(`/api/v1/apps/${appId}/users`)).body;
    expect(staged.every((u: any) => u.scope === 'GROUP')).toBe(true);
    await sim.controls.whenIdle();

    const appUsers = (await api.get(`/api/v1/apps/${appId}/users?expand=user`)).body;
    expect(appUsers).toHaveLength(6);
    for (const au of appUsers) {
      expect(au.credentials.userName).toBe(au._embedded.user.profile.email);
      if (au._embedded.user.profile.primaryPhone === null) {
        expect(au).toMatchObject({ status: 'STAGED', syncState: 'ERROR' });
        expect(au.externalId).toBeUndefined();
      } else {
        expect(au).toMatchObject({ status: 'PROVISIONED', syncState: 'SYNCHRONIZED' });
        expect(scim.users.get(au.externalId)?.userName).toBe(au.credentials.userName);
      }
    }

    // Exactly what Okta sends: filter lookup, then POST, never a call for the phoneless user.
    const posts = scim.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(5);
    const first = posts[0]!;
    expect(first.headers['content-type']).toContain('application/scim+json');
    expect(first.headers.accept).toBe('application/scim+json');
    expect(first.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      name: { givenName: expect.any(String), familyName: expect.any(String) },
      emails: [{ primary: true, value: expect.stringContaining('@example.com'), type: 'work' }],
      groups: [],
      active: true,
    });
    const lookup = scim.requests.find((r) => r.method === 'GET')!;
    const login = (first.body as { userName: string }).userName;
    expect(scim.requests.some((r) => r.url === `/scim/v2/Users?filter=userName%20eq%20%22${encodeURIComponent(login)}%22&startIndex=1&count=100`)).toBe(true);
    expect(lookup.headers['user-agent']).toBe('Okta SCIM Client 1.0.0');
    expect(scim.requests.some((r) => JSON.stringify(r.body ?? '').includes(noPhone[0]!.profile.email))).toBe(false);

    const failure = (await api.get(`/api/v1/logs?filter=${encodeURIComponent('eventType eq "application.provision.user.push" and outcome.result eq "FAILURE"')}`)).body;
    expect(failure).toHaveLength(1);
    expect(failure[0].outcome.reason).toContain('primaryPhone');
    expect(failure[0].target.map((t: any) => t.type)).toEqual(expect.arrayContaining(['User', 'AppInstance']));
    expect(failure[0].target.find((t: any) => t.type === 'User').id).toBe(noPhone[0]!.id);
    const success = (await api.get(`/api/v1/logs?filter=${encodeURIComponent('eventType eq "application.provision.user.push" and outcome.result eq "SUCCESS"')}`)).body;
    expect(success).toHaveLength(5);
  });

  it('provisions the fixed user after an admin retry', async () => {
    const userId = sim.state.appUsers(appId).find((u: any) => u.syncState === 'ERROR')!.id as string;
    const upd = await api.post(`/api/v1/users/${userId}`, { profile: { primaryPhone: '+1 555-0100' } });
    expect(upd.status).toBe(200);
    expect(upd.body.profile.primaryPhone).toBe('+1 555-0100');
    expect(sim.controls.retryFailedProvisioning(appId)).toBe(1);
    await sim.controls.whenIdle();
    expect(sim.state.appUser(appId, userId)).toMatchObject({ status: 'PROVISIONED', syncState: 'SYNCHRONIZED' });
  });

  it('pushes a group (create + member add) for an ACTIVE mapping', async () => {
    const admins = group('ThreatLocker Admins');
    const res = await api.post(`/api/v1/apps/${appId}/group-push/mappings`, { sourceGroupId: admins.id, targetGroupName: 'ThreatLocker Admins', status: 'ACTIVE' });
    expect(res.status).toBe(201);
    expect(res.body.targetGroupId).toMatch(/^00g/);
    await sim.controls.whenIdle();
    const mapping = (await api.get(`/api/v1/apps/${appId}/group-push/mappings/${res.body.id}`)).body;
    expect(mapping.status).toBe('ACTIVE');
    expect(mapping.lastPush).toBeDefined();
    const pushed = [...scim.groups.values()].find((g) => g.displayName === 'ThreatLocker Admins')!;
    expect(pushed.members).toHaveLength(6);
    const target = (await api.get(`/api/v1/groups/${res.body.targetGroupId}`)).body;
    expect(target.type).toBe('APP_GROUP');

    // A second mapping with the same name links to the existing APP_GROUP; a duplicate source is refused.
    const dup = await api.post(`/api/v1/apps/${appId}/group-push/mappings`, { sourceGroupId: admins.id, targetGroupName: 'Other' });
    expect(dup.status).toBe(400);
    const both = await api.post(`/api/v1/apps/${appId}/group-push/mappings`, { sourceGroupId: admins.id, targetGroupName: 'x', targetGroupId: res.body.targetGroupId });
    expect(both.status).toBe(400);
  });

  it('adds a new member end to end and deactivates users when the group is unassigned', async () => {
    const admins = group('ThreatLocker Admins');
    const newcomer = sim.state.store.users.find((u) => u.status === 'ACTIVE' && u.profile.primaryPhone && !sim.state.store.isMember(admins, u))!;
    expect((await api.put(`/api/v1/groups/${admins.id}/users/${newcomer.id}`)).status).toBe(204);
    await sim.controls.whenIdle();
    const au = sim.state.appUser(appId, newcomer.id)!;
    expect(au).toMatchObject({ status: 'PROVISIONED', syncState: 'SYNCHRONIZED' });
    const pushed = [...scim.groups.values()].find((g) => g.displayName === 'ThreatLocker Admins')!;
    expect(pushed.members.map((m) => m.value)).toContain(au.externalId);

    scim.requests.length = 0;
    expect((await api.del(`/api/v1/apps/${appId}/groups/${admins.id}`)).status).toBe(204);
    await sim.controls.whenIdle();
    const deactivations = scim.requests.filter((r) => r.method === 'PATCH' && r.url.startsWith('/scim/v2/Users/'));
    expect(deactivations).toHaveLength(7);
    expect(deactivations[0]!.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect([...scim.users.values()].every((u) => u.active === false)).toBe(true);
    expect(sim.state.appUsers(appId)).toHaveLength(0);
    // Okta never DELETEs users.
    expect(scim.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('marks users ERROR with the reason when the SCIM server fails or is unreachable', async () => {
    const readOnly = group('ThreatLocker Read Only');
    scim.forceStatus = 503;
    await api.put(`/api/v1/apps/${appId}/groups/${readOnly.id}`);
    await sim.controls.whenIdle();
    const users = sim.state.appUsers(appId);
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u: any) => u.syncState === 'ERROR')).toBe(true);
    const logs = sim.state.logs().filter((e: any) => e.eventType === 'application.provision.user.push' && e.outcome.result === 'FAILURE') as any[];
    expect(logs.at(-1)!.outcome.reason).toContain('503');
    scim.forceStatus = null;

    sim.controls.setScimConnection(appId, { baseUrl: 'http://127.0.0.1:9/scim/v2', headerToken: scim.token });
    expect(sim.controls.retryFailedProvisioning(appId)).toBe(users.length);
    await sim.controls.whenIdle();
    const last = sim.state.logs().at(-1) as any;
    expect(last.outcome.result).toBe('FAILURE');
    expect(last.outcome.reason).toMatch(/Could not connect/);
  });
});

describe('SAML metadata', () => {
  it('serves IdP metadata with a real sha256WithRSA certificate', async () => {
    const sim = await startOktaSimulator({ users: 10, groups: 3 });
    const api = testApi(sim);
    try {
      const app = (await api.post('/api/v1/apps', threatLockerAppBody())).body;
      expect(app.name).toBe('acmesandbox_threatlocker_1');
      const kid = app.credentials.signing.kid as string;
      const res = await api.get(`/api/v1/apps/${app.id}/sso/saml/metadata?kid=${kid}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/xml');
      const xml = res.text;
      const entityId = /entityID="([^"]+)"/.exec(xml)![1]!;
      expect(entityId).toMatch(/^http:\/\/www\.okta\.com\/exk[0-9A-Za-z]{17}$/);
      const exk = entityId.split('/').pop();
      const locations = [...xml.matchAll(/<md:SingleSignOnService Binding="([^"]+)" Location="([^"]+)"/g)];
      expect(locations.map((m) => m[1])).toEqual([
        'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
        'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
      ]);
      expect(locations[0]![2]).toBe(`${sim.url}/app/${app.name}/${exk}/sso/saml`);
      expect(xml).toContain('<md:KeyDescriptor use="signing">');
      expect(xml).toContain('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
      expect(xml).toContain('WantAuthnRequestsSigned="false"');

      const b64 = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(xml)![1]!;
      const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.decode64(b64)));
      expect(forge.pki.oids[cert.siginfo.algorithmOid]).toBe('sha256WithRSAEncryption');
      expect((cert.publicKey as forge.pki.rsa.PublicKey).n.bitLength()).toBe(2048);
      expect(cert.verify(cert)).toBe(true);
      const years = (cert.validity.notAfter.getTime() - cert.validity.notBefore.getTime()) / (365.25 * 86_400_000);
      expect(Math.round(years)).toBe(10);
      expect(Math.abs(cert.validity.notBefore.getTime() - Date.now())).toBeLessThan(60_000);

      const keys = (await api.get(`/api/v1/apps/${app.id}/credentials/keys`)).body;
      expect(keys[0]).toMatchObject({ kid, kty: 'RSA', use: 'sig', x5c: [b64] });
      expect((await api.get(`/api/v1/apps/${app.id}/sso/saml/metadata?kid=unknown`)).status).toBe(404);
    } finally {
      await sim.stop();
    }
  });
});

describe('users, groups and rules', () => {
  let sim: OktaSimulator;
  let api: TestApi;
  beforeAll(async () => {
    sim = await startOktaSimulator();
    api = testApi(sim);
  });
  afterAll(() => sim.stop());

  it('is deterministic for a seed', async () => {
    const other = await startOktaSimulator();
    try {
      // Records, not rendered JSON: links carry each simulator's own port.
      expect(other.state.store.users.slice(0, 50)).toEqual(sim.state.store.users.slice(0, 50));
      expect(other.state.groups().map((g) => g.id)).toEqual(sim.state.groups().map((g) => g.id));
      expect(other.apiToken).toBe(sim.apiToken);
    } finally {
      await other.stop();
    }
  });

  it('seeds Everyone, the ThreatLocker groups and ~10% users without primaryPhone', () => {
    const names = sim.state.store.groups.map((g) => g.name);
    expect(names.slice(0, 5)).toEqual(['Everyone', 'ThreatLocker Admins', 'ThreatLocker Read Only', 'IT Helpdesk', 'Security Operations']);
    expect(names).toHaveLength(30);
    const noPhone = sim.state.store.users.filter((u) => u.profile.primaryPhone === null).length;
    expect(noPhone).toBeGreaterThan(8);
    expect(noPhone).toBeLessThan(40);
    const rules = sim.state.groupRules();
    expect(rules.length).toBeGreaterThanOrEqual(3);
    expect(rules.length).toBeLessThanOrEqual(5);
  });

  it('searches users with eq/sw/co and refuses pr and ne', async () => {
    const q = (s: string) => api.get(`/api/v1/users?search=${encodeURIComponent(s)}`);
    const sec = await q('profile.department eq "Security"');
    expect(sec.status).toBe(200);
    expect(sec.body.every((u: any) => u.profile.department === 'Security')).toBe(true);
    const sw = await q('profile.login sw "morgan."');
    expect(sw.body[0].profile.login).toBe('morgan.okta-admin@example.com');
    expect((await q('profile.email co "okta-admin"')).body).toHaveLength(1);
    expect((await q('profile.primaryPhone pr')).status).toBe(400);
    expect((await q('status ne "ACTIVE"')).status).toBe(400);
    expect((await q('profile.title co "Lead"')).status).toBe(400);
    const byLogin = await api.get('/api/v1/users/morgan.okta-admin@example.com');
    expect(byLogin.body.profile.firstName).toBe('Morgan');
    const filter = await api.get(`/api/v1/users?filter=${encodeURIComponent('profile.login eq "morgan.okta-admin@example.com"')}`);
    expect(filter.body).toHaveLength(1);
  });

  it('validates profile updates (primaryPhone max 100)', async () => {
    const id = sim.state.store.users[3]!.id;
    const res = await api.post(`/api/v1/users/${id}`, { profile: { primaryPhone: 'x'.repeat(101) } });
    expect(res.status).toBe(400);
    expect(res.body.errorSummary).toBe('Api validation failed: primaryPhone');
    const ok = await api.post(`/api/v1/users/${id}`, { profile: { primaryPhone: null } });
    expect(ok.body.profile.primaryPhone).toBeNull();
    expect(ok.body.profile.email).toBe(sim.state.store.users[3]!.profile.email);
  });

  it('lists groups with q, search and stats, members with paging, and rules with names', async () => {
    const q = await api.get('/api/v1/groups?q=ThreatLocker');
    expect(q.body.map((g: any) => g.profile.name)).toEqual(['ThreatLocker Admins', 'ThreatLocker Read Only']);
    const s = await api.get(`/api/v1/groups?search=${encodeURIComponent('profile.name sw "IT" and type eq "OKTA_GROUP"')}&expand=stats`);
    expect(s.body[0]._embedded.stats.usersCount).toBeGreaterThan(0);
    const everyone = sim.state.store.groups[0]!;
    const members = await api.all(`/api/v1/groups/${everyone.id}/users?limit=50`);
    expect(members.items).toHaveLength(200);
    expect(members.pages).toBe(4);
    const rules = (await api.get('/api/v1/groups/rules?expand=groupIdToGroupNameMap')).body;
    const tlRule = rules.find((r: any) => r.name === 'Security leads to ThreatLocker Admins');
    expect(Object.values(tlRule._embedded.groupIdToGroupNameMap)).toEqual(['ThreatLocker Admins']);
  });
});

describe('scale', () => {
  it('starts with 100k users and 10k groups quickly', async () => {
    const t0 = performance.now();
    const sim = await startOktaSimulator({ users: 100_000, groups: 10_000 });
    const ms = performance.now() - t0;
    console.log(`[okta-simulator] 100k users / 10k groups started in ${ms.toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
    try {
      expect(ms).toBeLessThan(3_000);
      const api = testApi(sim);
      const last = sim.state.store.users.at(-1)!;
      expect((await api.get(`/api/v1/users/${last.id}`)).status).toBe(200);
      const page = await api.get('/api/v1/users?limit=200');
      expect(page.body).toHaveLength(200);
    } finally {
      await sim.stop();
    }
  });
});
