import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../../shared/profile';
import { AT, goodProfile, withStep } from '../../../../tests/support/review-fixtures';
import { describeChange, diffConfigs } from './config-diff';

const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

describe('diffConfigs', () => {
  it('shows exactly a changed Name ID format and a removed mapping row, old -> new', () => {
    const before = goodProfile();
    const assertion = { ...(before.setup.steps['assertion-preview']!.data as { assertion: object }).assertion, nameIdFormat: UNSPECIFIED };
    const changed = withStep(before, 'assertion-preview', { status: 'verified', updatedAt: AT, data: { assertion } });
    const after = profileSchema.parse({ ...changed, mappings: changed.mappings.slice(0, 1) });

    const changes = diffConfigs({ profile: before }, { profile: after });
    expect(changes).toEqual([
      { section: 'setting', key: 'Name ID format', kind: 'changed', old: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', new: UNSPECIFIED },
      { section: 'mapping', key: 'TL Read Only (g2)', kind: 'removed', old: 'Read Only (r2)' },
    ]);
    expect(changes.map(describeChange)).toEqual([
      `Name ID format: urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress -> ${UNSPECIFIED}`,
      'TL Read Only (g2): removed (was Read Only (r2))',
    ]);
  });

  it('finds no change between a config and itself', () => {
    expect(diffConfigs({ profile: goodProfile() }, { profile: goodProfile() })).toEqual([]);
  });

  it('shows verification results, SCIM check outcomes and status counts that changed', () => {
    const before = goodProfile();
    const run = before.scimChecks as { results: { outcome: string }[] };
    const after = withStep(
      profileSchema.parse({ ...before, scimChecks: { ...run, results: [{ ...run.results[0], outcome: 'fail', actual: '401' }] } }),
      'to-app',
      { status: 'failed', updatedAt: '2026-03-16T00:00:00.000Z' },
    );
    const changes = diffConfigs({ profile: before, status: { Pushed: 3 } }, { profile: after, status: { Pushed: 2, Failed: 1 } });
    expect(changes.map((c) => [c.section, c.key, c.kind])).toEqual([
      ['verification', 'Step to-app', 'changed'],
      ['scim-check', 'SCIM check 1 Authentication', 'changed'],
      ['status', 'Pushed', 'changed'],
      ['status', 'Failed', 'added'],
    ]);
    expect(changes[1]).toMatchObject({ old: 'pass', new: 'fail: 401' });
  });
});
