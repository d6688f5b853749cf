/**
 * Benchmark: a full read-only SCIM check run against the local ThreatLocker simulator.
 *
 *   tsx scripts/bench-scim-check.ts [--runs 10] [--users 25]
 *
 * Prints min/median/max and a machine-readable `BENCH scim-check read-only median_ms=<n>` line.
 * Exits 1 when a run has a failing check (the figure would be meaningless) or the median
 * reaches the 2 s budget.
 */
import { parseArgs } from 'node:util';
import { runScimChecks } from '../src/main/services/scim/scim-checker';
import { startThreatLockerSimulator } from '../sandbox/threatlocker/threatlocker-simulator';
import { seedScimUsers } from '../tests/support/scim-seed';

const BUDGET_MS = 2_000;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, users: { type: 'string', default: '25' } } });
  const runs = Math.max(1, Number(values.runs) || 10);
  const users = Math.max(1, Number(values.users) || 25);

  const sim = await startThreatLockerSimulator({ seed: 42 });
  try {
    await seedScimUsers(sim.scimUrl, sim.scimToken, users, 'bench');
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const run = await runScimChecks({ baseUrl: sim.scimUrl, token: sim.scimToken, allowHttpLoopback: true });
      times.push(performance.now() - started);
      if (run.summary.fail > 0) {
        const failed = run.results.filter((r) => r.outcome === 'fail').map((r) => `${r.number} ${r.id}`);
        process.stderr.write(`bench: run ${i + 1} has failing checks: ${failed.join(', ')}\n`);
        return 1;
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    const fmt = (n: number) => n.toFixed(1);
    process.stdout.write(
      `scim-check read-only, ${runs} runs, ${users} users, 14 checks each\n` +
        `min ${fmt(sorted[0]!)} ms  median ${fmt(median)} ms  max ${fmt(sorted[sorted.length - 1]!)} ms (budget ${BUDGET_MS} ms)\n` +
        `BENCH scim-check read-only median_ms=${Math.round(median)}\n`,
    );
    return median < BUDGET_MS ? 0 : 1;
  } finally {
    await sim.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
