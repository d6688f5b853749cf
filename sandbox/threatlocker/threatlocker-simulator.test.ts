import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startThreatLockerSimulator, type ThreatLockerSimulator } from './threatlocker-simulator';

const SCIM = 'application/scim+json';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

// Response bodies are probed field by field in assertions; a loose type keeps them readable.
 
type Json = Record<string, any>;

function scimClient(sim: ThreatLockerSimulator) {
  return async (method: string, path: string, body?: unknown, token: string | null = sim.scimToken) => {
    const headers: Record<string, string> = { accept: SCIM };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = SCIM;
    const res = await fetch(`${sim.scimUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Json };
  };
}

function oktaUser(userName: string, given = 'Ann', family = 'Lee'): Json {
  // The body Okta sends on create (Okta SCIM 2.0 reference).
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: given, familyName: family },
    emails: [{ primary: true, value: `other-${userName}`, type: 'work' }],
    displayName: `${given} ${family}`,
    externalId: '00u1abcd',
    groups: [],
    active: true,
    phoneNumbers: [{ value: '+1 555 0100', type: 'mobile' }],
    title: 'IT',
  };
}

function expectScimError(res: { status: number; headers: Headers; body: Json }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain(SCIM);
  expect(res.body.schemas).toEqual([ERROR_SCHEMA]);
  expect(res.body.status).toBe(String(status));
  expect(typeof res.body.detail).toBe('string');
  expect(res.body.detail.length).toBeGreaterThan(0);
}

describe('ThreatLocker simulator: SCIM', () => {
  let sim: ThreatLockerSimulator;
  let scim: ReturnType<typeof scimClient>;

  beforeAll(async () => {
    sim = await startThreatLockerSimulator({ seed: 7 });
    scim = scimClient(sim);
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.controls.reset());

  it('serves on loopback with the SCIM API Url under /scim/v2', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.scimUrl).toBe(`${sim.url}/scim/v2`);
    expect(sim.instance).toBe('d');
  });

  it('answers 401 with a SCIM error without a token or with a wrong one', async () => {
    expectScimError(await scim('GET', '/Users?startIndex=1&count=1', undefined, null), 401);
    expectScimError(await scim('GET', '/Users?startIndex=1&count=1', undefined, 'not-the-token'), 401);
    const basic = await fetch(`${sim.scimUrl}/Users`, { headers: { authorization: `Basic ${sim.scimToken}` } });
    expect(basic.status).toBe(401);
  });

  it('invalidates the previous token when a new one is generated', async () => {
    const old = sim.scimToken;
    expect((await scim('GET', '/Users', undefined, old)).status).toBe(200);
    const fresh = sim.controls.generateScimToken();
    expect(fresh).not.toBe(old);
    expect(sim.scimToken).toBe(fresh);
    expectScimError(await scim('GET', '/Users', undefined, old), 401);
    expect((await scim('GET', '/Users', undefined, fresh)).status).toBe(200);
  });

  it('refuses with 403 while the Enabled toggle is off (and starts on)', async () => {
    expect(sim.controls.isScimEnabled()).toBe(true);
    sim.controls.setScimEnabled(false);
    const res = await scim('GET', '/Users?startIndex=1&count=1');
    expectScimError(res, 403);
    expect(res.body.detail).toMatch(/disabled/i);
    // A wrong token is still told apart from the toggle.
    expectScimError(await scim('GET', '/Users', undefined, 'wrong'), 401);
    sim.controls.setScimEnabled(true);
    expect((await scim('GET', '/Users')).status).toBe(200);
  });

  it('creates a user (201, Location) and refuses a duplicate userName in another case with 409 uniqueness', async () => {
    const created = await scim('POST', '/Users', oktaUser('Ann.Lee@Acme.example'));
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toContain(SCIM);
    expect(created.body.schemas).toEqual([USER_SCHEMA]);
    expect(created.body.id).toEqual(expect.any(String));
    expect(created.body.active).toBe(true);
    expect(created.body.meta.location).toBe(`${sim.scimUrl}/Users/${created.body.id}`);
    expect(created.headers.get('location')).toBe(created.body.meta.location);

    const duplicate = await scim('POST', '/Users', oktaUser('ann.lee@ACME.example'));
    expectScimError(duplicate, 409);
    expect(duplicate.body.scimType).toBe('uniqueness');
  });

  it('keeps only userName, givenName, familyName (and active); the rest is ignored', async () => {
    const created = await scim('POST', '/Users', oktaUser('bo@acme.example', 'Bo', 'Ng'));
    expect(created.status).toBe(201);
    const fetched = await scim('GET', `/Users/${created.body.id}`);
    for (const body of [created.body, fetched.body]) {
      expect(body.userName).toBe('bo@acme.example');
      expect(body.name).toEqual({ givenName: 'Bo', familyName: 'Ng' });
      expect(body.externalId).toBeUndefined();
      expect(body.displayName).toBeUndefined();
      expect(body.phoneNumbers).toBeUndefined();
      expect(body.title).toBeUndefined();
      // emails is a read-only echo of userName, not the e-mail Okta sent.
      expect(body.emails).toEqual([{ value: 'bo@acme.example', type: 'work', primary: true }]);
    }
    const [stored] = sim.controls.listUsers();
    expect(Object.keys(stored!).sort()).toEqual(['active', 'created', 'familyName', 'givenName', 'id', 'lastModified', 'userName']);
  });

  it('rejects a userName that is not an e-mail address', async () => {
    const res = await scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'jdoe' });
    expectScimError(res, 400);
    expect(res.body.detail).toMatch(/e-mail/);
  });

  it('filters userName eq case-insensitively, in Okta\'s encoded form too, and userName sw', async () => {
    await scim('POST', '/Users', oktaUser('Cy.Park@Acme.example'));
    await scim('POST', '/Users', oktaUser('cyrus@other.example'));
    const eq = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "CY.PARK@acme.EXAMPLE"')}`);
    expect(eq.status).toBe(200);
    expect(eq.body.schemas).toEqual([LIST_SCHEMA]);
    expect(eq.body.totalResults).toBe(1);
    expect(eq.body.Resources[0].userName).toBe('Cy.Park@Acme.example');

    const okta = await fetch(`${sim.scimUrl}/Users?filter=userName%20eq%20%22cy.park%40acme.example%22&startIndex=1&count=100`, {
      headers: { authorization: `Bearer ${sim.scimToken}` },
    });
    expect((await okta.json()).totalResults).toBe(1);

    const none = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody-1234@acme.example"')}`);
    expect(none.status).toBe(200);
    expect(none.body.totalResults).toBe(0);
    expect(none.body.Resources).toEqual([]);

    const sw = await scim('GET', `/Users?filter=${encodeURIComponent('userName sw "CY"')}`);
    expect(sw.body.totalResults).toBe(2);
    const swAnd = await scim('GET', `/Users?filter=${encodeURIComponent('userName sw "cy" and name.familyName eq "LEE"')}`);
    expect(swAnd.body.totalResults).toBe(2);
  });

  it('answers 404 with a SCIM error for unknown ids (GET, PUT, PATCH, DELETE)', async () => {
    const id = '010101001010101011001010101011';
    expectScimError(await scim('GET', `/Users/${id}`), 404);
    expectScimError(await scim('PUT', `/Users/${id}`, oktaUser('x@acme.example')), 404);
    expectScimError(await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', value: { active: false } }] }), 404);
    expectScimError(await scim('DELETE', `/Users/${id}`), 404);
    expectScimError(await scim('GET', `/Groups/${id}`), 404);
  });

  it('pages 150 users with startIndex 1 and 101, count 100: integer counts, no id twice', async () => {
    for (let i = 0; i < 150; i++) {
      const res = await scim('POST', '/Users', oktaUser(`user${String(i).padStart(3, '0')}@acme.example`));
      expect(res.status).toBe(201);
    }
    const first = await scim('GET', '/Users?startIndex=1&count=100');
    const second = await scim('GET', '/Users?startIndex=101&count=100');
    for (const [page, expected, start] of [[first, 100, 1], [second, 50, 101]] as const) {
      expect(page.status).toBe(200);
      expect(page.body.totalResults).toBe(150);
      expect(page.body.startIndex).toBe(start);
      expect(page.body.itemsPerPage).toBe(expected);
      expect(page.body.Resources).toHaveLength(expected);
      for (const key of ['totalResults', 'startIndex', 'itemsPerPage']) expect(Number.isInteger(page.body[key])).toBe(true);
    }
    const ids = [...first.body.Resources, ...second.body.Resources].map((r: Json) => r.id);
    expect(new Set(ids).size).toBe(150);
    // Stable order: the same request answers the same page.
    const again = await scim('GET', '/Users?startIndex=1&count=100');
    expect(again.body.Resources.map((r: Json) => r.id)).toEqual(first.body.Resources.map((r: Json) => r.id));
    // Past the end: empty page, still the right total.
    const past = await scim('GET', '/Users?startIndex=151&count=100');
    expect(past.body.Resources).toEqual([]);
    expect(past.body.itemsPerPage).toBe(0);
    expect(past.body.totalResults).toBe(150);
    // Without count: capped at filter.maxResults.
    const all = await scim('GET', '/Users');
    expect(all.body.Resources).toHaveLength(150);
  });

  it('updates with PUT and deactivates / reactivates with PATCH like Okta', async () => {
    const { body: user } = await scim('POST', '/Users', oktaUser('dee@acme.example', 'Dee', 'Fox'));
    const put = await scim('PUT', `/Users/${user.id}`, { ...oktaUser('dee@acme.example', 'Deirdre', 'Fox'), id: user.id });
    expect(put.status).toBe(200);
    expect(put.body.name.givenName).toBe('Deirdre');
    const off = await scim('PATCH', `/Users/${user.id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await scim('GET', `/Users/${user.id}`)).body.active).toBe(false);
    const on = await scim('PATCH', `/Users/${user.id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', value: { active: true } }] });
    expect(on.body.active).toBe(true);
  });

  it('handles groups: create, PATCH add without duplicates, remove by filter, replace, rename, DELETE 204', async () => {
    const u1 = (await scim('POST', '/Users', oktaUser('g1@acme.example'))).body.id as string;
    const u2 = (await scim('POST', '/Users', oktaUser('g2@acme.example'))).body.id as string;
    const u3 = (await scim('POST', '/Users', oktaUser('g3@acme.example'))).body.id as string;

    expect((await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "TL Admins"')}`)).body.totalResults).toBe(0);
    const created = await scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'TL Admins', members: [] });
    expect(created.status).toBe(201);
    expect(created.body.schemas).toEqual([GROUP_SCHEMA]);
    const id = created.body.id as string;
    const patch = (Operations: Json[]) => scim('PATCH', `/Groups/${id}`, { schemas: [PATCH_SCHEMA], Operations });
    const memberIds = async () => ((await scim('GET', `/Groups/${id}`)).body.members ?? []).map((m: Json) => m.value);

    expect([200, 204]).toContain((await patch([{ op: 'add', path: 'members', value: [{ value: u1, display: 'g1' }] }])).status);
    expect([200, 204]).toContain((await patch([{ op: 'add', path: 'members', value: [{ value: u1 }, { value: u2 }] }])).status);
    expect(await memberIds()).toEqual([u1, u2]);
    const got = await scim('GET', `/Groups/${id}`);
    expect(got.body.members[0]).toEqual({ value: u1, display: 'g1@acme.example' });

    expect([200, 204]).toContain((await patch([{ op: 'remove', path: `members[value eq "${u1}"]` }])).status);
    expect(await memberIds()).toEqual([u2]);

    expect([200, 204]).toContain((await patch([{ op: 'replace', path: 'members', value: [{ value: u3 }, { value: u1 }] }])).status);
    expect(await memberIds()).toEqual([u3, u1]);

    // Okta renames with a path-less replace that also carries the id.
    expect([200, 204]).toContain((await patch([{ op: 'replace', value: { id, displayName: 'TL Admins EU' } }])).status);
    const renamed = await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "tl admins eu"')}`);
    expect(renamed.body.totalResults).toBe(1);

    expectScimError(await patch([{ op: 'add', path: 'members', value: [{ value: 'not-a-user' }] }]), 400);

    const list = await scim('GET', '/Groups?startIndex=1&count=100');
    expect(list.body.schemas).toEqual([LIST_SCHEMA]);
    expect(list.body.totalResults).toBe(1);
    const lean = await scim('GET', '/Groups?excludedAttributes=members');
    expect(lean.body.Resources[0].members).toBeUndefined();

    const deleted = await fetch(`${sim.scimUrl}/Groups/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${sim.scimToken}` } });
    expect(deleted.status).toBe(204);
    expectScimError(await scim('GET', `/Groups/${id}`), 404);
  });

  it('drops a deleted user from its groups', async () => {
    const u1 = (await scim('POST', '/Users', oktaUser('h1@acme.example'))).body.id as string;
    const g = (await scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Helpdesk', members: [{ value: u1 }] })).body;
    expect((await fetch(`${sim.scimUrl}/Users/${u1}`, { method: 'DELETE', headers: { authorization: `Bearer ${sim.scimToken}` } })).status).toBe(204);
    expect((await scim('GET', `/Groups/${g.id}`)).body.members ?? []).toEqual([]);
  });

  it('tells the truth in ServiceProviderConfig and serves ResourceTypes and Schemas', async () => {
    const spc = await scim('GET', '/ServiceProviderConfig');
    expect(spc.status).toBe(200);
    expect(spc.headers.get('content-type')).toContain(SCIM);
    expect(spc.body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig']);
    expect(spc.body.patch.supported).toBe(true);
    expect(spc.body.bulk.supported).toBe(false);
    expect(spc.body.sort.supported).toBe(false);
    expect(spc.body.etag.supported).toBe(false);
    expect(spc.body.changePassword.supported).toBe(false);
    expect(spc.body.filter).toEqual({ supported: true, maxResults: 200 });
    expect(spc.body.authenticationSchemes).toHaveLength(1);
    expect(spc.body.authenticationSchemes[0].type).toBe('oauthbearertoken');

    for (const path of ['/ResourceTypes', '/Schemas']) {
      const res = await scim('GET', path);
      expect(res.status).toBe(200);
      expect(res.body.schemas).toEqual([LIST_SCHEMA]);
      expect(res.body.totalResults).toBeGreaterThan(0);
    }
    expectScimError(await scim('POST', '/Bulk', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] }), 501);
  });

  it('answers a broken JSON body with a SCIM 400', async () => {
    const res = await fetch(`${sim.scimUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.scimToken}`, 'content-type': SCIM },
      body: '{"userName": ',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(SCIM);
    expect((await res.json()).scimType).toBe('invalidSyntax');
  });

  it('applies faults: 429 with Retry-After and a SCIM body, then 5xx', async () => {
    sim.faults.next429 = 1;
    const limited = await scim('GET', '/Users');
    expectScimError(limited, 429);
    expect(limited.headers.get('retry-after')).toBe('1');
    sim.faults.next5xx = 1;
    expect((await fetch(`${sim.scimUrl}/Users`)).status).toBeGreaterThanOrEqual(500);
    expect((await scim('GET', '/Users')).status).toBe(200);
  });
});

