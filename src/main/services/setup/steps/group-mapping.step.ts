import { AppError } from '../../../../shared/errors';
import type { Finding } from '../../../../shared/setup';
import type { SetupContext, StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';
import { suggestRoles } from '../role-suggestions';
import { recordMappingChange } from '../mapping-changes';
import { readMappingFacts } from './mapping-facts';
import { savedGroups } from './push-groups.step';
import { plural } from '../../../../shared/plural';
import type { StepDataPatch } from '../../../../shared/setup-data';
import { validateMappings, type MappingRow } from '../../../../shared/mapping-validation';

const SAVED = 'mapping-saved';
const rowId = (oktaGroupId: string) => `map:${oktaGroupId}`;

async function verify(ctx: SetupContext): Promise<StepOutcome<'group-mapping'>> {
  const pushed = savedGroups(ctx.data('push-groups'));
  const findings: Finding[] = [];
  const data: StepDataPatch<'group-mapping'> = { pushedGroups: pushed };
  const portal = await ctx.portal();
  if (portal) {
    ctx.progress('Listing ThreatLocker roles from the portal API');
    try {
      data.roles = (await portal.listRoles()).map((r) => ({ id: r.id, name: r.name }));
    } catch (err) {
      findings.push({ label: 'ThreatLocker roles', outcome: 'warn', actual: err instanceof AppError ? err.message : 'not listed', hint: 'Type the role names as they appear in ThreatLocker instead.' });
    }
  }
  const mappings = ctx.profile.mappings;
  // Only the groups that matter here: pushed or mapped, counted one by one.
  Object.assign(data, await readMappingFacts(ctx, [...pushed.map((g) => g.id), ...mappings.map((m) => m.oktaGroupId)]));
  if (mappings.length === 0) {
    if (data.roles) data.suggestedMappings = suggestRoles(pushed, data.roles);
    return { status: 'not-started', detail: 'Pick a ThreatLocker role for each pushed group (suggestions from the names are ready to review).', findings, data };
  }
  // A saved row whose role the portal API no longer lists (deleted in ThreatLocker) gives its members no role.
  const roleGone = data.roles ? new Set(validateMappings(mappings, { roles: data.roles }).filter((i) => i.code === 'unknown-role').map((i) => i.row!)) : new Set<number>();
  const gone = mappings.filter((_, i) => roleGone.has(i));
  for (const m of gone) {
    findings.push({
      label: `${m.oktaGroupName} -> ${m.roleName}`,
      outcome: 'fail',
      expected: 'a role of this ThreatLocker organization',
      actual: `no role "${m.roleName}" listed by the portal API`,
      hint: 'Pick another role for this group in the editor above and save, then enter the row in ThreatLocker.',
    });
  }
  const sandbox = ctx.sandbox();
  const disproved = [...gone];
  if (sandbox) {
    const rows = sandbox.threatlocker.controls.getGroupMappings();
    for (const m of mappings.filter((_, i) => !roleGone.has(i))) {
      const hit = rows.find((r) => r.groupDisplayName.toLowerCase() === m.oktaGroupName.toLowerCase() && r.roleId.toLowerCase() === m.roleId.toLowerCase());
      findings.push({ label: `${m.oktaGroupName} -> ${m.roleName}`, outcome: hit ? 'pass' : 'fail', expected: 'a row on the Group Mapping tab', actual: hit ? 'present' : 'missing' });
      if (!hit) disproved.push(m);
    }
  }
  // A tick says the row is on ThreatLocker's tab; once a read shows it cannot be, the tick goes.
  await untick(ctx, disproved);
  if (sandbox) {
    if (gone.length) return roleGoneOutcome(gone, findings, data);
    const bad = findings.filter((f) => f.outcome === 'fail');
    if (bad.length) return { status: 'not-started', detail: `${plural(bad.length, 'row is', 'rows are')} not on ThreatLocker's Group Mapping tab yet.`, hint: 'Add the rows below, click Save (or play the step in the sandbox).', findings, data };
    return { status: 'verified', detail: 'Verified in the sandbox ThreatLocker: every mapping row is on the Group Mapping tab.', findings, data: { ...data, confirmedBy: 'sandbox' } };
  }
  // The admin's confirmations cannot outweigh the portal API saying the role is gone.
  if (gone.length) return roleGoneOutcome(gone, findings, data);
  const checklist = ctx.checklist();
  const open = [...mappings.map((m) => rowId(m.oktaGroupId)), SAVED].filter((id) => !checklist[id]);
  if (open.length) return { status: 'not-started', detail: `${plural(open.length, 'checklist item')} left: add the rows in ThreatLocker and confirm each.`, findings, data };
  return {
    status: 'unverifiable',
    detail: 'Confirmed by you. ThreatLocker has no documented API for the Group Mapping tab, so it cannot be read back.',
    findings,
    data: { ...data, confirmedBy: 'admin' },
  };
}

/** Unticks the checklist rows of these mappings (only those ticked: nothing else is attributed anew). */
async function untick(ctx: SetupContext, rows: readonly MappingRow[]): Promise<void> {
  const ticked = ctx.checklist();
  const items = Object.fromEntries(rows.map((m) => rowId(m.oktaGroupId)).filter((id) => ticked[id]).map((id) => [id, false]));
  if (Object.keys(items).length) await ctx.confirm(items, 'admin');
}

function roleGoneOutcome(gone: MappingRow[], findings: Finding[], data: StepDataPatch<'group-mapping'>): StepOutcome<'group-mapping'> {
  const which = gone.map((m) => `"${m.roleName}" (mapped to "${m.oktaGroupName}")`).join(', ');
  return {
    status: 'failed',
    detail: `${gone.length === 1 ? `Role ${which} is` : `Roles ${which} are`} not listed for this ThreatLocker organization by the portal API any more, so ${gone.length === 1 ? 'that group’s' : 'those groups’'} members get no role there.`,
    hint: 'Pick another role for each such row in the editor and save, then enter the rows in ThreatLocker.',
    findings,
    data,
  };
}

export const groupMappingStep: StepDefinition<'group-mapping'> = {
  id: 'group-mapping',
  title: 'Group mapping in ThreatLocker',
  why: 'A pushed group gives its members a ThreatLocker role only once it is mapped on the SCIM integration\'s Group Mapping tab; ThreatLocker has no API for it.',
  mode: 'manual',
  sandboxCanPlay: true,
  describe: ({ profile }) => ({
    instructions: [
      'In ThreatLocker open Integrations -> SCIM Integration -> Group Mapping. Pushed groups appear in the "Identity Provider Group" dropdown (the first sync can take up to an hour).',
      'For each row below: select the Identity Provider Group, select the ThreatLocker User Role, click "+".',
      'Click Save at the bottom of the page.',
    ],
    values: [],
    checklist: [
      ...profile.mappings.map((m) => ({ id: rowId(m.oktaGroupId), label: `Identity Provider Group "${m.oktaGroupName}" -> User Role "${m.roleName}"` })),
      ...(profile.mappings.length ? [{ id: SAVED, label: 'Clicked Save on the Group Mapping tab' }] : []),
    ],
  }),
  async run(ctx, input) {
    if (input.mappings) {
      const pushed = new Set(savedGroups(ctx.data('push-groups')).map((g) => g.id));
      const stray = input.mappings.filter((m) => !pushed.has(m.oktaGroupId));
      if (stray.length) {
        throw new AppError('VALIDATION', `"${stray[0]!.oktaGroupName}" is not one of the groups pushed in step 8.`, {
          hint: 'Map only pushed groups: add the group in step 8 first.',
        });
      }
      const mappings = input.mappings;
      const before = ctx.profile.mappings;
      await ctx.update((p) => ({ ...p, mappings, mappingHistory: recordMappingChange(p.mappingHistory ?? [], p.mappings, mappings) }));
      // A row whose role changed is a new row to enter in ThreatLocker: its old tick does not carry over.
      await untick(ctx, mappings.filter((m) => before.some((b) => b.oktaGroupId === m.oktaGroupId && b.roleId !== m.roleId)));
    }
    return verify(ctx);
  },
  verify,
  async play(ctx, admin) {
    // The dropdown only offers groups ThreatLocker has received: let the pushes finish first.
    await admin.okta.controls.whenIdle();
    admin.threatlocker.controls.setGroupMappings(ctx.profile.mappings.map((m) => ({ groupDisplayName: m.oktaGroupName, roleId: m.roleId })));
    const all: Record<string, boolean> = { [SAVED]: true };
    for (const m of ctx.profile.mappings) all[rowId(m.oktaGroupId)] = true;
    await ctx.confirm(all, 'sandbox');
  },
};
