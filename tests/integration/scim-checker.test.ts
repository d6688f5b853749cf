import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScimCheckResult, ScimCheckRun } from '../../src/shared/scim-check';
import { scimCheckRunSchema } from '../../src/shared/scim-check';
import { runScimChecks } from '../../src/main/services/scim/scim-checker';
import { formatScimRunText } from '../../src/shared/scim-check-text';
import { startThreatLockerSimulator, type ThreatLockerSimulator } from '../../sandbox/threatlocker/threatlocker-simulator';
import { seedScimUsers } from '../support/scim-seed';

let sim: ThreatLockerSimulator;

beforeAll(async () => {
  sim = await startThreatLockerSimulator({ seed: 7 });
});
afterAll(async () => {
  await sim?.stop();
});
beforeEach(() => {
  sim.controls.reset();
});

const byId = (run: ScimCheckRun, id: string): ScimCheckResult => {
  const r = run.results.find((x) => x.id === id);
  if (!r) throw new Error(`no result ${id}`);
  return r;
};
const notPassing = (run: ScimCheckRun) => run.results.filter((r) => r.outcome !== 'pass').map((r) => `${r.id}: ${r.outcome} ${r.actual ?? ''} ${r.hint ?? ''}`);
const run = (opts: { token?: string; write?: boolean } = {}) =>
  runScimChecks({ baseUrl: sim.scimUrl, token: opts.token ?? sim.scimToken, write: opts.write ?? false, allowHttpLoopback: true });

