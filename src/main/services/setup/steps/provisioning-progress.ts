import type { Finding } from '../../../../shared/setup';
import { plural } from '../../../../shared/plural';
import type { OktaAppUser } from '../../okta/okta-schemas';

/**
 * Where Okta's push of each app user stands. SYNCING and OUT_OF_SYNC (syncState) and STAGED
 * (status: created in Okta, not yet in the target app) are not finished: the console never
 * reports them as fine, and says how long they have waited, since a push Okta retries can sit for
 * up to an hour before an admin should look at Dashboard -> Tasks.
 */
export interface ProvisioningProgress {
  errored: number;
  /** Count and oldest age (ms) per not-finished state. */
  pending: Record<string, { count: number; oldestMs: number }>;
}

export const PENDING_STATES = ['SYNCING', 'OUT_OF_SYNC', 'STAGED'] as const;
type PendingState = (typeof PENDING_STATES)[number];

function isPending(s: string | null | undefined): s is PendingState {
  return (PENDING_STATES as readonly string[]).includes(s ?? '');
}

export function progressOf(appUsers: Iterable<OktaAppUser>, now: Date): ProvisioningProgress {
  const out: ProvisioningProgress = { errored: 0, pending: {} };
  for (const au of appUsers) {
    if (au.syncState === 'ERROR') {
      out.errored++;
      continue;
    }
    // syncState (SYNCING, OUT_OF_SYNC) first; else the status (STAGED).
    const state = [au.syncState, au.status].find(isPending);
    if (!state) continue;
    const since = Date.parse(au.statusChanged ?? au.lastUpdated ?? '');
    const age = Number.isFinite(since) ? Math.max(0, now.getTime() - since) : 0;
    const entry = (out.pending[state] ??= { count: 0, oldestMs: 0 });
    entry.count++;
    entry.oldestMs = Math.max(entry.oldestMs, age);
  }
  return out;
}

export function pendingCount(p: ProvisioningProgress): number {
  return Object.values(p.pending).reduce((n, e) => n + e.count, 0);
}

export function formatAge(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 1) return 'under a minute';
  if (min < 120) return `${min} min`;
  const h = Math.floor(min / 60);
  return h < 48 ? `${h} h` : `${Math.floor(h / 24)} days`;
}

/** "SYNCING 3 (oldest 12 min), STAGED 1 (oldest 2 h)". */
export function describePending(p: ProvisioningProgress): string {
  return Object.entries(p.pending)
    .map(([state, e]) => `${state} ${e.count} (oldest ${formatAge(e.oldestMs)})`)
    .join(', ');
}

export function pendingFinding(p: ProvisioningProgress): Finding {
  const n = pendingCount(p);
  if (!n) return { label: 'Provisioning in progress', outcome: 'pass', expected: 'none pending', actual: 'none' };
  const oldest = Math.max(...Object.values(p.pending).map((e) => e.oldestMs));
  return {
    label: 'Provisioning not finished',
    outcome: 'warn',
    expected: 'every user SYNCHRONIZED',
    actual: `${plural(n, 'user')}: ${describePending(p)}`,
    hint: oldest > 3_600_000
      ? 'Waiting over an hour: in Okta, Dashboard -> Tasks shows why; retry from there.'
      : 'Okta pushes in the background (up to an hour in a real org); verify again later.',
  };
}
