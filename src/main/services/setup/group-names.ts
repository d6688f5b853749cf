import { HttpError } from '../net/http-errors';
import type { OktaClient } from '../okta/okta-client';

/** Shown for a group a rule still names but Okta no longer has. */
export const DELETED_GROUP = '(deleted group)';

/** A group's name; a deleted group (404) is named as such instead of failing the whole list. */
export async function groupNameOrDeleted(okta: Pick<OktaClient, 'getGroup'>, id: string): Promise<string> {
  try {
    return (await okta.getGroup(id)).profile.name;
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return DELETED_GROUP;
    throw err;
  }
}
