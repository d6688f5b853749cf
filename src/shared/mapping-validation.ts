import { addToList } from './multimap';
import type { NamedRef, PushedGroup } from './setup-data';

/** One row of the editor: an Okta group and the ThreatLocker role its members get. */
export interface MappingRow {
  oktaGroupId: string;
  oktaGroupName: string;
  roleId: string;
  roleName: string;
}

/** What each side told us; a field left undefined was not read, and its checks are skipped (never passed). */
export interface MappingFacts {
  /** Step 8's read-back of the pushed groups (push status, errorSummary, assigned as well). */
  pushed?: PushedGroup[];
  /** The roles ThreatLocker's portal API listed for this (child) organization. */
  roles?: NamedRef[];
  /** Ids of groups Okta answered "not found" for: only a group Okta said is gone is flagged, never one it was not asked about. */
  goneGroupIds?: ReadonlySet<string>;
  /** Members per Okta group id, when counted. */
  memberCounts?: Readonly<Record<string, number>>;
  /** From this many members on, a group is "large" for an administrator-wide role. */
  largeGroup?: number;
}

export type MappingIssueCode =
  | 'not-pushed'
  | 'push-error'
  | 'assigned-and-pushed'
  | 'unknown-role'
  | 'mapped-twice'
  | 'unmapped-pushed'
  | 'group-gone'
  | 'broad-admin';

export interface MappingIssue {
  code: MappingIssueCode;
  /** Errors block saving as "done"; a review is a flag the admin may accept. */
  severity: 'error' | 'review';
  /** Index of the row in the editor; absent for an issue about a group with no row. */
  row?: number;
  groupId: string;
  groupName: string;
  message: string;
  /** What to do about it, in the admin's words. */
  fix: string;
}

export const DEFAULT_LARGE_GROUP = 50;

/** Role names that give administrator-wide rights; "Read Only Admin" style names are excluded. */
export function isAdminWideRole(name: string): boolean {
  const n = name.toLowerCase();
  if (/read[\s-]*only|view(er)?\b|audit/.test(n)) return false;
  return /\b(global|super|full|owner)\b|\badmin(istrator)?s?\b/.test(n);
}

/**
 * Whether ThreatLocker listed a row's role: by id, or by name for rows saved by name. With no
 * list (the roles were not read yet) every role counts as listed: nothing is flagged on a guess.
 */
export function roleListing(roles: readonly { id: string; name: string }[] | undefined): (r: { roleId: string; roleName: string }) => boolean {
  if (!roles) return () => true;
  const ids = new Set(roles.map((r) => r.id.toLowerCase()));
  const names = new Set(roles.map((r) => r.name.trim().toLowerCase()));
  return (r) => ids.has(r.roleId.toLowerCase()) || names.has(r.roleName.trim().toLowerCase());
}

/**
 * Checks the rows against Okta and ThreatLocker. Pure and linear in rows + groups, so it runs on
 * every keystroke (2,000 rows well under 200 ms: see scripts/bench-mapping.ts).
 */
export function validateMappings(rows: readonly MappingRow[], facts: MappingFacts): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const pushedById = facts.pushed ? new Map(facts.pushed.map((g) => [g.id, g])) : undefined;
  const listed = roleListing(facts.roles);
  const large = facts.largeGroup ?? DEFAULT_LARGE_GROUP;
  const rowsByGroup = new Map<string, number[]>();
  rows.forEach((r, i) => addToList(rowsByGroup, r.oktaGroupId, i));

  rows.forEach((r, row) => {
    const at = { row, groupId: r.oktaGroupId, groupName: r.oktaGroupName };
    const gone = facts.goneGroupIds?.has(r.oktaGroupId) ?? false;
    if (gone) {
      issues.push({ ...at, code: 'group-gone', severity: 'error', message: `"${r.oktaGroupName}" is no longer in Okta.`, fix: 'Delete this row, or pick the group that replaced it.' });
    }
    const pushed = pushedById?.get(r.oktaGroupId);
    if (pushedById && !pushed && !gone) {
      issues.push({ ...at, code: 'not-pushed', severity: 'error', message: `"${r.oktaGroupName}" is not pushed to ThreatLocker, so its dropdown there will not offer it.`, fix: 'Push it (step 8), or pick a pushed group.' });
    }
    if (pushed && (pushed.mappingStatus === 'ERROR' || pushed.errorSummary)) {
      issues.push({ ...at, code: 'push-error', severity: 'error', message: `Okta's push of "${r.oktaGroupName}" is in ERROR: ${pushed.errorSummary ?? 'no reason given'}.`, fix: 'Fix the cause in Okta (Push Groups tab), then run step 8 again.' });
    }
    if (pushed?.assigned) {
      issues.push({ ...at, code: 'assigned-and-pushed', severity: 'error', message: `"${r.oktaGroupName}" is assigned to the app and pushed at once; Okta does not support the same group for both.`, fix: 'Run step 8: it assigns through a separate assignment group; then remove this group from the app\'s Assignments tab.' });
    }
    if (!listed(r)) {
      issues.push({ ...at, code: 'unknown-role', severity: 'error', message: `Role "${r.roleName}" does not exist in this ThreatLocker organization.`, fix: 'Pick one of the roles listed for this organization.' });
    }
    const same = rowsByGroup.get(r.oktaGroupId)!;
    if (same.length > 1 && same[0] !== row) {
      issues.push({ ...at, code: 'mapped-twice', severity: 'error', message: `"${r.oktaGroupName}" is mapped more than once (rows ${same.map((i) => i + 1).join(', ')}).`, fix: 'Keep one row per group: delete the others.' });
    }
    const members = facts.memberCounts?.[r.oktaGroupId];
    if (members !== undefined && members >= large && isAdminWideRole(r.roleName)) {
      issues.push({ ...at, code: 'broad-admin', severity: 'review', message: `"${r.roleName}" gives administrator-wide rights to ${members} members of "${r.oktaGroupName}".`, fix: 'Review: map a smaller group, or a narrower role.' });
    }
  });
  for (const g of facts.pushed ?? []) {
    if (!rowsByGroup.has(g.id)) {
      issues.push({ groupId: g.id, groupName: g.name, code: 'unmapped-pushed', severity: 'error', message: `"${g.name}" is pushed but has no role, so its members get none in ThreatLocker.`, fix: 'Add a row for it, or stop pushing it (step 8).' });
    }
  }
  return issues;
}
