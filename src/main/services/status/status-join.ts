import { attentionClasses, statusClasses, type GroupVerdict, type StatusClass, type StatusCounts, type StatusRow } from '../../../shared/provisioning-status';
import type { AppUserLite, LogLite, ScimUserLite, StatusSources } from './status-sources';

/**
 * The one join behind the Status screen and `npm run status`: every person Okta assigns to the
 * app and every administrator ThreatLocker's SCIM endpoint lists, classified once. Pure: the
 * same sources always give the same verdicts, so the CLI and the screen cannot disagree.
 *
 * Okta fields read with care (see okta-api.md): syncState DISABLED only means the app has no
 * profile mastering, never a failure; lastSync is set only by imports and profile pushes.
 */

export interface JoinedPerson {
  row: StatusRow;
  appUser?: AppUserLite;
  tlUser?: ScimUserLite;
  matchedBy?: string;
}

export interface JoinResult {
  people: JoinedPerson[];
  byKey: Map<string, JoinedPerson>;
  logsByUser: Map<string, LogLite[]>;
  groups: GroupVerdict[];
  counts: StatusCounts;
  needsAttention: number;
}

const PENDING_STATES = new Set(['SYNCING', 'SYNCHRONIZING', 'OUT_OF_SYNC']);
const PENDING_STATUSES = new Set(['STAGED', 'PENDING', 'PROVISIONING']);
const INACTIVE_OKTA = new Set(['DEPROVISIONED', 'SUSPENDED', 'DEACTIVATED', 'INACTIVE']);
const PROVISION_EVENT = /^application\.provision\.user\./;

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(statusClasses.map((c) => [c, 0])) as StatusCounts;
}

export function joinStatus(src: StatusSources, now: Date = new Date()): JoinResult {
  const scimUsers = src.scimUsers ?? [];
  const scimById = new Map(scimUsers.map((u) => [u.id, u]));
  const scimByUserName = new Map(scimUsers.map((u) => [u.userName.toLowerCase(), u]));
  const logsByUser = indexLogs(src.logs ?? []);
  const groupsOf = groupNamesByUser(src);
  const fromOktaIds = new Set<string>();
  const fromOktaNames = new Set<string>();
  for (const l of src.logs ?? []) {
    if (!PROVISION_EVENT.test(l.eventType)) continue;
    if (l.externalId) fromOktaIds.add(l.externalId);
    for (const n of l.userNames) fromOktaNames.add(n.toLowerCase());
  }

  const people: JoinedPerson[] = [];
  const claimed = new Set<string>();
  for (const au of src.appUsers ?? []) {
    const person = classifyAssigned(au, src, scimById, scimByUserName, logsByUser.get(au.id) ?? [], groupsOf.get(au.id) ?? [], now);
    if (person.tlUser) claimed.add(person.tlUser.id);
    people.push(person);
  }
  for (const tl of scimUsers) {
    if (claimed.has(tl.id)) continue;
    const fromOkta = fromOktaIds.has(tl.id) || fromOktaNames.has(tl.userName.toLowerCase());
    people.push(classifyUnassigned(tl, fromOkta));
  }

  const counts = emptyCounts();
  let needsAttention = 0;
  for (const p of people) {
    counts[p.row.cls] += 1;
    if (attentionClasses.has(p.row.cls)) needsAttention += 1;
  }
  return { people, byKey: new Map(people.map((p) => [p.row.key, p])), logsByUser, groups: joinGroups(src, scimById, people), counts, needsAttention };
}

