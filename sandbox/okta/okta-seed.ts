import { Rng } from './okta-ids';
import {
  CITIES, DEPARTMENTS, FIRST_NAMES, FIXED_GROUPS, GROUP_TOPICS, GROUP_WORDS, LAST_NAMES, REGIONS, TITLES,
} from './okta-seed-names';
import type { GroupRecord, OktaStore, UserRecord, UserStatus } from './okta-store';

/**
 * Deterministic seed data for the simulated org. Everything derives from `seed`, except the
 * System Log timestamps, which are relative to start-up so the default `since` window (7 days)
 * shows them.
 *
 * Shape of the org (what demos and tests can count on):
 * - user 1 is the org's super admin (owner of the API tokens, actor of API log events);
 * - ~10% of users have no primaryPhone, a few are SUSPENDED / DEPROVISIONED / STAGED;
 * - "Everyone" (BUILT_IN) first, then the fixed groups of okta-seed-names.ts in order, then
 *   generated ones; fixed groups only contain ACTIVE users;
 * - "ThreatLocker Admins" has 6 members (when the org is big enough), exactly one of whom has no
 *   primaryPhone, so the primaryPhone failure the ThreatLocker article warns about shows up.
 */

export interface SeedOptions {
  seed: number;
  users: number;
  groups: number;
}

const BASE_TIME = Date.UTC(2023, 0, 9, 16, 0, 0);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

type Department = (typeof DEPARTMENTS)[number];

export function seedOrg(store: OktaStore, opts: SeedOptions): void {
  const rng = new Rng(opts.seed ^ 0x5eed);
  const byDept = new Map<Department, UserRecord[]>();
  seedUsers(store, rng, opts.users, byDept);
  seedGroups(store, rng, opts.groups, byDept);
  seedRules(store);
  seedLogs(store, rng);
}

function seedUsers(store: OktaStore, rng: Rng, count: number, byDept: Map<Department, UserRecord[]>): void {
  const usedLogins = new Map<string, number>();
  const span = 2 * 365 * DAY;
  for (let i = 0; i < count; i++) {
    const admin = i === 0;
    const firstName = admin ? 'Morgan' : rng.pick(FIRST_NAMES);
    const lastName = admin ? 'Okta-Admin' : rng.pick(LAST_NAMES);
    const base = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.-]/g, '');
    // Duplicate names get a running number: james.smith, james.smith2, james.smith3 ...
    const seen = usedLogins.get(base) ?? 0;
    usedLogins.set(base, seen + 1);
    const local = seen === 0 ? base : `${base}${seen + 1}`;
    const email = `${local}@example.com`;
    const dept: Department = admin ? 'IT' : rng.pick(DEPARTMENTS);
    const city = rng.pick(CITIES);
    const hasPhone = admin || !rng.chance(0.1);
    const roll = rng.float();
    const status: UserStatus = admin
      ? 'ACTIVE'
      : roll < 0.015 ? 'DEPROVISIONED' : roll < 0.03 ? 'SUSPENDED' : roll < 0.04 ? 'STAGED' : 'ACTIVE';
    const createdMs = BASE_TIME + Math.floor((span * i) / Math.max(1, count)) + rng.int(0, 3600_000);
    // Two date conversions per user (not six): they dominate start-up time at 100k users.
    const created = iso(createdMs);
    const lastUpdated = iso(createdMs + rng.int(1, 300) * DAY);
    const phone = `+1 ${rng.int(201, 989)}-555-${String(rng.int(100, 9999)).padStart(4, '0')}`;
    const user: UserRecord = {
      seq: store.nextSeq(),
      id: store.ids.next('00u'),
      status,
      created,
      activated: status === 'STAGED' ? null : created,
      statusChanged: status === 'STAGED' ? null : status === 'ACTIVE' ? created : lastUpdated,
      lastLogin: status === 'ACTIVE' ? lastUpdated : null,
      lastUpdated,
      passwordChanged: status === 'STAGED' ? null : created,
      profile: {
        firstName,
        lastName,
        email,
        login: email,
        primaryPhone: hasPhone ? phone : null,
        mobilePhone: rng.chance(0.5) ? `+1 ${rng.int(201, 989)}-555-${String(rng.int(100, 9999)).padStart(4, '0')}` : null,
        secondEmail: null,
        department: dept,
        title: admin ? 'Identity Administrator' : rng.pick(TITLES[dept]),
        city: city[0],
        state: city[1],
        countryCode: 'US',
        employeeNumber: String(10000 + i),
        userType: rng.chance(0.05) ? 'Contractor' : 'Employee',
      },
    };
    store.addUser(user);
    if (status === 'ACTIVE' && !admin) {
      let list = byDept.get(dept);
      if (!list) byDept.set(dept, (list = []));
      list.push(user);
    }
  }
  store.adminUserId = store.users[0]?.id ?? '';
}

