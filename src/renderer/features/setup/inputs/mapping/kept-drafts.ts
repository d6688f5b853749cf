import type { PickableGroup } from '../../../../../shared/group-filter';
import type { DraftRow } from './draft-rows';
import type { History } from './use-undoable';

/**
 * The editor's unsaved rows (with their undo history) per profile, kept while the admin visits
 * another step (the step's panel unmounts, e.g. when a push from the editor opens step 8).
 * `basis` names what the rows were edited from (the saved rows, roles listed or not): a draft
 * kept from another basis is stale and is not restored. `groups` are the groups the rows named,
 * so a group found by search still resolves after the search list has moved on.
 */
export interface KeptDraft {
  basis: string;
  history: History<DraftRow[]>;
  groups: PickableGroup[];
}

const kept = new Map<string, KeptDraft>();

export function keptDraft(profileId: string | undefined, basis: string): KeptDraft | undefined {
  const entry = profileId ? kept.get(profileId) : undefined;
  return entry?.basis === basis ? entry : undefined;
}

/** Keeps the draft, or forgets it (undefined: nothing unsaved). */
export function keepDraft(profileId: string | undefined, draft: KeptDraft | undefined): void {
  if (!profileId) return;
  if (draft) kept.set(profileId, draft);
  else kept.delete(profileId);
}
