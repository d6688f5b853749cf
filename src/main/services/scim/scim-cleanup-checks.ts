import { plural } from '../../../shared/plural';
import { type CheckContext, jsonShape, pick } from './scim-check-context';
import { describeExchange } from './scim-hints';
import type { ScimExchange, ScimRequest } from './scim-http';
import { type WriteState, filterPath, groupPath, okPatch, patch, userPath } from './scim-write-state';

// Check 18: removing what the run created, then searching for anything left behind.

export async function cleanup(ctx: CheckContext, s: WriteState): Promise<void> {
  const id = 'cleanup';
  const pending = s.created.filter((c) => !c.removed).reverse();
  if (pending.length === 0) {
    ctx.record(id, { outcome: s.created.length > 0 ? 'pass' : 'skip', actual: s.created.length > 0 ? 'everything was already removed' : 'nothing was created' });
    return;
  }
  const exchanges: ScimExchange[] = [];
  const send = async (req: ScimRequest) => {
    const ex = await ctx.send(req, { signal: null });
    exchanges.push(ex);
    return ex;
  };
  const notes: string[] = [];
  let stillActive = false;
  for (const item of pending) {
    const path = item.kind === 'user' ? userPath(item.id) : groupPath(item.id);
    const del = await send({ method: 'DELETE', path });
    if (del.ok && [200, 204, 404].includes(del.status)) {
      item.removed = true;
      notes.push(`${item.label}: deleted (${del.status})`);
      continue;
    }
    if (item.kind === 'group') {
      stillActive = true;
      s.leftovers.push(`${item.label} (id ${item.id}): DELETE answered ${describeExchange(del)}`);
      continue;
    }
    // Okta itself never deletes users, so a SCIM server may refuse DELETE; deactivate instead.
    const off = await send({ method: 'PATCH', path, body: patch([{ op: 'replace', value: { active: false } }]) });
    if (off.ok && okPatch.includes(off.status)) {
      s.leftovers.push(`${item.label} (id ${item.id}): deactivated, not deleted (DELETE answered ${del.ok ? del.status : del.kind})`);
    } else {
      stillActive = true;
      s.leftovers.push(`${item.label} (id ${item.id}): still active (DELETE: ${describeExchange(del)}; deactivate: ${describeExchange(off)})`);
    }
  }
  const outcome = stillActive ? 'fail' : s.leftovers.length > 0 ? 'warn' : 'pass';
  ctx.record(id, {
    outcome,
    exchanges,
    actual: [...notes, ...s.leftovers].join('; '),
    hint:
      outcome === 'pass'
        ? undefined
        : `Remove the leftovers by hand in the ThreatLocker portal (Administrators; search "${s.prefix}").` +
          (outcome === 'warn' ? ' The server refuses DELETE, so the test user could only be deactivated.' : ''),
  });
}

export async function leftoverSearch(ctx: CheckContext, s: WriteState): Promise<void> {
  const id = 'leftover-search';
  const createResult = ctx.results.get('user-create');
  // A create that timed out may still have happened, so search whenever one was attempted.
  if (s.created.length === 0 && (createResult === undefined || createResult.outcome === 'skip')) {
    ctx.record(id, { outcome: 'skip', actual: 'no write was attempted' });
    return;
  }
  const exchanges: ScimExchange[] = [];
  let ex = await ctx.send({ method: 'GET', path: filterPath('Users', 'userName', 'sw', s.prefix) }, { signal: null });
  exchanges.push(ex);
  let note = '';
  if (ex.ok && [400, 403, 501].includes(ex.status)) {
    // Some servers support only "eq"; fall back to the one name we used.
    note = ' (the server refused "sw"; searched for the exact test userName)';
    ex = await ctx.send({ method: 'GET', path: filterPath('Users', 'userName', 'eq', s.userName) }, { signal: null });
    exchanges.push(ex);
  }
  const problem = ctx.problem(ex, { expect: [200], collection: true });
  if (problem || !ex.ok) {
    ctx.record(id, { outcome: 'fail', exchanges, primary: ex, ...problem, hint: `Could not search for leftovers: ${problem?.hint ?? ''} Check the portal for "${s.prefix}" by hand.` });
    return;
  }
  const found = (Array.isArray(pick(ex.json, 'Resources')) ? (pick(ex.json, 'Resources') as unknown[]) : [])
    .filter((u) => {
      const name = pick(u, 'userName');
      return typeof name === 'string' && name.toLowerCase().startsWith(s.prefix.toLowerCase());
    });
  const unexpected: string[] = [];
  for (const u of found) {
    const uid = String(pick(u, 'id'));
    const known = s.leftovers.some((l) => l.includes(`(id ${uid})`));
    if (!known) {
      unexpected.push(`${String(pick(u, 'userName'))} (id ${uid})`);
      s.leftovers.push(`user ${String(pick(u, 'userName'))} (id ${uid}): found by the leftover search, active ${jsonShape(pick(u, 'active'))}`);
    }
  }
  for (const g of s.created.filter((c) => c.kind === 'group' && !c.removed)) {
    if (!s.leftovers.some((l) => l.includes(`(id ${g.id})`))) s.leftovers.push(`${g.label} (id ${g.id}): not removed`);
  }
  if (found.length === 0) {
    ctx.record(id, { outcome: s.leftovers.length > 0 ? 'warn' : 'pass', exchanges, primary: ex, actual: `no user starting with "${s.prefix}"${note}`, hint: s.leftovers.length > 0 ? 'See the clean-up check for the groups left behind.' : undefined });
  } else {
    ctx.record(id, {
      outcome: unexpected.length > 0 ? 'fail' : 'warn',
      exchanges,
      primary: ex,
      actual: `${plural(found.length, 'user')} starting with "${s.prefix}"${note}${unexpected.length ? `; not cleaned up: ${unexpected.join(', ')}` : ''}`,
      hint: `Remove the test accounts by hand in the ThreatLocker portal (Administrators; search "${s.prefix}").`,
    });
  }
}
