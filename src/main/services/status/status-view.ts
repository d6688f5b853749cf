import { statusClasses, type PersonDetail, type StatusPage, type StatusRow, type TimelineStep } from '../../../shared/provisioning-status';
import type { JoinResult } from './status-join';
import type { ConsoleAction } from './status-sources';

/**
 * Views of one join: the page of rows the table shows (filter, search, sort done here in main so
 * the renderer never holds 100,000 rows), one person's detail, and the CSV export.
 */

const CLASS_ORDER = new Map(statusClasses.map((c, i) => [c, i]));

export interface RowQuery {
  cls?: StatusRow['cls'] | undefined;
  group?: string | undefined;
  text: string;
  sort: 'cls' | 'name' | 'userName' | 'oktaStatus' | 'tlStatus';
  desc: boolean;
  offset: number;
  limit: number;
}

/**
 * Filter, search and sort over the joined rows, built for typing: each sort order is computed
 * once per join, filtering walks that order (no sort per keystroke), and a search that extends
 * the previous one only re-checks the previous matches.
 */
export class RowIndex {
  private readonly rows: StatusRow[];
  /** Lower-cased search text per row, built once per join. */
  private readonly haystack: string[];
  private readonly orders = new Map<string, Uint32Array>();
  private last: { base: string; text: string; matches: number[] } | undefined;

  constructor(join: JoinResult) {
    this.rows = join.people.map((p) => p.row);
    this.haystack = this.rows.map((r) => `${r.name}\u0000${r.userName}\u0000${r.reason}`.toLowerCase());
    this.order('cls', false); // the default view, ready before the first keystroke
  }

  page(q: RowQuery): StatusPage {
    const started = performance.now();
    const matches = this.filter(q);
    const rows = matches.slice(q.offset, q.offset + q.limit).map((i) => this.rows[i]!);
    return { total: matches.length, offset: q.offset, rows, queryMs: performance.now() - started };
  }

  /** Every row of the current filter (the CSV export uses what the admin sees). */
  all(q: Omit<RowQuery, 'offset' | 'limit'>): StatusRow[] {
    return this.filter({ ...q, offset: 0, limit: 0 }).map((i) => this.rows[i]!);
  }

  private filter(q: RowQuery): number[] {
    const text = q.text.trim().toLowerCase();
    const base = JSON.stringify([q.cls, q.group, q.sort, q.desc]);
    const prev = this.last;
    if (prev && prev.base === base && prev.text === text) return prev.matches;
    const narrowing = prev && prev.base === base && text.startsWith(prev.text);
    const candidates: ArrayLike<number> = narrowing ? prev.matches : this.order(q.sort, q.desc);
    const matches: number[] = [];
    for (let k = 0; k < candidates.length; k++) {
      const i = candidates[k]!;
      const r = this.rows[i]!;
      if (q.cls && r.cls !== q.cls) continue;
      if (q.group && !r.groups.includes(q.group)) continue;
      if (text && !this.haystack[i]!.includes(text)) continue;
      matches.push(i);
    }
    this.last = { base, text, matches };
    return matches;
  }

  private order(sort: RowQuery['sort'], desc: boolean): Uint32Array {
    const key = `${sort}:${desc}`;
    let order = this.orders.get(key);
    if (!order) {
      const rows = this.rows;
      const dir = desc ? -1 : 1;
      const keyOf: (r: StatusRow) => number | string = sort === 'cls' ? (r: StatusRow) => CLASS_ORDER.get(r.cls)! : (r: StatusRow) => r[sort];
      const keys = rows.map(keyOf);
      const names = rows.map((r) => r.name);
      order = Uint32Array.from(rows.keys()).sort((a, b) => {
        const ka = keys[a]!;
        const kb = keys[b]!;
        const primary = ka < kb ? -1 : ka > kb ? 1 : 0;
        const na = names[a]!;
        const nb = names[b]!;
        return (primary || (na < nb ? -1 : na > nb ? 1 : 0)) * dir;
      });
      this.orders.set(key, order);
    }
    return order;
  }
}

