import { type CheckContext } from './scim-check-context';
import { hints } from './scim-hints';
import { checkUserGet, checkUsersList } from './scim-user-read-checks';
import { cleanup, leftoverSearch } from './scim-cleanup-checks';
import { groupLifecycle } from './scim-group-write-checks';
import { caseFilter, createUser, duplicate, readBack, replaceUser, setActive } from './scim-user-write-checks';
import { type WriteState } from './scim-write-state';

/**
 * The test identity lives under a reserved TLD (.invalid, RFC 2606), so an e-mail invitation
 * ThreatLocker may send on create can never reach a real mailbox, and the prefix makes the
 * account recognisable in the portal if clean-up ever fails.
 */
export const TEST_EMAIL_DOMAIN = 'scim-check.invalid';
export const DEFAULT_TEST_PREFIX = 'tl-console-check';

export function defaultTestPrefix(now = new Date()): string {
  return `${DEFAULT_TEST_PREFIX}-${now.getTime()}`;
}

/**
 * Checks 11-18. Only called after the person opted in. Whatever happens in 11-17 (failures,
 * cancellation), 18 cleans up what was created and searches for anything left behind.
 */
export async function runWriteChecks(
  ctx: CheckContext,
  opts: { prefix: string; userChecksDeferred: boolean },
): Promise<string[]> {
  const s: WriteState = {
    prefix: opts.prefix,
    userName: `${opts.prefix}@${TEST_EMAIL_DOMAIN}`,
    groupName: `${opts.prefix} group`,
    renamedGroupName: `${opts.prefix} group renamed`,
    userId: undefined,
    groupId: undefined,
    created: [],
    leftovers: [],
  };

  if (!ctx.tokenAccepted && ctx.fatal === undefined && !ctx.signal?.aborted) {
    // Without a working token every write would fail the same way; say so once per check.
    for (const spec of ctx.plan.filter((p) => p.number >= 11)) {
      if (!ctx.results.has(spec.id)) ctx.record(spec.id, { outcome: 'skip', actual: 'token not accepted', hint: hints.notRunAuth });
    }
    if (opts.userChecksDeferred) ctx.fillMissing('token not accepted');
    return [];
  }

  try {
    await createUser(ctx, s);
    if (opts.userChecksDeferred) {
      const listed = await checkUsersList(ctx, { allowDefer: false });
      await checkUserGet(ctx, listed === 'deferred' ? undefined : listed);
    }
    await readBack(ctx, s);
    await duplicate(ctx, s);
    await caseFilter(ctx, s);
    await replaceUser(ctx, s);
    await setActive(ctx, s, 'user-deactivate', false);
    await setActive(ctx, s, 'user-reactivate', true);
    await groupLifecycle(ctx, s);
  } finally {
    // Clean-up ignores cancellation on purpose: a half-finished run must not leave admins behind.
    await cleanup(ctx, s);
    await leftoverSearch(ctx, s);
  }
  return s.leftovers;
}
