import { describe, expect, it } from 'vitest';
import { bucketOf, ORG_LIMITS } from './okta-rate-limits';
import { startOktaSimulator } from './okta-simulator';
import { testApi } from '../../tests/support/okta-test-client';

describe('Okta rate-limit buckets (published management limits)', () => {
  it('counts /apps and /apps/{id}/* in one bucket, the bare /apps/{id} apart', () => {
    expect(bucketOf('/api/v1/apps')).toBe('apps');
    expect(bucketOf('/api/v1/apps/0oa1/users')).toBe('apps');
    expect(bucketOf('/api/v1/apps/0oa1/group-push/mappings/x')).toBe('apps');
    expect(bucketOf('/api/v1/apps/0oa1')).toBe('appById');
    expect(bucketOf('/api/v1/users')).toBe('users');
    expect(bucketOf('/api/v1/users/00u1')).toBe('userById');
    expect(bucketOf('/api/v1/groups/rules')).toBe('groups');
    expect(bucketOf('/api/v1/groups/00g1/users')).toBe('groupById');
    expect(bucketOf('/api/v1/logs')).toBe('logs');
    expect(bucketOf('/api/v1/meta/schemas')).toBe('default');
  });

  it('a developer org gives the apps bucket 20 per minute, shared by /apps and /apps/{id}/*; /apps/{id} keeps its own', async () => {
    const sim = await startOktaSimulator({ users: 5, groups: 3, orgType: 'developer' });
    const api = testApi(sim);
    try {
      const app = (await api.post('/api/v1/apps', {
        label: 'X', signOnMode: 'SAML_2_0',
        settings: { signOn: { ssoAcsUrl: 'https://a.example/acs', allowMultipleAcsEndpoints: false, assertionSigned: true, honorForceAuthn: true, requestCompressed: false, responseSigned: true } },
      })).body;
      const bare = await api.get(`/api/v1/apps/${app.id}`);
      expect(bare.headers.get('x-rate-limit-limit')).toBe(String(ORG_LIMITS.developer.buckets.appById));
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await api.get(i % 2 ? '/api/v1/apps?limit=1' : `/api/v1/apps/${app.id}/groups`)).status);
      // The POST took 1 of the 20: the 20th request of the loop is the 21st in the bucket.
      expect(statuses.slice(0, 19).every((s) => s === 200)).toBe(true);
      expect(statuses[19]).toBe(429);
      expect((await api.get(`/api/v1/apps/${app.id}`)).status).toBe(200);
      expect(sim.limits.concurrency).toBe(35);
    } finally {
      await sim.stop();
    }
  });

  it('200 parallel requests: the excess over the concurrency limit gets 429 with X-Rate-Limit-Limit: 0', async () => {
    const sim = await startOktaSimulator({ users: 5, groups: 3, serviceTimeMs: 1000 });
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, async () => {
          const res = await fetch(`${sim.url}/api/v1/users/${sim.state.users()[0]!.id as string}`, { headers: { authorization: `SSWS ${sim.apiToken}` } });
          await res.arrayBuffer();
          return { status: res.status, limit: res.headers.get('x-rate-limit-limit'), remaining: res.headers.get('x-rate-limit-remaining') };
        }),
      );
      const refused = results.filter((r) => r.status === 429);
      const served = results.filter((r) => r.status === 200);
      expect(served.length).toBeGreaterThan(0);
      // Every request arrives while the first ones are held, so exactly the limit is served.
      expect(served.length).toBe(75);
      expect(refused.length).toBeGreaterThan(100);
      expect(served.length + refused.length).toBe(200);
      for (const r of refused) expect(r).toMatchObject({ limit: '0', remaining: '0' });
      expect(sim.concurrency().rejected).toBe(refused.length);
      expect(sim.state.logs().some((e) => e.eventType === 'core.concurrency.org.limit.violation')).toBe(true);
    } finally {
      await sim.stop();
    }
  });
});
