import type { StepView } from '../../../shared/setup';

/**
 * step.data is a free-form record from main. These readers take what they recognise and drop
 * the rest, so a missing or oddly shaped field never breaks the screen.
 */
type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function rows(data: Row | undefined, ...keys: string[]): Row[] {
  for (const key of keys) {
    const value = data?.[key];
    if (Array.isArray(value)) return value.filter(isRow);
  }
  return [];
}

export function record(data: Row | undefined, key: string): Row | undefined {
  const value = data?.[key];
  return isRow(value) ? value : undefined;
}

export interface NamedRef {
  id: string;
  name: string;
}

/** Rows with an id and a name ({id, name} or Okta's {id, profile: {name}}). */
export function namedRefs(list: Row[]): NamedRef[] {
  const out: NamedRef[] = [];
  for (const row of list) {
    const id = str(row.id);
    const name = str(row.name) ?? str(record(row, 'profile')?.name) ?? id;
    if (id && name) out.push({ id, name });
  }
  return out;
}

export interface PushedGroupRow {
  id: string;
  name: string;
  assigned: boolean | undefined;
  status: string | undefined;
  errorSummary: string | undefined;
}

/** push-groups: data.pushed (or data.mappings) as {name, status, errorSummary} rows. */
export function pushedGroups(step: StepView): PushedGroupRow[] {
  return rows(step.data, 'pushed', 'mappings').map((row, index) => ({
    id: str(row.id) ?? str(row.sourceGroupId) ?? String(index),
    name: str(row.name) ?? str(row.groupName) ?? str(row.targetGroupName) ?? str(row.id) ?? 'Unnamed group',
    assigned: typeof row.assigned === 'boolean' ? row.assigned : undefined,
    status: str(row.mappingStatus) ?? str(row.status),
    errorSummary: str(row.errorSummary),
  }));
}

export interface PhoneUser {
  id: string;
  login: string;
  name: string;
  /** Other phone attributes that could fill primaryPhone, by attribute name. */
  candidates: Record<string, string>;
}

/** primary-phone: data.missing (or data.usersWithoutPhone). */
export function usersWithoutPhone(step: StepView): PhoneUser[] {
  return rows(step.data, 'missing', 'usersWithoutPhone').flatMap((row) => {
    const id = str(row.id);
    if (!id) return [];
    const login = str(row.login) ?? str(row.email) ?? id;
    const candidates: Record<string, string> = {};
    for (const [key, value] of Object.entries(record(row, 'candidates') ?? {})) {
      if (typeof value === 'string' && value.trim()) candidates[key] = value;
    }
    return [{ id, login, name: str(row.name) ?? login, candidates }];
  });
}

export interface MappingRow {
  oktaGroupId: string;
  oktaGroupName: string;
  roleId: string;
  roleName: string;
}

export function mappingRows(list: unknown): MappingRow[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.filter(isRow).flatMap((row) => {
    const oktaGroupId = str(row.oktaGroupId);
    const roleId = str(row.roleId);
    if (!oktaGroupId || !roleId) return [];
    return [{ oktaGroupId, oktaGroupName: str(row.oktaGroupName) ?? oktaGroupId, roleId, roleName: str(row.roleName) ?? roleId }];
  });
}

/** Main writes paths as "Okta -> app -> Provisioning"; people read arrows. */
export function arrows(text: string): string {
  return text.replace(/\s*->\s*/g, ' → ');
}

export function pathParts(text: string): string[] {
  return text.split(/\s*->\s*/).filter(Boolean);
}
