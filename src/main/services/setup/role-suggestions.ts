import type { RoleSuggestion } from '../../../shared/setup-data';

/**
 * Proposes a ThreatLocker role for each pushed group from the names alone, so the admin reviews
 * instead of picking from scratch. A group with no name match gets the least-privileged role
 * ("Read Only") when there is one: a wrong guess must err towards less access.
 */
const IGNORED = new Set(['threatlocker', 'group', 'groups', 'team', 'the', 'and', 'of']);

function words(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !IGNORED.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));
}

/** "Non-Admin Users", "No Admin Access", "Not Approvers": a negated name must never match its role. */
const NEGATIONS = new Set(['non', 'no', 'not', 'without', 'except']);
const negated = (name: string) => name.toLowerCase().split(/[^a-z0-9]+/).some((w) => NEGATIONS.has(w));

const match = (a: string, b: string) => a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a)));

/** One proposal: 'name' when the group's and the role's names share a word, 'least-privilege' for the fallback. */
export type { RoleSuggestion };

export function suggestRoles(groups: { id: string; name: string }[], roles: { id: string; name: string }[]): RoleSuggestion[] {
  const fallback = roles.find((r) => /^read[\s-]*only$/i.test(r.name.trim()));
  const out: RoleSuggestion[] = [];
  for (const g of groups) {
    // A negated name gets the least-privileged fallback: matching its words would invert it.
    const gw = negated(g.name) ? [] : words(g.name);
    let best: { role: { id: string; name: string }; score: number } | undefined;
    for (const role of roles) {
      const rw = words(role.name);
      const score = gw.filter((w) => rw.some((r) => match(w, r))).length;
      // Ties go to the role with fewer extra words ("Administrator" before "Global Administrator"),
      // then to the least-privileged role, whatever the list order ("Help Desk Read Only" -> Read Only).
      const bw = best ? words(best.role.name).length : 0;
      if (score > 0 && (!best || score > best.score || (score === best.score && (rw.length < bw || (rw.length === bw && role === fallback))))) best = { role, score };
    }
    const role = best?.role ?? fallback;
    if (role) out.push({ oktaGroupId: g.id, oktaGroupName: g.name, roleId: role.id, roleName: role.name, basis: best ? 'name' : 'least-privilege' });
  }
  return out;
}