export function personDetail(join: JoinResult, key: string, actions: ConsoleAction[] = []): PersonDetail | null {
  const p = join.byKey.get(key);
  if (!p) return null;
  const au = p.appUser;
  const tl = p.tlUser;
  const okta: [string, string][] = au
    ? [
        ['Okta user id', au.id],
        ['Login', au.user?.login ?? ''],
        ['App userName', au.userName ?? ''],
        ['First / last name', `${au.user?.firstName ?? ''} ${au.user?.lastName ?? ''}`.trim()],
        ['Email', au.user?.email ?? ''],
        ['primaryPhone', au.user?.primaryPhone ?? '(empty)'],
        ['User status', au.user?.status ?? ''],
        ['Assignment (scope)', au.scope ?? ''],
        ['App user status', au.status ?? ''],
        ['syncState', au.syncState ?? ''],
        ['externalId (SCIM id)', au.externalId ?? '(none)'],
        ['lastSync', au.lastSync ?? '(never: only set by imports and profile pushes)'],
      ]
    : [['Assigned in Okta', 'No']];
  const threatlocker: [string, string][] = tl
    ? [
        ['SCIM id', tl.id],
        ['userName', tl.userName],
        ['Name', `${tl.givenName ?? ''} ${tl.familyName ?? ''}`.trim()],
        ['active', String(tl.active)],
      ]
    : [['In ThreatLocker', 'No']];

  const timeline: TimelineStep[] = [];
  if (au) {
    const via = au.scope === 'GROUP' ? `through a group${p.row.groups.length ? ` (member of ${p.row.groups.join(', ')})` : ''}` : 'directly';
    timeline.push({ step: 'scoping', outcome: 'success', text: `Assigned to the app ${via} (Okta app user scope ${au.scope ?? 'unknown'}).` });
  } else {
    timeline.push({ step: 'scoping', outcome: p.row.cls === 'local' ? 'skipped' : 'failure', text: 'Not assigned to the app in Okta.', next: p.row.cls === 'orphan' ? p.row.fix : undefined });
  }
  timeline.push(
    tl
      ? { step: 'matching', outcome: 'success', text: `Found in ThreatLocker by ${p.matchedBy ?? 'userName (not assigned in Okta)'}.` }
      : { step: 'matching', outcome: 'failure', text: 'Not found in ThreatLocker by SCIM id or userName.', next: p.row.fix },
  );
  const exportOutcome = p.row.cls === 'matching' || p.row.cls === 'deactivated' ? 'success' : p.row.cls === 'pending' || p.row.cls === 'local' ? 'skipped' : 'failure';
  timeline.push({ step: 'export', outcome: exportOutcome, text: `${p.row.reason} (from ${p.row.source})`, ...(exportOutcome === 'failure' ? { next: p.row.fix } : {}) });
  const logs = au ? (join.logsByUser.get(au.id) ?? []) : [];
  const events: TimelineStep[] = [
    ...logs.map((l) => ({
      at: l.published,
      step: 'log' as const,
      outcome: l.result === 'FAILURE' ? ('failure' as const) : l.result === 'SUCCESS' ? ('success' as const) : ('info' as const),
      text: `${l.eventType}: ${l.message ?? ''}${l.reason ? ` - ${l.reason}` : ''}`,
    })),
    ...actions.filter((a) => au && a.oktaUserId === au.id).map((a) => ({ at: a.at, step: 'console' as const, outcome: a.ok ? ('success' as const) : ('failure' as const), text: a.text })),
  ].sort((a, b) => (a.at! < b.at! ? 1 : -1));
  timeline.push(...events.slice(0, 50));
  return { row: p.row, okta, threatlocker, timeline, ...(au ? { oktaUserId: au.id } : {}) };
}

/**
 * CSV (RFC 4180) with cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * prefixed with a quote mark: names and reasons come from Okta and ThreatLocker, not from us.
 */
export function toCsv(rows: StatusRow[]): string {
  const header = ['class', 'name', 'userName', 'okta', 'threatlocker', 'reason', 'source', 'fix', 'groups'];
  const lines = [header.join(',')];
  for (const r of rows) {
    lines.push([r.cls, r.name, r.userName, r.oktaStatus, r.tlStatus, r.reason, r.source, r.fix, r.groups.join('; ')].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
