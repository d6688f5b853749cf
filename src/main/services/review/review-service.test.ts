import { describe, expect, it } from 'vitest';
import { NOW, goodProfile } from '../../../../tests/support/review-fixtures';
import type { Profile } from '../../../shared/profile';
import { ReviewService } from './review-service';

/** The review reads the last saved status snapshot (from disk, no network) through `statusOf`. */
function review(profiles: Profile[], statusOf: (p: Profile) => Promise<{ at: string; counts: Record<string, number> } | undefined>) {
  return new ReviewService({
    store: { get: async (id) => profiles.find((p) => p.id === id)!, list: async () => ({ profiles, problems: [] }) },
    redact: (text) => text,
    version: 'test',
    now: () => NOW,
    statusOf,
  });
}

describe('offline review with status snapshots', () => {
  it('shows the last snapshot in the overview, the review ages and the report', async () => {
    const profile = goodProfile();
    const at = '2026-03-14T08:00:00.000Z';
    const service = review([profile], async () => ({ at, counts: { matching: 3, failed: 1 } }));
    const { rows } = await service.overview();
    expect(rows[0]!.status).toEqual({ at, counts: { matching: 3, failed: 1 } });
    const opened = await service.open({ profileId: profile.id });
    expect(opened.ages.find((a) => a.part === 'Status snapshot')?.at).toBe(at);
    const markdown = await service.export({ profileId: profile.id }, 'markdown');
    expect(markdown.content).toContain('| matching | 3 |');
    expect(markdown.content).not.toContain('No status data yet');
  });

  it('treats a snapshot that cannot be read as "no status data yet", never as a failed review', async () => {
    const profile = goodProfile();
    const service = review([profile], async () => {
      throw new Error('status file damaged');
    });
    const { rows } = await service.overview();
    expect(rows[0]!.status).toBeNull();
    const opened = await service.open({ profileId: profile.id });
    expect(opened.ages.find((a) => a.part === 'Status snapshot')?.at).toBeNull();
    expect((await service.export({ profileId: profile.id }, 'markdown')).content).toContain('No status data yet');
  });
});