function classifyAssigned(
  au: AppUserLite,
  src: StatusSources,
  scimById: Map<string, ScimUserLite>,
  scimByUserName: Map<string, ScimUserLite>,
  logs: LogLite[],
  groups: string[],
  now: Date,
): JoinedPerson {
  const userName = au.userName ?? au.user?.login ?? '';
  let tlUser: ScimUserLite | undefined;
  let matchedBy: string | undefined;
  if (au.externalId && scimById.has(au.externalId)) {
    tlUser = scimById.get(au.externalId);
    matchedBy = 'Okta externalId = ThreatLocker SCIM id';
  } else if (userName && scimByUserName.has(userName.toLowerCase())) {
    tlUser = scimByUserName.get(userName.toLowerCase());
    matchedBy = 'userName';
  }
  const oktaUserStatus = au.user?.status ?? '';
  let oktaStatus = au.status ?? '';
  if (au.syncState) oktaStatus += `${oktaStatus ? ', ' : ''}sync ${au.syncState}`;
  if (oktaUserStatus && oktaUserStatus !== 'ACTIVE') oktaStatus += `${oktaStatus ? ', ' : ''}user ${oktaUserStatus}`;
  const name = displayName(au.user?.firstName, au.user?.lastName, userName);
  const tlStatus = tlUser ? (tlUser.active ? 'active' : 'inactive') : 'absent';
  // Built field by field (no spreads): this runs once per person, 100,000 times on a big org.
  const verdict = (cls: StatusClass, reason: string, source: string, fix: string): JoinedPerson => {
    const person: JoinedPerson = { row: { key: au.id, cls, name, userName, oktaStatus, tlStatus, reason, source, fix, groups }, appUser: au };
    if (tlUser) person.tlUser = tlUser;
    if (matchedBy) person.matchedBy = matchedBy;
    return person;
  };
  let lastFailure: LogLite | undefined;
  let lastSuccess: LogLite | undefined;
  for (const l of logs) {
    if (!PROVISION_EVENT.test(l.eventType)) continue;
    if (l.result === 'FAILURE' && (!lastFailure || l.published > lastFailure.published)) lastFailure = l;
    if (l.result === 'SUCCESS' && (!lastSuccess || l.published > lastSuccess.published)) lastSuccess = l;
  }
  const failureIsCurrent = lastFailure && (!lastSuccess || lastFailure.published >= lastSuccess.published);

  if (au.syncState === 'ERROR') {
    const reason = lastFailure?.reason ?? 'Okta marked the last push for this person as failed but gave no reason in the System Log.';
    return verdict('failed', reason, `Okta app user syncState = ERROR${lastFailure ? `; System Log ${lastFailure.eventType} at ${lastFailure.published}` : ''}`, fixFor(reason));
  }
  if (!tlUser) {
    if (PENDING_STATES.has(au.syncState ?? '') || (PENDING_STATUSES.has(au.status ?? '') && !failureIsCurrent)) {
      const since = au.statusChanged ?? au.lastUpdated;
      return verdict(
        'pending',
        `Okta has not pushed this person yet${since ? ` (waiting ${age(since, now)})` : ''}.`,
        `Okta app user status = ${au.status ?? '?'}, syncState = ${au.syncState ?? '?'}`,
        'Wait for Okta\'s next provisioning run, or use "Provision now".',
      );
    }
    if (src.scimHealth && !src.scimHealth.ok) {
      return verdict('missing', src.scimHealth.detail ?? 'ThreatLocker refused the SCIM reads.', 'ThreatLocker SCIM /Users answer', 'Fix the SCIM connection (token, Enabled toggle), then refresh.');
    }
    if (failureIsCurrent && lastFailure) {
      return verdict('failed', lastFailure.reason ?? 'Okta logged a failed push.', `System Log ${lastFailure.eventType} at ${lastFailure.published}`, fixFor(lastFailure.reason ?? ''));
    }
    if (au.externalId) {
      return verdict(
        'missing',
        `Okta recorded this person as provisioned (SCIM id ${au.externalId}), but ThreatLocker has no such administrator: removed in ThreatLocker by hand?`,
        'Okta app user externalId; ThreatLocker SCIM GET /Users',
        'Use "Provision now" to create them again, or remove them from the app in Okta if they should not be an administrator.',
      );
    }
    if (au.syncState === 'DISABLED' || !au.syncState) {
      return verdict(
        'missing',
        'Okta has not pushed this person and reports no failure: Create Users may be off in Provisioning -> To App, or they were assigned before provisioning was on.',
        `Okta app user status = ${au.status ?? '?'}, no externalId (syncState ${au.syncState ?? 'absent'} is not a failure)`,
        'Check Provisioning -> To App -> Create Users in Okta, then use "Provision now".',
      );
    }
    return verdict('missing', 'ThreatLocker has no administrator with this userName and Okta reports no failure.', 'ThreatLocker SCIM GET /Users', 'Use "Provision now".');
  }

  const oktaInactive = INACTIVE_OKTA.has(oktaUserStatus) || au.status === 'INACTIVE';
  if (oktaInactive && tlUser.active) {
    return verdict('half-deactivated', `Deactivated in Okta (${oktaUserStatus || au.status}) but still active in ThreatLocker: they can still sign in with a password or API.`, `Okta user status = ${oktaUserStatus || au.status}; ThreatLocker active = true`, 'Check Provisioning -> To App -> Deactivate Users in Okta; deactivate them in ThreatLocker now.');
  }
  if (!oktaInactive && !tlUser.active) {
    return verdict('half-deactivated', 'Active and assigned in Okta, but deactivated in ThreatLocker: they cannot sign in.', 'ThreatLocker active = false; Okta app user assigned', 'Reactivate them in ThreatLocker, or unassign them in Okta if that was the intent.');
  }
  if (oktaInactive) return verdict('deactivated', 'Deactivated on both sides.', `Okta user status = ${oktaUserStatus || au.status}; ThreatLocker active = false`, 'Nothing to do.');
  const drift = driftOf(au, tlUser, userName);
  if (drift.length) {
    return verdict('drift', `Differs between Okta and ThreatLocker: ${drift.join('; ')}.`, `Compared Okta profile with ThreatLocker (matched by ${matchedBy})`, 'Check Provisioning -> To App -> Update User Attributes in Okta, then push the profile again.');
  }
  return verdict('matching', 'Provisioned and matching.', `Matched by ${matchedBy}; ThreatLocker active = true`, 'Nothing to do.');
}

