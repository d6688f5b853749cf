import { describe, expect, it } from 'vitest';
import { benchOverview } from '../../../../scripts/bench-overview';
import { NOW, goodProfile, withStep } from '../../../../tests/support/review-fixtures';
import { byAttention } from '../../../shared/review';
import { savedSetupView } from '../setup/setup-service';
import { lintConfig } from '../config/config-lint';
import { overviewRow } from './overview';

const row = (p = goodProfile()) => overviewRow(p, savedSetupView(p), lintConfig(p, { now: NOW }), undefined);

describe('MSP overview', () => {
  it('sorts by needs attention: failed setups and lint errors first, then by name', () => {
    const ok = row(goodProfile({ name: 'Alpha' }));
    const failed = row(withStep(goodProfile({ name: 'Zulu' }), 'to-app', { status: 'failed', updatedAt: '2026-03-15T12:00:00.000Z' }));
    const unfinished = row(withStep(goodProfile({ name: 'Mike' }), 'allow-sso', undefined));
    expect([ok, unfinished, failed].sort(byAttention).map((r) => [r.name, r.setupState])).toEqual([
      ['Zulu', 'failed'],
      ['Mike', 'in-progress'],
      ['Alpha', 'complete'],
    ]);
    expect(ok).toMatchObject({ stepsDone: 11, stepsTotal: 11, lint: { error: 0, warning: 0, info: 0 }, scimCheck: { verdict: 'pass' }, status: null, childOrganization: 'Acme Child' });
  });

  it('opens 50 saved profiles in under a second', async () => {
    const r = await benchOverview(50);
    console.log(`MSP overview over 50 profiles: first ${r.firstMs} ms, median ${r.medianMs} ms`);
    expect(r.rows).toBe(50);
    expect(r.firstMs).toBeLessThan(1000);
  });
});
