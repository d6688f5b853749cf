import { describe, expect, it } from 'vitest';
import { profileSchema } from './profile';
import type { ScimCheckRun } from './scim-check';
import { scimRunStaleReason } from './stale';

const run: ScimCheckRun = {
  baseUrl: 'https://portalapi.d.threatlocker.com/scim/v2',
  startedAt: '2026-03-01T10:00:00.000Z',
  finishedAt: '2026-03-01T10:00:05.000Z',
  write: false,
  results: [],
  leftovers: [],
  summary: { pass: 14, warn: 0, fail: 0, skip: 0 },
};
const profile = (scimUrl: string, staleAt?: string) =>
  profileSchema.parse({
    schemaVersion: 1,
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Acme',
    createdAt: run.startedAt,
    updatedAt: run.startedAt,
    okta: { orgUrl: 'https://acme.okta.com' },
    threatlocker: { instance: 'd', scimUrl },
    setup: { steps: staleAt ? { prerequisites: { status: 'verified', updatedAt: run.startedAt, stale: { reason: 'the Okta API token was replaced since this was checked', at: staleAt } } } : {} },
  });

describe('scimRunStaleReason', () => {
  it('holds for the same endpoint with nothing changed since (a trailing slash is the same endpoint)', () => {
    expect(scimRunStaleReason(profile(`${run.baseUrl}/`), run)).toBeUndefined();
    expect(scimRunStaleReason(profile(run.baseUrl, '2026-03-01T09:00:00.000Z'), run)).toBeUndefined();
  });

  it('says why when the SCIM API Url changed or the org may have changed after the run', () => {
    expect(scimRunStaleReason(profile('https://portalapi.g.threatlocker.com/scim/v2'), run)).toMatch(/is now https:\/\/portalapi\.g/);
    expect(scimRunStaleReason(profile(run.baseUrl, '2026-03-01T11:00:00.000Z'), run)).toBe('it ran before the Okta API token was replaced');
  });
});
