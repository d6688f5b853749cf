import { useContext, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PickableGroup } from '../../../../shared/group-filter';
import { validateMappings, type MappingRow } from '../../../../shared/mapping-validation';
import type { PushedGroup } from '../../../../shared/setup-data';
import type { StepView } from '../../../../shared/setup';
import { Spinner } from '../../../components/Dialog';
import { Icon } from '../../../components/Icon';
import { valueOf } from '../../../lib/async';
import { plural } from '../../../lib/format';
import { SavedMappingsContext } from '../saved-mappings';
import { useSetupStore } from '../setup-store';
import { dataOf } from '../step-data';
import { draftFrom, newKey, resolveDraft, type DraftRow, type RowIssue } from './mapping/draft-rows';
import { MappingChecklist } from './mapping/MappingChecklist';
import { MappingFiles } from './mapping/MappingFiles';
import { MappingIssues, type IssueFix } from './mapping/MappingIssues';
import { MappingRows } from './mapping/MappingRows';
import { keepDraft, keptDraft } from './mapping/kept-drafts';
import { pushedFacts } from './mapping/pushed-facts';
import { RoleImpact } from './mapping/RoleImpact';
import { pushSays, usePushGroup } from './mapping/use-push-group';
import { useUndoable } from './mapping/use-undoable';

const keyOf = (rows: readonly { oktaGroupId: string; roleId: string }[]) => rows.map((m) => `${m.oktaGroupId}=${m.roleId}`).join('|');

