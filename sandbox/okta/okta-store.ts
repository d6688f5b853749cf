import { type IdFactory } from './okta-ids';
import type { Sequenced } from './okta-pagination';
import type { SigningKey } from './saml-metadata';

/**
 * In-memory state of the simulated Okta org. Records are plain objects kept in creation order
 * (each with a `seq`) so the pagination helper can serve stable pages. Rendering to Okta's JSON
 * shapes lives in okta-render.ts; business rules live in okta-directory.ts.
 */

export type UserStatus =
  | 'ACTIVE' | 'DEPROVISIONED' | 'LOCKED_OUT' | 'PASSWORD_EXPIRED' | 'PROVISIONED' | 'RECOVERY' | 'STAGED' | 'SUSPENDED';

export interface UserProfile {
  firstName: string | null;
  lastName: string | null;
  email: string;
  login: string;
  primaryPhone: string | null;
  mobilePhone: string | null;
  [attr: string]: unknown;
}

export interface UserRecord extends Sequenced {
  id: string;
  status: UserStatus;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  profile: UserProfile;
}

export type GroupType = 'OKTA_GROUP' | 'BUILT_IN' | 'APP_GROUP';

export interface GroupRecord extends Sequenced {
  id: string;
  type: GroupType;
  name: string;
  description: string | null;
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  /** Member user seqs, ascending. Ignored for the Everyone group, whose members are all users. */
  members: number[];
  everyone: boolean;
  /** APP_GROUP only: the app that owns it (group push target). */
  sourceAppId?: string;
}

export interface GroupRuleRecord extends Sequenced {
  id: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE' | 'INVALID';
  expression: string;
  groupIds: string[];
  created: string;
  lastUpdated: string;
  /** Users this rule put into its groups (only those leave again when they stop matching). */
  added?: Set<string>;
}

export type AppUserStatus =
  | 'ACTIVE' | 'APPROVED' | 'DEPROVISIONED' | 'IMPLICIT' | 'IMPORTED' | 'INACTIVE' | 'MATCHED' | 'PENDING'
  | 'PROVISIONED' | 'REVOKED' | 'STAGED' | 'SUSPENDED' | 'UNASSIGNED';
export type SyncState = 'DISABLED' | 'ERROR' | 'OUT_OF_SYNC' | 'SYNCHRONIZED' | 'SYNCING';

export interface AppUserRecord extends Sequenced {
  userId: string;
  /** Direct (scope USER) assignment; group-only assignments have scope GROUP. */
  direct: boolean;
  /** Assigned groups this user inherits the app from. */
  viaGroups: Set<string>;
  status: AppUserStatus;
  syncState: SyncState;
  externalId: string | null;
  userName: string;
  created: string;
  lastUpdated: string;
  statusChanged: string;
  lastSync: string | null;
  /** Last provisioning error, for the Admin Console-like view and for logs. */
  lastError: string | null;
  /** Extra app-user profile values given on direct assignment. */
  profileOverrides: Record<string, unknown>;
}

export interface AppGroupAssignmentRecord extends Sequenced {
  groupId: string;
  priority: number;
  profile: Record<string, unknown>;
  lastUpdated: string;
}

export type PushMappingStatus = 'ACTIVE' | 'INACTIVE' | 'ERROR';

export interface PushMappingRecord extends Sequenced {
  id: string;
  sourceGroupId: string;
  /** The APP_GROUP that represents the group in the target app. */
  targetGroupId: string;
  status: PushMappingStatus;
  errorSummary: string | null;
  lastPush: string | null;
  created: string;
  lastUpdated: string;
}

/** What the admin types in Provisioning -> SCIM Connection (Authentication Mode: HTTP Header). */
export interface ScimConnectionSettings {
  baseUrl: string;
  /** The Authorization value; a bare token is sent as "Bearer <token>". */
  headerToken: string;
  uniqueIdentifier: string;
  actions: {
    importNewUsers?: boolean;
    importProfileUpdates?: boolean;
    pushNewUsers?: boolean;
    pushProfileUpdates?: boolean;
    pushGroups?: boolean;
  };
}

export interface ToAppFeatures {
  createUsers: boolean;
  updateUserAttributes: boolean;
  deactivateUsers: boolean;
}

export interface AppProvisioning {
  /** General tab -> Provisioning: SCIM. */
  scimEnabled: boolean;
  connection: ScimConnectionSettings | null;
  toApp: ToAppFeatures;
  /** SCIM ids of users/groups created in the target app, keyed by Okta id. */
  scimGroupIds: Map<string, string>;
}

