import { AppError } from '../../../../shared/errors';
import { HttpError } from '../../net/http-errors';
import type { SetupContext } from '../setup-context';

/** Members counted per group before stopping: enough to flag a broad group without paging a whole directory. */
export const MEMBER_COUNT_CAP = 1000;

/**
 * What Okta says about the groups in the mapping: which are gone, and how many members each has
 * (capped). Read per group, so it costs two requests per mapped group, never a directory scan.
 */
export async function readMappingFacts(ctx: SetupContext, groupIds: string[]): Promise<{ goneGroupIds: string[]; memberCounts: Record<string, number> }> {
  const okta = ctx.okta();
  const goneGroupIds: string[] = [];
  const memberCounts: Record<string, number> = {};
  for (const [i, id] of [...new Set(groupIds)].entries()) {
    ctx.progress(`Reading mapped group ${i + 1} of ${groupIds.length} from Okta`);
    try {
      await okta.getGroup(id);
    } catch (err) {
      if ((err instanceof HttpError && err.status === 404) || (err instanceof AppError && err.code === 'NOT_FOUND')) {
        goneGroupIds.push(id);
        continue;
      }
      throw err;
    }
    let count = 0;
    for await (const _ of okta.listGroupMembers(id, { limit: 200 })) if (++count >= MEMBER_COUNT_CAP) break;
    memberCounts[id] = count;
  }
  return { goneGroupIds, memberCounts };
}
