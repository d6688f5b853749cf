import type { MappingIssue, MappingRow } from '../../../../../shared/mapping-validation';
import type { NamedRef } from '../../../../../shared/setup-data';

/** A row as the admin types it: the group's name and the role (its id when roles are listed, else its name). */
export interface DraftRow {
  key: string;
  group: string;
  role: string;
  /** The role the row was saved with, so a role ThreatLocker no longer lists still shows by its name. */
  savedRole?: NamedRef;
}

/** A problem with one editor row, by its position in the editor. */
export type RowIssue = Pick<MappingIssue, 'severity' | 'message' | 'fix'> & { code: MappingIssue['code'] | 'incomplete'; draft?: number; groupId?: string; groupName: string };

let counter = 0;
export const newKey = () => `row-${Date.now().toString(36)}-${counter++}`;

export function draftFrom(rows: readonly MappingRow[], rolesListed: boolean): DraftRow[] {
  return rows.map((r) => (rolesListed ? { key: newKey(), group: r.oktaGroupName, role: r.roleId, savedRole: { id: r.roleId, name: r.roleName } } : { key: newKey(), group: r.oktaGroupName, role: r.roleName }));
}

/** The name to show for a row's role: the listed role's, else the name it was saved with, else what was typed. */
export function roleNameOf(d: DraftRow, roles: readonly NamedRef[] | undefined): string {
  const role = d.role.trim();
  return roles?.find((r) => r.id === role)?.name ?? (d.savedRole?.id === role ? d.savedRole.name : role);
}

/** Turns typed rows into mappings; a row without a known group or a role becomes an issue instead. Blank rows are skipped. */
export function resolveDraft(draft: readonly DraftRow[], groupsByName: ReadonlyMap<string, NamedRef>, roles: readonly NamedRef[] | undefined) {
  const rows: (MappingRow & { draft: number })[] = [];
  const issues: RowIssue[] = [];
  draft.forEach((d, i) => {
    const groupText = d.group.trim();
    const roleText = d.role.trim();
    if (!groupText && !roleText) return;
    const group = groupsByName.get(groupText.toLowerCase());
    if (!group) {
      issues.push({ code: 'incomplete', severity: 'error', draft: i, groupName: groupText || '(no group)', message: groupText ? `No Okta group named "${groupText}" was found.` : 'Pick an Okta group for this row.', fix: 'Type part of the name and pick the group from the list.' });
      return;
    }
    if (!roleText) {
      issues.push({ code: 'incomplete', severity: 'error', draft: i, groupId: group.id, groupName: group.name, message: `Pick a ThreatLocker role for "${group.name}".`, fix: 'Choose the role in this row.' });
      return;
    }
    rows.push({ draft: i, oktaGroupId: group.id, oktaGroupName: group.name, roleId: roleText, roleName: roleNameOf(d, roles) });
  });
  return { rows, issues };
}