export interface AppRecord extends Sequenced {
  id: string;
  name: string;
  label: string;
  signOnMode: string;
  status: 'ACTIVE' | 'INACTIVE';
  created: string;
  lastUpdated: string;
  /** Mutable client-supplied parts (visibility, accessibility, credentials, settings, profile). */
  body: Record<string, unknown>;
  kid: string;
  /** IdP entity key: metadata entityID is http://www.okta.com/<exk>. */
  exk: string;
  /** Generated on first use: RSA keygen is the slowest thing the simulator does. */
  signingKey: SigningKey | null;
  provisioning: AppProvisioning;
  groups: Map<string, AppGroupAssignmentRecord>;
  users: Map<string, AppUserRecord>;
  pushMappings: Map<string, PushMappingRecord>;
}

export interface LogEventRecord extends Sequenced {
  published: string;
  event: Record<string, unknown> & { uuid: string; published: string; eventType: string };
}

export class OktaStore {
  seqCounter = 0;
  baseUrl = '';
  readonly users: UserRecord[] = [];
  readonly usersById = new Map<string, UserRecord>();
  readonly usersByLogin = new Map<string, UserRecord>();
  readonly groups: GroupRecord[] = [];
  readonly groupsById = new Map<string, GroupRecord>();
  readonly rules: GroupRuleRecord[] = [];
  readonly apps = new Map<string, AppRecord>();
  readonly logs: LogEventRecord[] = [];
  /** Actor of provisioning-engine log events (Okta logs them as its own system client). */
  readonly systemPrincipalId: string;

  constructor(
    readonly orgName: string,
    readonly ids: IdFactory,
    /** The admin the API tokens belong to; actor of API-triggered log events. */
    public adminUserId = '',
  ) {
    this.systemPrincipalId = ids.next('0oa');
  }

  nextSeq(): number {
    return ++this.seqCounter;
  }

  addUser(user: UserRecord): void {
    this.users.push(user);
    this.usersById.set(user.id, user);
    this.usersByLogin.set(user.profile.login.toLowerCase(), user);
  }

  /** Okta accepts an id, a login, or an unambiguous login shortname (the part before @). */
  findUser(idOrLogin: string): UserRecord | undefined {
    const byId = this.usersById.get(idOrLogin);
    if (byId) return byId;
    const lower = idOrLogin.toLowerCase();
    const byLogin = this.usersByLogin.get(lower);
    if (byLogin) return byLogin;
    if (!lower.includes('@')) {
      const candidates = [...this.usersByLogin.keys()].filter((l) => l.startsWith(lower + '@'));
      if (candidates.length === 1) return this.usersByLogin.get(candidates[0]!);
    }
    return undefined;
  }

  /** user.seq is its index in `users`; this resolves a member seq. */
  userBySeq(seq: number): UserRecord | undefined {
    const guess = this.users[seq - 1];
    if (guess && guess.seq === seq) return guess;
    return this.users.find((u) => u.seq === seq);
  }

  addGroup(group: GroupRecord): void {
    this.groups.push(group);
    this.groupsById.set(group.id, group);
  }

  removeGroup(groupId: string): void {
    const i = this.groups.findIndex((g) => g.id === groupId);
    if (i >= 0) this.groups.splice(i, 1);
    this.groupsById.delete(groupId);
  }

  memberCount(group: GroupRecord): number {
    return group.everyone ? this.users.length : group.members.length;
  }

  isMember(group: GroupRecord, user: UserRecord): boolean {
    if (group.everyone) return true;
    return binarySearch(group.members, user.seq) >= 0;
  }

  /** Members in seq order (as user records). */
  membersOf(group: GroupRecord): UserRecord[] {
    if (group.everyone) return this.users;
    const out: UserRecord[] = [];
    for (const seq of group.members) {
      const u = this.userBySeq(seq);
      if (u) out.push(u);
    }
    return out;
  }

  addMember(group: GroupRecord, user: UserRecord): boolean {
    if (group.everyone) return false;
    const i = binarySearch(group.members, user.seq);
    if (i >= 0) return false;
    group.members.splice(-i - 1, 0, user.seq);
    return true;
  }

  removeMember(group: GroupRecord, user: UserRecord): boolean {
    if (group.everyone) return false;
    const i = binarySearch(group.members, user.seq);
    if (i < 0) return false;
    group.members.splice(i, 1);
    return true;
  }

  groupsOfUser(user: UserRecord): GroupRecord[] {
    return this.groups.filter((g) => this.isMember(g, user));
  }
}

/** Index of value, or -(insertionPoint + 1). */
export function binarySearch(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -(lo + 1);
}

export const nowIso = (): string => new Date().toISOString();
