import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScimCheckRun } from '../../src/shared/scim-check';
import { runScimChecks } from '../../src/main/services/scim/scim-checker';
import { formatScimRunText } from '../../src/shared/scim-check-text';
import { hints } from '../../src/main/services/scim/scim-hints';
import { startThreatLockerSimulator, type ThreatLockerSimulator } from '../../sandbox/threatlocker/threatlocker-simulator';
import { seedScimUsers } from '../support/scim-seed';

/**
 * One passing fault from ThreatLocker's SCIM service (the simulator answers it the way a gateway
 * does: a 5xx with an HTML page, a 429 with Retry-After, or a dropped socket) must not fail
 * step 6: reads are retried and the result says so; without retries the failure names the 5xx.
 */
let sim: ThreatLockerSimulator;
beforeAll(async () => {
  sim = await startThreatLockerSimulator({ seed: 11 });
  await seedScimUsers(sim.scimUrl, sim.scimToken, 3);
});
afterAll(async () => {
  await sim?.stop();
});
beforeEach(() => {
  Object.assign(sim.faults, { next429: 0, next5xx: 0, nextDrop: 0, nextMalformed: 0, latencyMs: 0 });
});

const run = (retry?: { maxRetries?: number; baseMs?: number }) =>
  runScimChecks({ baseUrl: sim.scimUrl, token: sim.scimToken, allowHttpLoopback: true, retry: { baseMs: 20, ...retry } });
const retriedResults = (r: ScimCheckRun) => r.results.filter((x) => x.retried);

describe('SCIM checker retries', () => {
  it('passes after one 500, marks the result that needed the retry, and says so in the text', async () => {
    sim.faults.next5xx = 1;
    const r = await run();
    expect(r.summary.fail).toBe(0);
    expect(r.summary.pass).toBe(14);
    expect(retriedResults(r)).toHaveLength(1);
    expect(retriedResults(r)[0]!.retried).toBe('after 1 retry (500)');
    expect(formatScimRunText(r)).toContain('after 1 retry (500)');
  });

  it('without retries, one 500 fails with the 5xx hint, never the wrong-URL (HTML) hint', async () => {
    sim.faults.next5xx = 1;
    const r = await run({ maxRetries: 0 });
    const failed = r.results.filter((x) => x.outcome === 'fail');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.status).toBe(500);
    expect(failed[0]!.hint).toBe(hints.serverError(500));
    expect(JSON.stringify(r)).not.toContain('points at the ThreatLocker portal');
  });

  it('a server that keeps failing gets two retries, then the 5xx hint', async () => {
    sim.faults.next5xx = 3;
    const r = await run();
    const first = r.results.find((x) => x.outcome === 'fail')!;
    expect(first.retried).toMatch(/^after 2 retries \(5\d\d, 5\d\d\)$/);
    expect(first.hint).toMatch(/SCIM service failed \(5\d\d\)/);
  });

  it('waits out a 429 with Retry-After, and retries a dropped connection', async () => {
    sim.faults.next429 = 1;
    const limited = await run();
    expect(limited.summary.fail).toBe(0);
    expect(retriedResults(limited).map((x) => x.retried)).toEqual(['after 1 retry (429)']);

    sim.faults.nextDrop = 1;
    const dropped = await run();
    expect(dropped.summary.fail).toBe(0);
    expect(retriedResults(dropped).map((x) => x.retried)).toEqual(['after 1 retry (dropped connection)']);
  });

  it('never repeats a write: a 500 on the test user POST is reported, not retried', async () => {
    const before = sim.faults.next5xx;
    expect(before).toBe(0);
    // Read checks pass first; then the first write (POST /Users) meets the fault.
    const r = await runScimChecks({
      baseUrl: sim.scimUrl,
      token: sim.scimToken,
      allowHttpLoopback: true,
      write: true,
      retry: { baseMs: 20 },
      onResult: (res) => {
        if (res.id === 'content-type') sim.faults.next5xx = 1;
      },
    });
    const create = r.results.find((x) => x.status === 500);
    expect(create, formatScimRunText(r)).toBeDefined();
    expect(create!.request?.method).toBe('POST');
    expect(create!.retried).toBeUndefined();
    expect(create!.hint).toContain('SCIM service failed (500)');
  });
});