/** Step 10's editor: rows of (Okta group, ThreatLocker role), validated against both sides as you type. */
export function MappingEditor({ step, steps, disabled }: { step: StepView; steps: StepView[]; disabled: boolean }) {
  const runStep = useSetupStore((s) => s.runStep);
  const select = useSetupStore((s) => s.select);
  const search = useSetupStore((s) => s.searchGroups);
  const searched = useSetupStore((s) => s.groups);
  const savedInSession = useSetupStore((s) => s.savedMappings);
  const profileId = useSetupStore((s) => s.profileId);
  // Older sessions' mappings live in the profile file, which the profile screen has loaded and hands down.
  const fromProfile = useContext(SavedMappingsContext);
  const ours = fromProfile && fromProfile.profileId === profileId ? fromProfile : undefined;
  const data = dataOf(step, 'group-mapping');
  const pushData = dataOf(steps.find((s) => s.id === 'push-groups'), 'push-groups');
  // Step 8's own data is the freshest (a push from this editor changes it without re-running this step).
  const pushedRefs = pushData?.groups?.length ? pushData.groups : (data?.pushedGroups ?? []);
  // Step 8's read-back carries each push's status and whether the group is also assigned (the old style).
  const pushed: PushedGroup[] = pushedFacts(pushedRefs, pushData?.pushed);
  const roles = data?.roles;
  const rolesListed = roles !== undefined && roles.length > 0;
  const saved: MappingRow[] = (savedInSession && savedInSession.profileId === profileId ? savedInSession.mappings : undefined) ?? ours?.mappings ?? [];
  const savedKey = keyOf(saved);
  const suggestions = new Map((data?.suggestedMappings ?? []).map((sug) => [sug.oktaGroupId, sug] as const));

  // Nothing saved yet: one row per pushed group, with the role main suggested from the names.
  const initial = (): DraftRow[] =>
    saved.length
      ? draftFrom(saved, rolesListed)
      : pushed.map((g) => {
          const sug = suggestions.get(g.id);
          return { key: newKey(), group: g.name, role: sug ? (rolesListed ? sug.roleId : sug.roleName) : '' };
        });
  const startOverKey = `${savedKey}#${rolesListed}`;
  const [kept] = useState(() => keptDraft(profileId, startOverKey));
  const draft = useUndoable(initial, () => kept?.history);
  const resetKey = `${savedKey}#${rolesListed}#${saved.length ? '' : [...suggestions.keys()].join(',')}#${pushedRefs.length}`;
  const startedFrom = useRef(startOverKey);
  useEffect(() => {
    // New pushed groups or suggestions (a push from this editor) keep the admin's unsaved edits; a save or the roles' arrival starts over.
    if (draft.canUndo && startedFrom.current === startOverKey) return;
    startedFrom.current = startOverKey;
    draft.reset(initial());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- resetKey stands for what initial() reads
  }, [resetKey]);

  const groups: PickableGroup[] = useMemo(() => {
    const byId = new Map<string, PickableGroup>();
    for (const g of pushedRefs) byId.set(g.id, { id: g.id, name: g.name, pushed: true });
    for (const m of saved) if (!byId.has(m.oktaGroupId)) byId.set(m.oktaGroupId, { id: m.oktaGroupId, name: m.oktaGroupName });
    for (const g of kept?.groups ?? []) if (!byId.has(g.id)) byId.set(g.id, g);
    for (const g of valueOf(searched) ?? []) if (!byId.has(g.id)) byId.set(g.id, { id: g.id, name: g.name });
    return [...byId.values()];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the keys stand for the lists
  }, [pushedRefs.map((g) => g.id).join(), savedKey, searched]);
  const byName = useMemo(() => {
    const map = new Map<string, PickableGroup>();
    for (const g of groups) if (!map.has(g.name.toLowerCase())) map.set(g.name.toLowerCase(), g);
    return map;
  }, [groups]);

  // Unsaved rows outlive a visit to another step (a push from here can open step 8).
  const { history, canUndo, canRedo } = draft;
  useEffect(() => {
    const named = history.present.map((d) => byName.get(d.group.trim().toLowerCase())).filter((g) => g !== undefined);
    keepDraft(profileId, canUndo || canRedo ? { basis: startOverKey, history, groups: named } : undefined);
  }, [profileId, startOverKey, history, canUndo, canRedo, byName]);

  const resolved = resolveDraft(draft.value, byName, rolesListed ? roles : undefined);
  const rows: MappingRow[] = resolved.rows.map(({ draft: _, ...r }) => r);
  const issues: RowIssue[] = [
    ...resolved.issues,
    ...validateMappings(rows, {
      pushed: pushedRefs.length ? pushed : undefined,
      roles: rolesListed ? roles : undefined,
      // Okta's answers at the last verify (404 per mapped group, members counted up to 1,000).
      goneGroupIds: data?.goneGroupIds ? new Set(data.goneGroupIds) : undefined,
      memberCounts: data?.memberCounts,
    })
      // A group whose row still lacks its role already has its own problem ("Pick a role"): not "add a row" too.
      .filter((i) => !(i.code === 'unmapped-pushed' && resolved.issues.some((r) => r.groupId === i.groupId)))
      .map((i) => ({
        ...i,
        draft: i.row === undefined ? undefined : resolved.rows[i.row]!.draft,
      })),
  ].sort((a, b) => (a.draft ?? Infinity) - (b.draft ?? Infinity));
  const errors = issues.filter((i) => i.severity === 'error');
  // A pushed group counts as having a role only when its row is complete and has no error (a deleted role is none).
  const withRole = pushed.filter((g) => resolved.rows.some((r) => r.oktaGroupId === g.id && !errors.some((e) => e.draft === r.draft))).length;
  const changed = keyOf(rows) !== savedKey;
  const stillSuggested = rows.filter((r) => suggestions.get(r.oktaGroupId)?.roleId === r.roleId || suggestions.get(r.oktaGroupId)?.roleName === r.roleName).length;
  const [saving, setSaving] = useState(false);

  const editorRef = useRef<HTMLDivElement>(null);
  // Undo, a delete or a fix can remove the control that had the focus; a keyboard user then stays
  // in the editor (on "Add row") instead of being thrown back to the top of the page.
  const keepFocus = () => {
    setTimeout(() => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      editorRef.current?.querySelector<HTMLButtonElement>('button[data-focus-home]')?.focus();
    });
  };
  const setRows = (next: DraftRow[], key?: string) => draft.set(next, key);
  const addRow = (group = '', role = '') => {
    setRows([...draft.value, { key: newKey(), group, role }]);
    // The new row's group cell takes the focus, so the keyboard goes on typing.
    setTimeout(() => document.querySelector<HTMLInputElement>(`[data-testid="mapping-editor"] tr[data-row="${draft.value.length + 1}"] input`)?.focus());
  };
  const pushGroup = usePushGroup(steps);
  const focusRow = (index: number) => document.querySelector<HTMLElement>(`[data-testid="mapping-editor"] tr[data-row="${index + 1}"] select, [data-testid="mapping-editor"] tr[data-row="${index + 1}"] td:nth-child(2) input`)?.focus();
  const fixFor = (issue: RowIssue): IssueFix | undefined => {
    if (issue.code === 'unmapped-pushed') {
      const sug = suggestions.get(issue.groupId ?? '');
      return { label: `Add a row for ${issue.groupName}`, run: () => addRow(issue.groupName, sug ? (rolesListed ? sug.roleId : sug.roleName) : '') };
    }
    if (issue.code === 'mapped-twice' && issue.draft !== undefined) return { label: `Delete row ${issue.draft + 1}`, run: () => setRows(draft.value.filter((_, i) => i !== issue.draft)) };
    if (issue.code === 'not-pushed' && issue.groupId) {
      const group = { id: issue.groupId, name: issue.groupName };
      return { label: `Push ${group.name} to ThreatLocker`, confirm: { says: pushSays(group.name), label: `Yes, push ${group.name}` }, run: () => pushGroup(group) };
    }
    if (issue.code === 'unknown-role' && issue.draft !== undefined) return { label: `Pick another role for row ${issue.draft + 1}`, run: () => focusRow(issue.draft!) };
    // Step 8 does not fix these by running again (an ERROR push is fixed in Okta; an old assignment is removed by hand).
    if (['not-pushed', 'push-error', 'assigned-and-pushed'].includes(issue.code)) return { label: 'Go to step 8 (push groups)', run: () => select('push-groups') };
    if (issue.draft !== undefined) return { label: `Go to row ${issue.draft + 1}`, run: () => focusRow(issue.draft!) };
    return undefined;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (disabled) return;
    if (e.altKey && e.key.toLowerCase() === 'n') {
      e.preventDefault();
      addRow();
      return;
    }
    if (!(e.ctrlKey || e.metaKey)) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) draft.undo();
    else if (key === 'y' || (key === 'z' && e.shiftKey)) draft.redo();
    else return;
    e.preventDefault();
    keepFocus();
  };
  const pushStep = steps.find((s) => s.id === 'push-groups');

  if (pushedRefs.length === 0 && saved.length === 0) {
    return (
      <div className="wizard-block wizard-inline-note">
        <Icon name="users" size={16} />
        <p>No groups are pushed yet. Push the groups whose members become administrators first.</p>
        {pushStep && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => select('push-groups')}>
            Go to step {pushStep.number}
          </button>
        )}
      </div>
    );
  }

  return (
    <>
      <div ref={editorRef} className="wizard-block" data-testid="mapping-editor" onKeyDown={onKeyDown}>
        <h3 className="wizard-block-title">
          Role for each pushed group
          <span className="wizard-block-meta">
            {plural(draft.value.length, 'row')} here, {withRole} of {plural(pushed.length, 'pushed group')} with a valid role{changed ? ' (not saved yet)' : ''}
          </span>
        </h3>
        {!rolesListed &&
          (roles !== undefined || step.status !== 'not-started' ? (
            <p className="wizard-caption">
              Type each role’s name exactly as ThreatLocker shows it. With a ThreatLocker portal API token saved under Credentials, the console lists the roles for you.
            </p>
          ) : (
            <div className="wizard-block wizard-inline-note">
              <Icon name="building" size={16} />
              <p>The console lists ThreatLocker’s roles through the portal API (read only), or you type their names.</p>
              <button type="button" className="btn btn-secondary btn-small" disabled={disabled} onClick={() => void runStep(step.id, {})}>
                {disabled ? <Spinner /> : <Icon name="refresh" />}
                Load ThreatLocker roles
              </button>
            </div>
          ))}
        <MappingRows
          draft={draft.value}
          groups={groups}
          roles={rolesListed ? roles : undefined}
          issues={issues}
          disabled={disabled}
          onChange={(i, patch, field) => setRows(draft.value.map((d, n) => (n === i ? { ...d, ...patch } : d)), field === 'group' ? `group:${draft.value[i]!.key}` : undefined)}
          onDelete={(i) => {
            setRows(draft.value.filter((_, n) => n !== i));
            keepFocus();
          }}
          onTypeGroup={(q) => void search(q)}
          members={(name) => {
            const id = byName.get(name.trim().toLowerCase())?.id;
            return id ? data?.memberCounts?.[id] : undefined;
          }}
        />
        {!saved.length && stillSuggested > 0 && (
          <p className="wizard-suggested">
            <Icon name="info" size={12} />
            {[...suggestions.values()].some((s) => s.basis === 'least-privilege') ? 'Suggested: from the group names, least privilege where no name matched' : 'Suggested from the group names'}
            {stillSuggested < rows.length ? ` (${stillSuggested} of ${plural(rows.length, 'row')} still as suggested)` : ''}
          </p>
        )}
        <div className="wizard-row-actions">
          <button type="button" className="btn btn-secondary btn-small" disabled={disabled} onClick={() => addRow()} aria-keyshortcuts="Alt+N" data-focus-home>
            <Icon name="plus" size={14} /> Add row
          </button>
          <button type="button" className="btn btn-secondary btn-small" disabled={disabled || !draft.canUndo} onClick={draft.undo} aria-keyshortcuts="Control+Z">
            Undo
          </button>
          <button type="button" className="btn btn-secondary btn-small" disabled={disabled || !draft.canRedo} onClick={draft.redo} aria-keyshortcuts="Control+Y">
            Redo
          </button>
        </div>
        <MappingIssues
          issues={issues}
          disabled={disabled}
          fixFor={(issue) => {
            const fix = fixFor(issue);
            if (!fix) return undefined;
            return {
              ...fix,
              run: () => {
                const said = fix.run();
                // A push ends later, when its button may be gone: keep the focus then too.
                if (said instanceof Promise) void said.finally(keepFocus);
                keepFocus();
                return said;
              },
            };
          }}
        />
        <div className="wizard-row-actions">
          <button
            type="button"
            className="btn btn-secondary"
            disabled={disabled || !changed || rows.length === 0 || errors.length > 0}
            onClick={async () => {
              setSaving(true);
              await runStep(step.id, { mappings: rows });
              setSaving(false);
              keepFocus(); // Save is disabled once saved; the result is announced below
            }}
          >
            {saving ? <Spinner /> : <Icon name="check" />}
            Save mappings
          </button>
          <span className="wizard-caption" role="status">
            {errors.length
              ? `Fix the ${errors.length === 1 ? 'problem' : `${errors.length} problems`} above to save.`
              : changed && saved.length === 0 && suggestions.size > 0
                ? 'Roles are suggested from the group names: review them, then save.'
                : changed
                  ? 'Unsaved changes. Saving adds one checklist row per mapping below.'
                  : !saved.length
                    ? ''
                    : step.status === 'verified'
                      ? 'Saved, and verified on ThreatLocker’s Group Mapping tab.'
                      : step.status === 'unverifiable'
                        ? 'Saved, and confirmed below.'
                        : 'Saved in this profile. Add these rows in ThreatLocker, then confirm them below.'}
          </span>
        </div>
        <MappingFiles profileName={ours?.profileName ?? 'profile'} rows={rows} roles={rolesListed ? roles : undefined} disabled={disabled} onImport={(imported) => setRows(draftFrom(imported, rolesListed))} />
      </div>
      <RoleImpact profileId={profileId} rows={rows} />
      <MappingChecklist rows={saved} sandbox={ours?.sandbox ?? false} history={ours?.history ?? []} />
    </>
  );
}