function newGroup(store: OktaStore, name: string, description: string | null, createdMs: number, type: GroupRecord['type'] = 'OKTA_GROUP'): GroupRecord {
  const group: GroupRecord = {
    seq: store.nextSeq(),
    id: store.ids.next('00g'),
    type,
    name,
    description,
    created: iso(createdMs),
    lastUpdated: iso(createdMs + DAY),
    lastMembershipUpdated: iso(createdMs + 2 * DAY),
    members: [],
    everyone: type === 'BUILT_IN',
  };
  store.addGroup(group);
  return group;
}

/** Picks up to n distinct users from a pool, deterministically. */
function sample(rng: Rng, pool: readonly UserRecord[], n: number): UserRecord[] {
  if (pool.length <= n) return [...pool];
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(rng.int(0, pool.length - 1));
  return [...chosen].map((i) => pool[i]!);
}

function setMembers(group: GroupRecord, users: readonly UserRecord[]): void {
  group.members = [...new Set(users.map((u) => u.seq))].sort((a, b) => a - b);
}

function seedGroups(store: OktaStore, rng: Rng, count: number, byDept: Map<Department, UserRecord[]>): void {
  if (count <= 0) return;
  newGroup(store, 'Everyone', 'All users in your organization', BASE_TIME - 30 * DAY, 'BUILT_IN');
  const active = [...byDept.values()].flat().sort((a, b) => a.seq - b.seq);
  const withPhone = active.filter((u) => u.profile.primaryPhone !== null);
  const withoutPhone = active.filter((u) => u.profile.primaryPhone === null);

  const fixed = FIXED_GROUPS.slice(0, Math.max(0, count - 1));
  for (const [i, spec] of fixed.entries()) {
    const group = newGroup(store, spec.name, spec.description, BASE_TIME - (20 - i) * DAY);
    let members: UserRecord[];
    if (spec.name === 'ThreatLocker Admins') {
      // Five with a phone plus exactly one without: the provisioning failure is part of the story.
      members = [...sample(rng, withPhone, 5), ...sample(rng, withoutPhone, 1)];
      for (const u of members) u.profile.title = 'Security Lead';
    } else if (spec.name === 'ThreatLocker Read Only') {
      members = sample(rng, withPhone, 10);
    } else if (spec.name === 'Contractors') {
      members = active.filter((u) => u.profile.userType === 'Contractor').slice(0, 40);
    } else if (spec.name === 'Executives') {
      members = sample(rng, withPhone, 8);
    } else {
      members = sample(rng, byDept.get(spec.department!) ?? [], 25);
    }
    setMembers(group, members);
  }

  const all = store.users;
  for (let i = fixed.length + 1; i < count; i++) {
    const name = generatedGroupName(rng, i);
    const group = newGroup(store, name, `${name} members`, BASE_TIME + rng.int(0, 600) * DAY);
    setMembers(group, sample(rng, all, rng.int(0, Math.min(30, all.length))));
  }
}

function generatedGroupName(rng: Rng, i: number): string {
  const kind = i % 3;
  if (kind === 0) return `${rng.pick(GROUP_WORDS)} ${rng.pick(GROUP_TOPICS)} ${i}`;
  if (kind === 1) return `${rng.pick(DEPARTMENTS)} ${rng.pick(REGIONS)} ${i}`;
  return `${rng.pick(GROUP_TOPICS)} ${rng.pick(REGIONS)} ${i}`;
}

