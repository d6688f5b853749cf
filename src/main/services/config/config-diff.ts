import type { Profile } from '../../../shared/profile';
import type { ConfigChange, ConfigValue } from '../../../shared/review';
import { configSettings, mappingRows, scimCheckRows, verificationResults } from './config-settings';

/** Provisioning status counts by name (e.g. "Pushed": 12), as the status snapshot gives them. */
export type StatusCounts = Record<string, number>;

export interface DiffInput {
  profile: Profile;
  /** The last status snapshot's counts; absent when there is no status data yet. */
  status?: StatusCounts;
}

/**
 * What changed from `before` to `after`: settings, mapping rows, step verifications, SCIM check
 * results and status counts. Minimal: a value equal on both sides is not listed; a row is matched
 * by its key (a mapping by its Okta group), so removing one row shows one removal, not a shift.
 */
export function diffConfigs(before: DiffInput, after: DiffInput): ConfigChange[] {
  return [
    ...diffValues('setting', configSettings(before.profile), configSettings(after.profile)),
    ...diffValues('mapping', mappingRows(before.profile), mappingRows(after.profile)),
    ...diffValues('verification', verificationResults(before.profile), verificationResults(after.profile)),
    ...diffValues('scim-check', scimCheckRows(before.profile), scimCheckRows(after.profile)),
    ...diffValues('status', countRows(before.status), countRows(after.status)),
  ];
}

function countRows(counts: StatusCounts | undefined): ConfigValue[] {
  return Object.entries(counts ?? {}).map(([key, n]) => ({ key, value: String(n) }));
}

function diffValues(section: ConfigChange['section'], before: ConfigValue[], after: ConfigValue[]): ConfigChange[] {
  const old = new Map(before.map((v) => [v.key, v.value]));
  const now = new Map(after.map((v) => [v.key, v.value]));
  const changes: ConfigChange[] = [];
  for (const { key, value } of before) {
    if (!now.has(key)) changes.push({ section, key, kind: 'removed', old: value });
    else if (now.get(key) !== value) changes.push({ section, key, kind: 'changed', old: value, new: now.get(key) });
  }
  for (const { key, value } of after) if (!old.has(key)) changes.push({ section, key, kind: 'added', new: value });
  return changes;
}

/** A change as one readable line: "Name ID format: a -> b". */
export function describeChange(c: ConfigChange): string {
  if (c.kind === 'added') return `${c.key}: added ${c.new}`;
  if (c.kind === 'removed') return `${c.key}: removed (was ${c.old})`;
  return `${c.key}: ${c.old} -> ${c.new}`;
}