function classifyUnassigned(tl: ScimUserLite, fromOkta: boolean): JoinedPerson {
  const base = { key: `tl:${tl.id}`, name: displayName(tl.givenName, tl.familyName, tl.userName), userName: tl.userName, oktaStatus: 'not assigned', tlStatus: tl.active ? 'active' : 'inactive', groups: [] };
  if (!fromOkta) {
    return {
      row: { ...base, cls: 'local', reason: 'A ThreatLocker administrator Okta never provisioned (e.g. the MSP\'s own admins).', source: 'No Okta push of this SCIM id or userName in the System Log', fix: 'Nothing to do, unless they should be managed from Okta.' },
      tlUser: tl,
    };
  }
  if (!tl.active) {
    return { row: { ...base, cls: 'deactivated', reason: 'No longer assigned in Okta and deactivated in ThreatLocker.', source: 'Okta app users (absent); ThreatLocker active = false', fix: 'Nothing to do.' }, tlUser: tl };
  }
  return {
    row: { ...base, cls: 'orphan', reason: 'No longer assigned to the app in Okta, but still active in ThreatLocker: they still have access.', source: 'Okta app users (absent); System Log shows Okta pushed them; ThreatLocker active = true', fix: 'Check Provisioning -> To App -> Deactivate Users in Okta, then deactivate them in ThreatLocker.' },
    tlUser: tl,
  };
}

