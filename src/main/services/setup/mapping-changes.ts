import { userInfo } from 'node:os';
import type { MappingRow } from '../../../shared/mapping-validation';
import type { MappingChange } from '../../../shared/profile';

const HISTORY_LIMIT = 200;

/** The signed-in OS user, for "who changed it"; a locked-down account without a name still saves. */
export function osUserName(): string {
  try {
    return userInfo().username || 'unknown user';
  } catch {
    return 'unknown user';
  }
}

/** What a save changed, in words ("added A -> X; changed B: X -> Y; removed C"), or undefined for no change. */
export function describeMappingChange(before: readonly MappingRow[], after: readonly MappingRow[]): string | undefined {
  const old = new Map(before.map((m) => [m.oktaGroupId, m]));
  const now = new Map(after.map((m) => [m.oktaGroupId, m]));
  const parts: string[] = [];
  for (const m of after) {
    const was = old.get(m.oktaGroupId);
    if (!was) parts.push(`added ${m.oktaGroupName} -> ${m.roleName}`);
    else if (was.roleId !== m.roleId) parts.push(`changed ${m.oktaGroupName}: ${was.roleName} -> ${m.roleName}`);
  }
  for (const m of before) if (!now.has(m.oktaGroupId)) parts.push(`removed ${m.oktaGroupName} -> ${m.roleName}`);
  return parts.length ? parts.join('; ') : undefined;
}

/** The history with this save appended (when it changed anything), oldest entries dropped past the limit. */
export function recordMappingChange(history: readonly MappingChange[], before: readonly MappingRow[], after: readonly MappingRow[], by = osUserName(), at = new Date()): MappingChange[] {
  const summary = describeMappingChange(before, after);
  if (!summary) return [...history];
  return [...history, { at: at.toISOString(), by, summary }].slice(-HISTORY_LIMIT);
}
