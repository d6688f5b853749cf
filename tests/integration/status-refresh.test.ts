/**
 * The Status refresh as a background job under faults: Okta 5xx, dropped connections and a 429
 * burst end in a complete result; the SCIM token revoked while it runs ends in a partial result
 * that names the failed sources, and the saved snapshot is never replaced by a partial one.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload, RequestOf, ResultOf } from '../../src/shared/ipc-contract';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { buildHarness, memoryKeytar, provisionedStatusProfile, type Harness } from '../support/setup-harness';

describe('status refresh job', () => {
  let sb: Sandbox;
  let h: Harness;
  let profileId: string;
  const done: EventPayload<'status:done'>[] = [];
  const progress: EventPayload<'status:progress'>[] = [];
  const ok = <C extends 'status:refresh' | 'status:summary' | 'status:page' | 'status:cancel'>(channel: C, payload: RequestOf<C>) =>
    (h.ok as unknown as (c: C, p: RequestOf<C>) => Promise<ResultOf<C>>)(channel, payload);
  const refreshed = async () => {
    const before = done.length;
    expect((await ok('status:refresh', { profileId })).started).toBe(true);
    await expect.poll(() => done.length, { timeout: 30_000 }).toBe(before + 1);
    return done[done.length - 1]!;
  };
  const snapshotFile = () => readFile(join(h.dataDir, 'status', `${profileId}.json`), 'utf8');

  beforeAll(async () => {
    sb = await startSandbox({ provisioned: true });
    ({ h, profileId } = await provisionedStatusProfile(sb, 'status-refresh-test'));
    h.events.subscribe((event, payload) => {
      if (event === 'status:done') done.push(payload as EventPayload<'status:done'>);
      if (event === 'status:progress') progress.push(payload as EventPayload<'status:progress'>);
    });
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
  });

  it('reports progress per source, saves a complete snapshot, and serves pages from main', async () => {
    expect(await refreshed()).toMatchObject({ partial: false, failedSources: [], cancelled: false });
    const last = progress[progress.length - 1]!.sources;
    expect(last.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const summary = await ok('status:summary', { profileId });
    expect(summary).toMatchObject({ partial: false, fromSnapshot: false, running: false });
    expect(summary.counts.failed).toBe(3);
    const page = await ok('status:page', { profileId, cls: 'failed', limit: 2 });
    expect(page.total).toBe(3);
    expect(page.rows).toHaveLength(2);
    expect(JSON.parse(await snapshotFile()).history).toHaveLength(1);
  }, 60_000);

  it('Okta 5xx, dropped connections and a 429 burst still end in a complete result', async () => {
    Object.assign(sb.okta.faults, { next5xx: 2, nextDrop: 2, next429: 3 });
    expect(await refreshed()).toMatchObject({ partial: false, failedSources: [] });
    expect(sb.okta.faults).toMatchObject({ next5xx: 0, nextDrop: 0, next429: 0 });
    expect(JSON.parse(await snapshotFile()).history).toHaveLength(2);
  }, 60_000);

  it('the SCIM token revoked mid-run: a partial result naming the ThreatLocker sources; the snapshot is kept', async () => {
    const saved = await snapshotFile();
    sb.threatlocker.faults.latencyMs = 300;
    try {
      const before = done.length;
      await ok('status:refresh', { profileId });
      sb.threatlocker.controls.generateScimToken();
      await expect.poll(() => done.length, { timeout: 30_000 }).toBe(before + 1);
    } finally {
      sb.threatlocker.faults.latencyMs = 0;
    }
    expect(done[done.length - 1]).toMatchObject({ partial: true, failedSources: ['scim-users', 'scim-groups'] });
    const summary = await ok('status:summary', { profileId });
    expect(summary).toMatchObject({ partial: true, failedSources: ['scim-users', 'scim-groups'] });
    expect(await snapshotFile()).toBe(saved);
  }, 60_000);

  it('after a restart (offline) the last complete snapshot opens, marked with its time and what each source read', async () => {
    const saved = JSON.parse(await snapshotFile()) as { snapshot: { takenAt: string } };
    const again = await buildHarness({ dataDir: h.dataDir, keychainService: 'status-refresh-test', sandbox: sb, keytar: memoryKeytar() });
    const summary = await (again.ok as unknown as (c: 'status:summary', p: { profileId: string }) => Promise<ResultOf<'status:summary'>>)('status:summary', { profileId });
    expect(summary).toMatchObject({ fromSnapshot: true, partial: false, takenAt: saved.snapshot.takenAt });
    expect(summary.sources.map((s) => s.readAt)).not.toContain(undefined);
    expect(summary.counts.failed).toBe(3);
  }, 60_000);

  it('Cancel stops the job and keeps the last complete result', async () => {
    const saved = await snapshotFile();
    sb.okta.faults.latencyMs = 200;
    try {
      const before = done.length;
      await ok('status:refresh', { profileId });
      expect((await ok('status:cancel', { profileId })).cancelled).toBe(true);
      await expect.poll(() => done.length, { timeout: 30_000 }).toBe(before + 1);
      expect(done[done.length - 1]).toMatchObject({ cancelled: true });
    } finally {
      sb.okta.faults.latencyMs = 0;
    }
    expect(await snapshotFile()).toBe(saved);
    expect((await ok('status:summary', { profileId })).running).toBe(false);
  }, 60_000);
});
