/**
 * Okta's budget is shared with every other integration of the org: the console paces on the
 * real buckets and never has more requests in flight than its cap, even on a free developer org.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { startOktaSimulator } from '../../sandbox/okta/okta-simulator';
import { HostPolicy } from '../../src/main/services/net/host-policy';
import { createHttpClient } from '../../src/main/services/net/http-client';
import { memoryLogger } from '../support/loopback';
import { OktaClient } from '../../src/main/services/okta/okta-client';
import { buildCreateAppBody } from '../../src/main/services/setup/app-settings';
import { testKeychainService } from '../support/keychain';
import { startSandboxProfile } from '../support/setup-harness';
import { wizardFlow } from './wizard-flow';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

describe('Okta budget', () => {
  it('200 parallel calls through the console\'s client stay under the concurrency cap: no 429, all answered', async () => {
    // Each request held 50 ms, so 200 fired at once would be 200 in flight without the cap.
    const sim = await startOktaSimulator({ users: 20, groups: 5, serviceTimeMs: 50 });
    closers.push(() => sim.stop());
    const policy = new HostPolicy();
    policy.allowOrigin(sim.url);
    const logger = memoryLogger();
    const http = createHttpClient({ policy, logger });
    closers.push(() => http.close());
    const okta = new OktaClient({ orgUrl: sim.url, getToken: async () => ({ kind: 'SSWS', value: sim.apiToken }), http });
    const ids = sim.state.users().map((u) => u.id as string);
    const users = await Promise.all(Array.from({ length: 200 }, (_, i) => okta.getUser(ids[i % ids.length]!)));
    expect(users).toHaveLength(200);
    const seen = sim.concurrency();
    expect(seen.rejected).toBe(0);
    expect(seen.peak).toBeLessThanOrEqual(8);
    expect(seen.peak).toBeGreaterThan(1);
    expect(logger.raw.filter((l) => l.includes('-> 429'))).toEqual([]);
  }, 60_000);

  it('the bare app GET (its own, larger bucket) interleaved with calls under the app (20 a window): the client paces, never a 429', async () => {
    const sim = await startOktaSimulator({ users: 5, groups: 3, orgType: 'developer', rateWindowMs: 3_000 });
    closers.push(() => sim.stop());
    const policy = new HostPolicy();
    policy.allowOrigin(sim.url);
    const logger = memoryLogger();
    const http = createHttpClient({ policy, logger });
    closers.push(() => http.close());
    const okta = new OktaClient({ orgUrl: sim.url, getToken: async () => ({ kind: 'SSWS', value: sim.apiToken }), http });
    const app = await okta.createSamlApp(buildCreateAppBody('d', { label: 'Budget', defaultRelayState: '', hideTile: true }));
    // Interleave the bare app GET (100 a window) with calls under the app (20 a window, shared).
    for (let i = 0; i < 30; i++) {
      await okta.getApp(app.id);
      for await (const g of okta.listAppGroups(app.id)) void g;
    }
    expect(sim.concurrency().rateLimited).toBe(0);
    expect(logger.raw.some((l) => l.includes('pacing'))).toBe(true);
  }, 60_000);

  describe('developer org (apps: 20 per window)', () => {
    const keychain = testKeychainService();
    let sb: Sandbox;
    afterEach(async () => {
      await sb?.stop();
      await keychain.cleanup();
    });

    it('the whole wizard finishes verified with no 429 and never over the concurrency limit', async () => {
      // Okta's minute is shortened to 15 s: still longer than the wizard's run, so the apps budget
      // (20) is really spent and the client must wait, but for seconds, not minutes. The client
      // only knows the window from X-Rate-Limit-Reset, as with real Okta.
      sb = await startSandbox({ orgType: 'developer', oktaTiming: { rateWindowMs: 15_000, serviceTimeMs: 2 } });
      const { h, profileId } = await startSandboxProfile(sb, keychain.service);
      const started = Date.now();
      const view = await wizardFlow(h, sb, profileId).completeWizard();
      for (const s of view.steps) expect(s.status, `${s.id}: ${s.detail}`).toBe('verified');
      const seen = sb.okta.concurrency();
      expect(sb.okta.limits.buckets.apps).toBe(20);
      expect(seen.rateLimited).toBe(0);
      expect(seen.rejected).toBe(0);
      expect(seen.peak).toBeLessThanOrEqual(sb.okta.limits.concurrency);
      const appsCalls = h.requests.filter((r) => /\/api\/v1\/apps(\?|$|\/[^/?]+\/)/.test(r.url)).length;
      console.log(`developer org wizard: ${h.requests.length} calls, a paginated listing counted once (${appsCalls} in the apps bucket), ${Date.now() - started} ms, peak in flight ${seen.peak}`);
    }, 240_000);
  });
});
