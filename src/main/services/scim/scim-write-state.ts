import { SCIM_SCHEMAS } from './scim-check-catalog';
import { type CheckContext, isNonEmptyString, jsonShape, pick } from './scim-check-context';
import type { ScimExchange } from './scim-http';

/** What the write checks share: the test identity, what was created, and the request shapes. */
export interface Created {
  kind: 'user' | 'group';
  id: string;
  label: string;
  /** Set once removed (deleted, or confirmed gone). */
  removed: boolean;
}

export interface WriteState {
  prefix: string;
  userName: string;
  groupName: string;
  renamedGroupName: string;
  userId: string | undefined;
  groupId: string | undefined;
  /** Everything any write created, in creation order, so clean-up can go in reverse. */
  created: Created[];
  leftovers: string[];
}

export const givenName = 'TL Console';
export const familyName = 'Check';

export function userBody(s: WriteState, given = givenName): Record<string, unknown> {
  // Okta's create body, field for field (developer.okta.com SCIM 2.0 reference).
  return {
    schemas: [SCIM_SCHEMAS.user],
    userName: s.userName,
    name: { givenName: given, familyName },
    emails: [{ primary: true, value: s.userName, type: 'work' }],
    displayName: `${given} ${familyName}`,
    externalId: s.prefix,
    groups: [],
    active: true,
  };
}

export const patch = (operations: unknown[]) => ({ schemas: [SCIM_SCHEMAS.patchOp], Operations: operations });
export const okPatch = [200, 204];
export const userPath = (id: string) => `/Users/${encodeURIComponent(id)}`;
export const groupPath = (id: string) => `/Groups/${encodeURIComponent(id)}`;
export const filterPath = (resource: 'Users' | 'Groups', attr: string, op: 'eq' | 'sw', value: string) =>
  `/${resource}?filter=${attr}%20${op}%20%22${encodeURIComponent(value)}%22&startIndex=1&count=100`;

export function remember(s: WriteState, kind: Created['kind'], ex: ScimExchange, label: string): string | undefined {
  if (!ex.ok || ex.status < 200 || ex.status >= 300) return undefined;
  const id = pick(ex.json, 'id');
  if (!isNonEmptyString(id)) return undefined;
  s.created.push({ kind, id, label, removed: false });
  return id;
}

export function userIssues(body: unknown, want: { userName: string; givenName: string; active: boolean }): string[] {
  const issues: string[] = [];
  if (!isNonEmptyString(pick(body, 'id'))) issues.push('id missing');
  const userName = pick(body, 'userName');
  if (typeof userName !== 'string' || userName.toLowerCase() !== want.userName.toLowerCase()) issues.push(`userName is ${jsonShape(userName)}`);
  if (pick(body, 'name.givenName') !== want.givenName) issues.push(`name.givenName is ${jsonShape(pick(body, 'name.givenName'))}`);
  if (pick(body, 'name.familyName') !== familyName) issues.push(`name.familyName is ${jsonShape(pick(body, 'name.familyName'))}`);
  if (pick(body, 'active') !== want.active) issues.push(`active is ${jsonShape(pick(body, 'active'))}`);
  return issues;
}

export const needsUser = (ctx: CheckContext, s: WriteState, id: string): boolean => {
  if (ctx.blocked(id)) return false;
  if (s.userId === undefined) {
    ctx.record(id, { outcome: 'skip', actual: 'no test user', hint: 'Not run: check 11 did not create the test user.' });
    return false;
  }
  return true;
};

export function markRemoved(s: WriteState, id: string): void {
  for (const c of s.created) if (c.id === id) c.removed = true;
}
