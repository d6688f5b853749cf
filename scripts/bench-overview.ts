/**
 * How long the MSP overview takes over N saved profiles (default 50), read from real files.
 * Prints the figures; `npm run bench:overview [-- 200]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileStore } from '../src/main/services/profiles/profile-store';
import { ReviewService } from '../src/main/services/review/review-service';
import { goodProfile, withStep } from '../tests/support/review-fixtures';

export async function benchOverview(count: number): Promise<{ count: number; firstMs: number; medianMs: number; rows: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'tloc-overview-'));
  try {
    const store = new ProfileStore(dir);
    for (let i = 0; i < count; i++) {
      const id = `${String(i).padStart(8, '0')}-1111-4111-8111-111111111111`;
      // Every third profile has a failed step, so the needs-attention sort has work to do.
      const p = goodProfile({ id, name: `Client ${String(i).padStart(3, '0')}` });
      await store.save(i % 3 === 0 ? withStep(p, 'to-app', { status: 'failed', updatedAt: p.updatedAt }) : p);
    }
    const review = new ReviewService({ store, redact: (t) => t, version: 'bench' });
    const times: number[] = [];
    let rows = 0;
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      rows = (await review.overview()).rows.length;
      times.push(performance.now() - start);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { count, firstMs: Math.round(times[0]!), medianMs: Math.round(sorted[2]!), rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench-overview.ts')) {
  const count = Number(process.argv[2] ?? 50);
  const r = await benchOverview(count);
  console.log(`MSP overview over ${r.count} profiles: first open ${r.firstMs} ms, median of 5 ${r.medianMs} ms (${r.rows} rows)`);
}