describe('SCIM checker against the ThreatLocker simulator', () => {
  it('passes every read-only check (with users seeded) and keeps the token out of the run', async () => {
    await seedScimUsers(sim.scimUrl, sim.scimToken, 3);
    const result = await run();
    expect(notPassing(result)).toEqual([]);
    expect(result.results.map((r) => r.number)).toEqual([1, 1, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9, 10]);
    expect(result.write).toBe(false);
    expect(result.leftovers).toEqual([]);
    expect(scimCheckRunSchema.parse(result)).toEqual(result);
    expect(JSON.stringify(result)).not.toContain(sim.scimToken);
    expect(formatScimRunText(result)).not.toContain(sim.scimToken);
    for (const r of result.results.filter((x) => x.request)) {
      expect(r.request!.url.startsWith(sim.scimUrl)).toBe(true);
      expect(typeof r.latencyMs).toBe('number');
    }
  });

  it('fails check 4 with the "needs a user" hint when the server has no user (read-only)', async () => {
    const result = await run();
    const r = byId(result, 'users-list');
    expect(r.outcome).toBe('fail');
    expect(r.hint).toMatch(/Okta's test needs at least one user on the server/);
    expect(byId(result, 'user-get').outcome).toBe('skip');
  });

  it('with write checks: all pass and nothing is left behind (seeded server)', async () => {
    await seedScimUsers(sim.scimUrl, sim.scimToken, 2);
    const before = sim.controls.listUsers().map((u) => u.id);
    const result = await run({ write: true });
    expect(notPassing(result)).toEqual([]);
    expect(result.results).toHaveLength(31);
    expect([...new Set(result.results.map((r) => r.number))]).toEqual([...Array(18).keys()].map((i) => i + 1));
    expect(result.leftovers).toEqual([]);
    expect(sim.controls.listUsers().map((u) => u.id)).toEqual(before);
    expect(sim.controls.listGroups()).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(sim.scimToken);
  });

  it('with write checks on an empty server: checks 4 and 5 run on the test user, then it is removed', async () => {
    const result = await run({ write: true });
    expect(notPassing(result)).toEqual([]);
    expect(byId(result, 'users-list').actual).toMatch(/totalResults 1/);
    expect(sim.controls.listUsers()).toEqual([]);
    expect(sim.controls.listGroups()).toEqual([]);
  });

  it('still cleans up when the run is cancelled in the middle of the write checks', async () => {
    await seedScimUsers(sim.scimUrl, sim.scimToken, 1);
    const controller = new AbortController();
    const result = await runScimChecks({
      baseUrl: sim.scimUrl,
      token: sim.scimToken,
      write: true,
      allowHttpLoopback: true,
      signal: controller.signal,
      onResult: (r) => {
        if (r.id === 'user-put') controller.abort();
      },
    });
    expect(byId(result, 'user-deactivate').outcome).toBe('skip');
    expect(byId(result, 'group-create').outcome).toBe('skip');
    expect(byId(result, 'cleanup').outcome).toBe('pass');
    expect(byId(result, 'leftover-search').outcome).toBe('pass');
    expect(result.leftovers).toEqual([]);
    expect(sim.controls.listUsers()).toHaveLength(1);
  });

  it('uses a recognisable test identity', async () => {
    const created: string[] = [];
    const result = await runScimChecks({
      baseUrl: sim.scimUrl,
      token: sim.scimToken,
      write: true,
      allowHttpLoopback: true,
      testPrefix: 'tl-console-check-fixed',
      onResult: (r) => {
        if (r.id === 'user-create') created.push(...sim.controls.listUsers().map((u) => u.userName));
      },
    });
    expect(created).toEqual(['tl-console-check-fixed@scim-check.invalid']);
    expect(byId(result, 'leftover-search').request?.url).toContain('userName%20sw%20%22tl-console-check-fixed%22');
  });

  it('fails checks 1 and 4 with the token hint when the token is wrong, and skips the write checks', async () => {
    const result = await run({ token: 'tlsim-scim-not-the-right-token-000000000000', write: true });
    for (const id of ['auth-token', 'users-list']) {
      const r = byId(result, id);
      expect(r.outcome).toBe('fail');
      expect(r.status).toBe(401);
      expect(r.hint).toMatch(/token was regenerated/);
    }
    expect(byId(result, 'auth-no-token').outcome).toBe('pass');
    expect(result.results.filter((r) => r.number >= 11).every((r) => r.outcome === 'skip')).toBe(true);
    expect(sim.controls.listUsers()).toEqual([]);
  });

  it('fails with the Enabled hint when the integration is switched off', async () => {
    await seedScimUsers(sim.scimUrl, sim.scimToken, 1);
    sim.controls.setScimEnabled(false);
    const result = await run();
    const r = byId(result, 'auth-token');
    expect(r.outcome).toBe('fail');
    expect(r.status).toBe(403);
    expect(r.hint).toMatch(/Enabled toggle/);
    expect(r.actual).toMatch(/disabled/);
  });

  it('after "Generate API Token" the old token fails and the new one passes', async () => {
    await seedScimUsers(sim.scimUrl, sim.scimToken, 1);
    const old = sim.scimToken;
    const fresh = sim.controls.generateScimToken();
    const withOld = await run({ token: old });
    expect(byId(withOld, 'auth-token').outcome).toBe('fail');
    expect(byId(withOld, 'auth-token').hint).toMatch(/regenerated/);
    expect(JSON.stringify(withOld)).not.toContain(old);
    const withNew = await run({ token: fresh });
    expect(notPassing(withNew)).toEqual([]);
  });

  it('reports slow answers as warnings (Okta latency limits)', async () => {
    await seedScimUsers(sim.scimUrl, sim.scimToken, 1);
    sim.faults.latencyMs = 450;
    try {
      const result = await runScimChecks({ baseUrl: sim.scimUrl, token: sim.scimToken, allowHttpLoopback: true });
      const spc = byId(result, 'service-provider-config');
      expect(spc.outcome).toBe('warn');
      expect(spc.hint).toMatch(/under 400 ms/);
      // 450 ms is within the 600 ms limit of the other checks.
      expect(byId(result, 'user-get').outcome).toBe('pass');
    } finally {
      sim.faults.latencyMs = 0;
    }
  });
});