describe('ThreatLocker simulator: portal API', () => {
  let sim: ThreatLockerSimulator;
  beforeAll(async () => {
    sim = await startThreatLockerSimulator({ seed: 42 });
  });
  afterAll(() => sim.stop());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: { authorization: sim.portalToken, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const rolesPath = '/portalapi/UserRoles/UserRolesGetByParameters';
  const childrenPath = '/portalapi/Organization/OrganizationGetChildOrganizationsByParameters';

  it('lists the parent org\'s child organizations, paged and searchable', async () => {
    const res = await post(childrenPath, { pageNumber: 1, pageSize: 100 });
    expect(res.status).toBe(200);
    const orgs = (await res.json()) as Json[];
    expect(orgs).toHaveLength(5);
    const parent = sim.controls.listOrganizations()[0]!;
    expect(parent.displayName).toBe('Acme MSP');
    for (const org of orgs) {
      expect(org.organizationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(org.parentOrganizationId).toBe(parent.organizationId);
      expect(org.name).toEqual(expect.any(String));
      expect(org.displayName).toEqual(expect.any(String));
    }
    expect(res.headers.get('totalItems')).toBe('5');
    expect(JSON.parse(res.headers.get('pagination')!)).toMatchObject({ currentPage: 1, totalItems: 5, totalPages: 1 });

    const page2 = await post(childrenPath, { pageNumber: 2, pageSize: 2 });
    expect(((await page2.json()) as Json[]).map((o) => o.organizationId)).toEqual(orgs.slice(2, 4).map((o) => o.organizationId));
    expect(page2.headers.get('pageNumber')).toBe('2');

    const search = await post(childrenPath, { pageNumber: 1, pageSize: 25, searchText: 'DENTAL' });
    expect(((await search.json()) as Json[]).map((o) => o.displayName)).toEqual(['Contoso Dental Group']);

    // Paths are case-insensitive, as on IIS.
    expect((await post('/portalApi/organization/organizationgetchildorganizationsbyparameters', { pageNumber: 1, pageSize: 5 })).status).toBe(200);
  });

  it('returns each organization\'s own roles via managedOrganizationId (never inherited)', async () => {
    const [parent, childA, childB] = sim.controls.listOrganizations();
    const rolesOf = async (orgId?: string) => {
      const res = await post(rolesPath, { pageNumber: 1, pageSize: 100 }, orgId ? { managedOrganizationId: orgId } : {});
      expect(res.status).toBe(200);
      return (await res.json()) as Json[];
    };
    const parentRoles = await rolesOf();
    const aRoles = await rolesOf(childA!.organizationId);
    const bRoles = await rolesOf(childB!.organizationId);
    expect(parentRoles.map((r) => r.name)).toContain('Global Administrator');
    expect(aRoles.every((r) => r.organizationId === childA!.organizationId)).toBe(true);
    expect(bRoles.every((r) => r.organizationId === childB!.organizationId)).toBe(true);
    expect(aRoles.map((r) => r.name)).not.toEqual(bRoles.map((r) => r.name));
    const parentIds = new Set(parentRoles.map((r) => r.userRoleId));
    expect(aRoles.some((r) => parentIds.has(r.userRoleId))).toBe(false);
    expect(await rolesOf(parent!.organizationId)).toEqual(parentRoles);
    for (const role of aRoles) expect(Object.keys(role).sort()).toEqual(['description', 'name', 'organizationId', 'userRoleId']);

    const paged = await post(rolesPath, { pageNumber: 1, pageSize: 2 }, { managedOrganizationId: childA!.organizationId });
    expect(await paged.json()).toHaveLength(2);
    expect(paged.headers.get('totalItems')).toBe(String(aRoles.length));
  });

  it('refuses unknown or malformed managedOrganizationId and bad paging', async () => {
    const unknown = await post(rolesPath, { pageNumber: 1, pageSize: 10 }, { managedOrganizationId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(403);
    expect((await unknown.json()).message).toMatch(/no access/);
    const malformed = await post(rolesPath, { pageNumber: 1, pageSize: 10 }, { managedOrganizationId: 'acme' });
    expect(malformed.status).toBe(400);
    const badPage = await post(rolesPath, { pageNumber: 0, pageSize: 10 });
    expect(badPage.status).toBe(400);
    expect((await badPage.json()).message).toMatch(/pageNumber/);
  });

  it('answers 401 to a missing or wrong token and 403 TOKEN_REVOKED to another instance\'s token', async () => {
    expect((await post(rolesPath, { pageNumber: 1, pageSize: 10 }, { authorization: '' })).status).toBe(401);
    expect((await post(rolesPath, { pageNumber: 1, pageSize: 10 }, { authorization: 'nope' })).status).toBe(401);
    const bearer = await post(rolesPath, { pageNumber: 1, pageSize: 10 }, { authorization: `Bearer ${sim.portalToken}` });
    expect(bearer.status).toBe(401);
    expect((await bearer.json()).message).toMatch(/Bearer/);

    const revoked = await post(rolesPath, { pageNumber: 1, pageSize: 10 }, { authorization: sim.controls.otherInstanceToken });
    expect(revoked.status).toBe(403);
    expect(await revoked.text()).toContain('TOKEN_REVOKED');

    // A real simulator of another instance: its token is revoked here, and vice versa.
    const other = await startThreatLockerSimulator({ seed: 42, instance: 'g' });
    try {
      expect(other.portalToken).not.toBe(sim.portalToken);
      const cross = await post(rolesPath, { pageNumber: 1, pageSize: 10 }, { authorization: other.portalToken });
      expect(cross.status).toBe(403);
      expect(await cross.text()).toContain('TOKEN_REVOKED');
    } finally {
      await other.stop();
    }
  });

  it('answers 429 with Retry-After when rate limited', async () => {
    sim.faults.next429 = 1;
    const res = await post(rolesPath, { pageNumber: 1, pageSize: 10 });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
  });
});

describe('ThreatLocker simulator: controls and isolation', () => {
  it('keeps separate data in two simulators in one process', async () => {
    const a = await startThreatLockerSimulator({ seed: 1 });
    const b = await startThreatLockerSimulator({ seed: 2 });
    try {
      const scimA = scimClient(a);
      const scimB = scimClient(b);
      expect((await scimA('POST', '/Users', oktaUser('only-a@acme.example'))).status).toBe(201);
      expect((await scimB('POST', '/Users', oktaUser('only-b@acme.example'))).status).toBe(201);
      // The same userName is free in the other simulator.
      expect((await scimB('POST', '/Users', oktaUser('only-a@acme.example'))).status).toBe(201);
      expect((await scimA('GET', '/Users')).body.totalResults).toBe(1);
      expect((await scimB('GET', '/Users')).body.totalResults).toBe(2);
      expect(a.controls.listUsers().map((u) => u.userName)).toEqual(['only-a@acme.example']);
      expect((await scimA('GET', '/Users', undefined, b.scimToken)).status).toBe(401);
      const located = (await scimB('GET', '/Users')).body.Resources[0].meta.location as string;
      expect(located.startsWith(b.scimUrl)).toBe(true);
      a.controls.setScimEnabled(false);
      expect((await scimB('GET', '/Users')).status).toBe(200);
      expect(a.controls.listOrganizations()[0]!.organizationId).not.toBe(b.controls.listOrganizations()[0]!.organizationId);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('is deterministic per seed', async () => {
    const a = await startThreatLockerSimulator({ seed: 5 });
    const b = await startThreatLockerSimulator({ seed: 5 });
    try {
      expect(a.portalToken).toBe(b.portalToken);
      expect(a.scimToken).toBe(b.scimToken);
      expect(a.controls.listOrganizations()).toEqual(b.controls.listOrganizations());
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('deletes a user role as an admin would: gone from the portal API, its Group Mapping rows dropped; put back without them', async () => {
    const sim = await startThreatLockerSimulator({ seed: 5 });
    const scim = scimClient(sim);
    try {
      const [parent, child] = sim.controls.listOrganizations();
      const roles = sim.controls.listRoles(child!.organizationId);
      const [admin, readOnly] = [roles.find((r) => r.name === 'Administrator')!, roles.find((r) => r.name === 'Read Only')!];
      for (const name of ['TL Admins', 'TL Read Only', 'TL Auditors']) await scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: name });
      sim.controls.setGroupMappings([
        { groupDisplayName: 'TL Admins', roleId: admin.userRoleId },
        { groupDisplayName: 'TL Read Only', roleId: readOnly.userRoleId },
        { groupDisplayName: 'TL Auditors', roleId: readOnly.userRoleId },
      ]);
      const listed = async () => {
        const res = await fetch(`${sim.url}/portalapi/UserRoles/UserRolesGetByParameters`, {
          method: 'POST',
          headers: { authorization: sim.portalToken, 'content-type': 'application/json', managedOrganizationId: child!.organizationId },
          body: JSON.stringify({ pageNumber: 1, pageSize: 100 }),
        });
        return { total: res.headers.get('totalItems'), names: ((await res.json()) as Json[]).map((r) => r.name as string) };
      };

      // A role of another organization, or an unknown id, is refused and changes nothing.
      expect(() => sim.controls.deleteRole(parent!.organizationId, readOnly.userRoleId)).toThrow(/not a current user role/);
      expect(sim.controls.listRoles(child!.organizationId)).toHaveLength(roles.length);

      // Upper case id: ThreatLocker's GUIDs compare case-insensitively.
      const dropped = sim.controls.deleteRole(child!.organizationId, readOnly.userRoleId.toUpperCase());
      expect(dropped.map((r) => r.groupDisplayName)).toEqual(['TL Read Only', 'TL Auditors']);
      expect(sim.controls.getGroupMappings()).toEqual([{ groupDisplayName: 'TL Admins', roleId: admin.userRoleId }]);
      const after = await listed();
      expect(after.names).not.toContain('Read Only');
      expect(after.total).toBe(String(roles.length - 1));
      expect(sim.controls.listRoles(child!.organizationId).map((r) => r.name)).not.toContain('Read Only');
      expect(sim.controls.listDeletedRoles(child!.organizationId).map((r) => r.name)).toEqual(['Read Only']);
      // The tab can no longer offer it, and it cannot be deleted twice.
      expect(() => sim.controls.setGroupMappings([{ groupDisplayName: 'TL Read Only', roleId: readOnly.userRoleId }])).toThrow('Role "Read Only" was deleted in ThreatLocker, so the Group Mapping tab cannot offer it for "TL Read Only"');
      expect(() => sim.controls.deleteRole(child!.organizationId, readOnly.userRoleId)).toThrow(/not a current user role/);

      // Put back: the same role (same id) is listed again; the dropped rows stay dropped.
      expect(() => sim.controls.restoreRole(child!.organizationId, admin.userRoleId)).toThrow(/was not deleted/);
      sim.controls.restoreRole(child!.organizationId, readOnly.userRoleId);
      expect((await listed()).names).toEqual(roles.map((r) => r.name));
      expect(sim.controls.getGroupMappings()).toEqual([{ groupDisplayName: 'TL Admins', roleId: admin.userRoleId }]);
      expect(sim.controls.listDeletedRoles(child!.organizationId)).toEqual([]);

      // reset() brings every deleted role back.
      sim.controls.deleteRole(child!.organizationId, admin.userRoleId);
      sim.controls.reset();
      expect(sim.controls.listRoles(child!.organizationId)).toEqual(roles);
    } finally {
      await sim.stop();
    }
  });

  it('stores group mappings, SSO and SAML settings, and resets everything', async () => {
    const sim = await startThreatLockerSimulator({ seed: 3, faults: { latencyMs: 0, next429: 0, next5xx: 0, nextDrop: 0, nextMalformed: 0 } });
    const scim = scimClient(sim);
    try {
      const role = sim.controls.listRoles(sim.controls.listOrganizations()[1]!.organizationId)[0]!;
      expect(() => sim.controls.setGroupMappings([{ groupDisplayName: 'TL Admins', roleId: role.userRoleId }])).toThrow(/not been pushed/);
      await scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'TL Admins' });
      expect(() => sim.controls.setGroupMappings([{ groupDisplayName: 'tl admins', roleId: 'no-such-role' }])).toThrow(/not a ThreatLocker user role/);
      sim.controls.setGroupMappings([{ groupDisplayName: 'tl admins', roleId: role.userRoleId }]);
      expect(sim.controls.getGroupMappings()).toEqual([{ groupDisplayName: 'TL Admins', roleId: role.userRoleId }]);
      expect(sim.controls.listGroups().map((g) => g.displayName)).toEqual(['TL Admins']);

      expect(sim.controls.isSsoAllowed()).toBe(false);
      sim.controls.setSsoAllowed(true);
      expect(sim.controls.isSsoAllowed()).toBe(true);

      expect(sim.controls.getSamlIntegration()).toBeNull();
      const saml = {
        signOnUrl: 'http://127.0.0.1:1/app/sso/saml',
        issuer: 'http://www.okta.com/exk1',
        certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
        signatureAlgorithm: 'SHA256' as const,
      };
      expect(() => sim.controls.setSamlIntegration({ ...saml, issuer: '' })).toThrow(/issuer/);
      sim.controls.setSamlIntegration(saml);
      expect(sim.controls.getSamlIntegration()).toEqual(saml);

      const firstToken = sim.scimToken;
      sim.controls.generateScimToken();
      sim.controls.setScimEnabled(false);
      sim.faults.latencyMs = 5;
      sim.controls.reset();
      expect(sim.scimToken).toBe(firstToken);
      expect(sim.controls.isScimEnabled()).toBe(true);
      expect(sim.controls.isSsoAllowed()).toBe(false);
      expect(sim.controls.getSamlIntegration()).toBeNull();
      expect(sim.controls.getGroupMappings()).toEqual([]);
      expect(sim.controls.listGroups()).toEqual([]);
      expect(sim.faults.latencyMs).toBe(0);
      expect((await scim('GET', '/Groups')).body.totalResults).toBe(0);
    } finally {
      await sim.stop();
    }
  });
});