/** Group membership rules aimed at the ThreatLocker groups (only those that exist get rules). */
function seedRules(store: OktaStore): void {
  const id = (name: string) => store.groups.find((g) => g.name === name)?.id;
  const specs: { name: string; expression: string; groups: string[]; status: 'ACTIVE' | 'INACTIVE' }[] = [
    { name: 'Security leads to ThreatLocker Admins', expression: 'user.title=="Security Lead"', groups: ['ThreatLocker Admins'], status: 'ACTIVE' },
    { name: 'Helpdesk to ThreatLocker Read Only', expression: 'user.department=="IT" AND user.title=="Helpdesk Technician"', groups: ['ThreatLocker Read Only', 'IT Helpdesk'], status: 'ACTIVE' },
    { name: 'Security department to SecOps', expression: 'user.department=="Security"', groups: ['Security Operations', 'ThreatLocker Read Only'], status: 'ACTIVE' },
    { name: 'Contractors (paused)', expression: 'user.userType=="Contractor"', groups: ['Contractors'], status: 'INACTIVE' },
    { name: 'Finance department', expression: 'user.department=="Finance"', groups: ['Finance'], status: 'ACTIVE' },
  ];
  for (const [i, spec] of specs.entries()) {
    const groupIds = spec.groups.map(id).filter((g): g is string => g !== undefined);
    if (groupIds.length === 0) continue;
    store.rules.push({
      seq: store.nextSeq(),
      id: store.ids.next('0pr'),
      name: spec.name,
      status: spec.status,
      expression: spec.expression,
      groupIds,
      created: iso(BASE_TIME + i * DAY),
      lastUpdated: iso(BASE_TIME + (i + 3) * DAY),
    });
  }
}

/** A week of ordinary sign-in noise, so the System Log is not empty before the demo runs. */
function seedLogs(store: OktaStore, rng: Rng): void {
  const active = store.users.filter((u) => u.status === 'ACTIVE');
  if (active.length === 0) return;
  const now = Date.now();
  const times: number[] = [];
  for (let i = 0; i < 60; i++) times.push(now - rng.int(3600, 6 * 24 * 3600) * 1000);
  times.sort((a, b) => a - b);
  for (const t of times) {
    const user = rng.pick(active);
    const failed = rng.chance(0.1);
    const kind = rng.float();
    const eventType = kind < 0.7 ? 'user.session.start' : kind < 0.85 ? 'user.session.end' : 'user.account.update_profile';
    const display =
      eventType === 'user.session.start' ? 'User login to Okta' : eventType === 'user.session.end' ? 'User logout from Okta' : 'Update user profile for Okta';
    const published = iso(t);
    store.logs.push({
      seq: store.nextSeq(),
      published,
      event: {
        uuid: store.ids.uuid(),
        published,
        eventType,
        version: '0',
        severity: failed ? 'WARN' : 'INFO',
        displayMessage: display,
        legacyEventType: eventType === 'user.session.start' ? (failed ? 'core.user_auth.login_failed' : 'core.user_auth.login_success') : eventType,
        actor: { id: user.id, type: 'User', alternateId: user.profile.login, displayName: `${user.profile.firstName} ${user.profile.lastName}` },
        client: { userAgent: { rawUserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', os: 'Windows 10', browser: 'CHROME' }, zone: 'null', device: 'Computer', ipAddress: `198.51.100.${rng.int(1, 254)}`, geographicalContext: { city: user.profile.city as string, state: user.profile.state as string, country: 'United States', geolocation: { lat: 37.77, lon: -122.42 } } },
        outcome: failed ? { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' } : { result: 'SUCCESS' },
        target: [],
        transaction: { type: 'WEB', id: store.ids.token(27, 'base62'), detail: {} },
        debugContext: { debugData: {} },
        authenticationContext: { authenticationStep: 0, externalSessionId: store.ids.token(25, 'base62') },
        securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
        request: { ipChain: [] },
      },
    });
  }
}