function joinGroups(src: StatusSources, scimById: Map<string, ScimUserLite>, people: JoinedPerson[]): GroupVerdict[] {
  const tlIdOfOktaUser = new Map<string, string>();
  const nameOfTlId = new Map<string, string>();
  for (const p of people) {
    if (p.tlUser) nameOfTlId.set(p.tlUser.id, p.row.userName);
    if (p.appUser && p.tlUser && p.tlUser.active) tlIdOfOktaUser.set(p.appUser.id, p.tlUser.id);
  }
  const scimGroups = new Map((src.scimGroups ?? []).map((g) => [g.id, g]));
  const scimGroupsByName = new Map((src.scimGroups ?? []).map((g) => [g.displayName.toLowerCase(), g]));
  return (src.pushMappings ?? []).map((m) => {
    // Okta's targetGroupId names its own APP_GROUP, not always the SCIM id: the pushed name is the link.
    const tlGroup = (m.targetGroupId ? scimGroups.get(m.targetGroupId) : undefined) ?? scimGroupsByName.get(m.sourceName.toLowerCase());
    const tlMembers = tlGroup ? new Set(tlGroup.memberIds) : null;
    const expected = new Set<string>();
    const missingInTl: string[] = [];
    // Members with no active ThreatLocker user cannot be in its group: their own row says why (failed, missing, pending).
    let notUsers = 0;
    for (const uid of m.memberIds) {
      const tlId = tlIdOfOktaUser.get(uid);
      if (!tlId) {
        notUsers += 1;
        continue;
      }
      expected.add(tlId);
      if (tlMembers && !tlMembers.has(tlId)) missingInTl.push(nameOfTlId.get(tlId) ?? tlId);
    }
    const extraInTl = tlGroup ? tlGroup.memberIds.filter((id) => !expected.has(id)).map((id) => nameOfTlId.get(id) ?? scimById.get(id)?.userName ?? id) : [];
    const ok = m.status === 'ACTIVE' && !!tlGroup && missingInTl.length === 0 && extraInTl.length === 0;
    const fix = m.status === 'ERROR'
      ? 'Fix the cause in errorSummary, then retry the push (Okta: Push Groups -> Retry All Groups).'
      : !tlGroup
        ? 'The pushed group is not in ThreatLocker: push it again from Okta (Push Groups -> Push Now).'
        : missingInTl.length || extraInTl.length
          ? 'Memberships differ: push the group again (Push Groups -> Push Now).'
          : m.status === 'INACTIVE'
            ? 'The push is switched off in Okta.'
            : notUsers
              ? `${notUsers === 1 ? '1 member is' : `${notUsers} members are`} not an active ThreatLocker user: filter the people by this group to see why.`
              : 'Nothing to do.';
    return {
      mappingId: m.id,
      name: m.sourceName,
      status: m.status,
      ...(m.lastPush ? { lastPush: m.lastPush } : {}),
      ...(m.errorSummary ? { errorSummary: m.errorSummary } : {}),
      oktaMembers: m.memberIds.length,
      tlMembers: tlGroup ? tlGroup.memberIds.length : null,
      missingInTl,
      extraInTl,
      ok,
      fix,
    };
  });
}

function driftOf(au: AppUserLite, tl: ScimUserLite, userName: string): string[] {
  const out: string[] = [];
  const same = (a: string | undefined, b: string | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
  if (userName && !same(userName, tl.userName)) out.push(`userName "${userName}" in Okta, "${tl.userName}" in ThreatLocker`);
  if (au.user?.firstName !== undefined && tl.givenName !== undefined && !same(au.user.firstName, tl.givenName)) out.push(`first name "${au.user.firstName}" vs "${tl.givenName}"`);
  if (au.user?.lastName !== undefined && tl.familyName !== undefined && !same(au.user.lastName, tl.familyName)) out.push(`last name "${au.user.lastName}" vs "${tl.familyName}"`);
  return out;
}

function fixFor(reason: string): string {
  const r = reason.toLowerCase();
  if (r.includes('primaryphone')) return 'Set primaryPhone on the Okta user ("Fix phone" on the Status screen does it), then retry the push.';
  if (r.includes('authentication') || r.includes('401') || r.includes('token')) return 'Generate a new SCIM token in ThreatLocker, save it in Okta\'s Provisioning -> Integration, then retry.';
  if (r.includes('disabled') || r.includes('403')) return 'Turn on Integrations -> SCIM Integration -> Enabled in ThreatLocker, then retry.';
  if (r.includes('409') || r.includes('conflict') || r.includes('already exists')) return 'An administrator with this userName already exists in ThreatLocker: remove or rename one, then retry.';
  return 'Retry the push in Okta (Provisioning tasks -> Retry) or use "Provision now".';
}

function indexLogs(logs: LogLite[]): Map<string, LogLite[]> {
  const out = new Map<string, LogLite[]>();
  for (const l of logs) {
    for (const id of l.userIds) {
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push(l);
    }
  }
  return out;
}

function groupNamesByUser(src: StatusSources): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of src.pushMappings ?? []) {
    for (const id of m.memberIds) {
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push(m.sourceName);
    }
  }
  return out;
}

function displayName(first: string | undefined, last: string | undefined, fallback: string): string {
  const n = first && last ? `${first} ${last}` : (first ?? last ?? '');
  return n.trim() || fallback;
}

export function age(since: string, now: Date): string {
  const ms = now.getTime() - Date.parse(since);
  if (!Number.isFinite(ms) || ms < 0) return 'just now';
  const min = Math.round(ms / 60_000);
  if (min < 1) return 'under a minute';
  if (min < 120) return `${min} min`;
  const h = Math.round(min / 60);
  return h < 48 ? `${h} h` : `${Math.round(h / 24)} days`;
}
