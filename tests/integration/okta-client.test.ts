/**
 * OktaClient + the network core against the Okta simulator over real HTTP on 127.0.0.1.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startOktaSimulator, type OktaSimulator } from '../../sandbox/okta/okta-simulator';
import { HostPolicy } from '../../src/main/services/net/host-policy';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../src/main/services/net/http-client';
import type { HttpError } from '../../src/main/services/net/http-errors';
import { failure, memoryLogger } from '../support/loopback';
import { OktaClient, type OktaToken } from '../../src/main/services/okta/okta-client';
import { buildCreateAppBody } from '../../src/main/services/setup/app-settings';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function connect(sim: OktaSimulator, token: OktaToken, http?: Partial<HttpClientOptions>) {
  const policy = new HostPolicy();
  policy.allowOrigin(sim.url);
  const logger = memoryLogger();
  const client: HttpClient = createHttpClient({ policy, logger, ...http });
  closers.push(() => client.close());
  return { okta: new OktaClient({ orgUrl: sim.url, getToken: async () => token, http: client }), logger };
}

/** First item only: stops paging (a limit=1 listing of 1,200 users would be 1,200 requests). */
async function first<T>(it: AsyncIterable<T>): Promise<T> {
  for await (const x of it) return x;
  throw new Error('empty listing');
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The body the setup wizard sends (instance d, tile hidden, no RelayState), under another label. */
const samlBody = (label: string) => buildCreateAppBody('d', { label, defaultRelayState: '', hideTile: true });

describe('OktaClient against the simulator', () => {
  let sim: OktaSimulator;
  beforeAll(async () => {
    sim = await startOktaSimulator({ users: 1200 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('reports a bad token as AUTH_FAILED with E0000011, without leaking it', async () => {
    const bad = 'SSWS-bad-token-0123456789abcdef';
    const { okta, logger } = connect(sim, { kind: 'SSWS', value: bad });
    const err = await failure(okta.getUser('nobody@example.com'));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toContain('E0000011');
    expect((err as HttpError).status).toBe(401);
    const probe = await failure(okta.probePermissions());
    expect(probe.code).toBe('AUTH_FAILED');
    expect(probe.message).toBe('The Okta API token was rejected (E0000011 Invalid token provided).');
    expect(probe.hint).toMatch(/Security -> API -> Tokens/);
    for (const text of [...logger.raw, err.message, probe.message]) expect(text).not.toContain(bad);
  });

  it('pages through 1,200+ users and yields each exactly once', async () => {
    const { okta, logger } = connect(sim, { kind: 'SSWS', value: sim.apiToken });
    const users = await all(okta.listUsers({ limit: 200 }));
    const ids = users.map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    const expected = sim.state.users().filter((u) => u['status'] !== 'DEPROVISIONED');
    expect(expected.length).toBeGreaterThanOrEqual(1000);
    expect(ids.sort()).toEqual(expected.map((u) => String(u['id'])).sort());
    expect(logger.raw.filter((l) => l.includes('/api/v1/users')).length).toBeGreaterThanOrEqual(Math.ceil(expected.length / 200));
  });

  it('reports the missing manage permissions of a read-only token', async () => {
    const { okta } = connect(sim, { kind: 'SSWS', value: sim.readOnlyApiToken });
    const result = await okta.probePermissions();
    expect(result.missing.sort()).toEqual(['okta.apps.manage', 'okta.groups.manage', 'okta.users.manage']);
    for (const scope of ['okta.apps.read', 'okta.users.read', 'okta.groups.read', 'okta.logs.read']) {
      expect(result.checked.filter((c) => c.scope === scope).every((c) => c.ok)).toBe(true);
    }
    expect(result.checked.find((c) => c.scope === 'okta.apps.manage')?.detail).toContain('E0000006');
  });

  it('reports nothing missing for the admin token and the OAuth token', async () => {
    for (const token of [{ kind: 'SSWS', value: sim.apiToken }, { kind: 'Bearer', value: sim.bearerToken }] as const) {
      const { okta } = connect(sim, token);
      const result = await okta.probePermissions();
      expect(result.missing).toEqual([]);
      expect(result.checked).toHaveLength(8);
      expect(result.checked.every((c) => c.ok)).toBe(true);
    }
    // The probe created nothing.
    expect(sim.state.apps().filter((a) => a['label'] === undefined || a['label'] === '')).toEqual([]);
  });

  it('creates, finds, reads and updates a SAML app end to end', async () => {
    const { okta } = connect(sim, { kind: 'SSWS', value: sim.apiToken });
    const label = 'ThreatLocker client test';
    expect(await okta.findAppsByLabel(label)).toEqual([]);
    const app = await okta.createSamlApp(samlBody(label), { activate: false });
    expect(app.status).toBe('INACTIVE');
    await okta.activateApp(app.id);
    // A prefix match on q must not count as the same label.
    await okta.createSamlApp(samlBody(`${label} (copy)`));
    const found = await okta.findAppsByLabel(label);
    expect(found.map((a) => a.id)).toEqual([app.id]);

    const fetched = await okta.getApp(app.id);
    expect(fetched.status).toBe('ACTIVE');
    const kid = fetched.credentials?.signing?.kid;
    expect(kid).toBeTruthy();
    const xml = await okta.getSamlMetadata(app.id, kid!);
    expect(xml).toContain('EntityDescriptor');
    const keys = await okta.listAppKeys(app.id);
    expect(keys.map((k) => k.kid)).toContain(kid);

    // GET, modify, PUT keeps fields the schema does not name.
    const replaced = await okta.replaceApp(app.id, { ...fetched, label: `${label} renamed` });
    expect(replaced.label).toBe(`${label} renamed`);
    expect(replaced.settings?.signOn?.audience).toBe('https://threatlocker.com');
    await okta.replaceApp(app.id, { ...replaced, label });

    const group = await first(okta.listGroups({ q: 'Everyone' }));
    expect((await okta.getGroup(group.id)).profile.name).toBe(group.profile.name);
    await okta.assignGroupToApp(app.id, group.id, { priority: 0 });
    await okta.assignGroupToApp(app.id, group.id); // PUT is repeatable
    expect((await all(okta.listAppGroups(app.id))).map((g) => g.id)).toEqual([group.id]);

    const user = await first(okta.listUsers({ limit: 1, search: 'status eq "ACTIVE"' }));
    const appUser = await okta.assignUserToApp(app.id, { id: user.id, scope: 'USER' });
    expect(appUser.id).toBe(user.id);
    expect((await okta.getAppUser(app.id, user.id)).id).toBe(user.id);
    const appUsers = await all(okta.listAppUsers(app.id, { expand: 'user' }));
    expect(appUsers.some((au) => au._embedded?.user?.id === user.id)).toBe(true);

    const updated = await okta.updateUserProfile(user.id, { primaryPhone: '+1 555 0100' });
    expect(updated.profile.primaryPhone).toBe('+1 555 0100');
    expect(updated.profile.login).toBe(user.profile.login);
    expect((await okta.getUser(user.profile.login)).id).toBe(user.id);

    const members = await all(okta.listGroupMembers(group.id, { limit: 100 }));
    expect(members.length).toBeGreaterThan(0);
    await okta.unassignGroup(app.id, group.id);
    expect(await all(okta.listAppGroups(app.id))).toEqual([]);

    const rules = await all(okta.listGroupRules({ expand: 'groupIdToGroupNameMap' }));
    expect(Array.isArray(rules)).toBe(true);
    const logs = await all(okta.listLogs({ since: new Date(Date.now() - 3_600_000), filter: `target.id eq "${app.id}"` }));
    expect(logs.some((e) => e.eventType.startsWith('application.'))).toBe(true);
  });

  it('reads provisioning features and manages group push once SCIM is on', async () => {
    const { okta } = connect(sim, { kind: 'SSWS', value: sim.apiToken });
    const app = await okta.createSamlApp(samlBody('ThreatLocker provisioning test'));
    const before = await failure(okta.listFeatures(app.id));
    expect(before.code).toBe('VALIDATION');
    expect(before.message).toContain('Provisioning is not enabled');

    sim.controls.enableScimProvisioning(app.id);
    // Admin Console steps: SCIM connection with "Push Groups" selected (the default actions).
    sim.controls.setScimConnection(app.id, { baseUrl: 'http://127.0.0.1:9/scim/v2', headerToken: 'sandbox-scim-token' });
    const features = await okta.listFeatures(app.id);
    expect(features.map((f) => f.name)).toContain('USER_PROVISIONING');
    // Okta (and the simulator) refuse this for a custom SAML app: the To App settings are UI-only.
    const refused = await failure(
      okta.updateFeature(app.id, 'USER_PROVISIONING', {
        create: { lifecycleCreate: { status: 'ENABLED' } },
        update: { profile: { status: 'ENABLED' }, lifecycleDeactivate: { status: 'ENABLED' } },
      }),
    );
    expect(refused.code).toBe('VALIDATION');
    expect((refused as HttpError).remoteCode).toBe('E0000001');
    expect((await okta.getFeature(app.id)).name).toBe('USER_PROVISIONING');
    const connection = await okta.getDefaultConnection(app.id);
    expect(connection.status).toBeTruthy();

    const group = (await all(okta.listGroups({ limit: 3 }))).find((g) => g.type !== 'BUILT_IN')!;
    const mapping = await okta.createGroupPushMapping(app.id, { sourceGroupId: group.id, targetGroupName: group.profile.name, status: 'ACTIVE' });
    expect(mapping.sourceGroupId).toBe(group.id);
    expect((await all(okta.listGroupPushMappings(app.id))).map((m) => m.id)).toContain(mapping.id);
    expect((await okta.updateGroupPushMapping(app.id, mapping.id, { status: 'INACTIVE' })).status).toBe('INACTIVE');
    await okta.deleteGroupPushMapping(app.id, mapping.id, { deleteTargetGroup: false });
    expect(await all(okta.listGroupPushMappings(app.id))).toEqual([]);
  });
});

describe('rate limits against the simulator', () => {
  it('retries injected 429s (faults.next429 = 3) without surfacing an error', async () => {
    const sim = await startOktaSimulator({ users: 20 });
    closers.push(() => sim.stop());
    const sleeps: number[] = [];
    // Injected 429s do not depend on time, so the waits are recorded instead of slept.
    const { okta } = connect(sim, { kind: 'SSWS', value: sim.apiToken }, { sleep: async (ms) => void sleeps.push(ms) });
    sim.faults.next429 = 3;
    const users = await all(okta.listUsers());
    expect(users.length).toBeGreaterThan(0);
    expect(sim.faults.next429).toBe(0);
    const retryWaits = sleeps.filter((ms) => ms >= 500);
    expect(retryWaits.length).toBeGreaterThanOrEqual(3);
    // The simulator says "resets in about two seconds": the waits follow the header.
    for (const ms of retryWaits) expect(ms).toBeLessThanOrEqual(3_600);
  });

  it('paces under a 5-per-minute ceiling instead of hitting 429', async () => {
    // The simulator's window is a real minute; fake only Date so the wait passes at once while
    // sockets and timers stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const sim = await startOktaSimulator({ users: 30, rateLimits: { users: 5 } });
      closers.push(() => sim.stop());
      const sleeps: number[] = [];
      const { okta, logger } = connect(sim, { kind: 'SSWS', value: sim.apiToken }, {
        sleep: async (ms) => {
          sleeps.push(ms);
          vi.setSystemTime(Date.now() + ms);
        },
      });
      const users = await all(okta.listUsers({ limit: 2 }));
      const expected = sim.state.users().filter((u) => u['status'] !== 'DEPROVISIONED').length;
      expect(users).toHaveLength(expected);
      expect(new Set(users.map((u) => u.id)).size).toBe(expected);
      expect(sleeps.length).toBeGreaterThanOrEqual(2); // > 5 pages: at least two window waits
      expect(logger.raw.some((l) => l.includes('pacing'))).toBe(true);
      expect(logger.raw.filter((l) => l.includes('-> 429'))).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
