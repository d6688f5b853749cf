import { describe, expect, it } from 'vitest';
import { describePending, pendingCount, pendingFinding, progressOf } from './provisioning-progress';

const now = new Date('2026-06-01T12:00:00Z');
const au = (syncState: string, status: string, minutesAgo: number) => ({ id: `00u${minutesAgo}${syncState}`, syncState, status, statusChanged: new Date(now.getTime() - minutesAgo * 60_000).toISOString() });

describe('provisioning progress', () => {
  it('counts SYNCING, OUT_OF_SYNC and STAGED as not finished, with the oldest age; ERROR apart; SYNCHRONIZED fine', () => {
    const p = progressOf([au('SYNCING', 'PROVISIONED', 3), au('SYNCING', 'PROVISIONED', 12), au('OUT_OF_SYNC', 'PROVISIONED', 150), au('DISABLED', 'STAGED', 0), au('ERROR', 'STAGED', 5), au('SYNCHRONIZED', 'PROVISIONED', 9)], now);
    expect(p.errored).toBe(1);
    expect(pendingCount(p)).toBe(4);
    expect(describePending(p)).toBe('SYNCING 2 (oldest 12 min), OUT_OF_SYNC 1 (oldest 2 h), STAGED 1 (oldest under a minute)');
    const f = pendingFinding(p);
    expect(f.outcome).toBe('warn');
    expect(f.hint).toMatch(/Dashboard -> Tasks/); // over an hour old
  });

  it('reports nothing pending when every push finished', () => {
    const p = progressOf([au('SYNCHRONIZED', 'PROVISIONED', 1)], now);
    expect(pendingCount(p)).toBe(0);
    expect(pendingFinding(p).outcome).toBe('pass');
  });
});
