import type { NamedRef, PushedGroup } from '../../../../../shared/setup-data';

/**
 * The groups the editor treats as pushed: step 8's selection, as far as step 8's read-back shows a
 * push mapping for it. A group picked in step 8 whose push was never made (a run that stopped
 * half-way) is not pushed. Without a read-back yet, the selection is all there is.
 */
export function pushedFacts(selected: readonly NamedRef[], readBack: readonly PushedGroup[] | undefined): PushedGroup[] {
  if (!readBack) return selected.map((g) => ({ ...g, assigned: false }));
  const byId = new Map(readBack.map((p) => [p.id, p]));
  return selected.flatMap((g) => {
    const row = byId.get(g.id);
    return row?.mappingStatus ? [row] : [];
  });
}
