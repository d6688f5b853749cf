/**
 * One simulator's SCIM data: the administrators and groups an IdP provisioned. Plain data and
 * ThreatLocker's rules (what is kept, what must be unique); no HTTP and no SCIMMY here, so the
 * rules are easy to read and every simulator instance owns a separate store.
 */

export interface StoredUser {
  id: string;
  /** An e-mail address; unique among portal users, compared case-insensitively. */
  userName: string;
  givenName?: string;
  familyName?: string;
  /** Kept so that Okta's "Deactivate Users" has an effect (a deactivated admin cannot log in). */
  active: boolean;
  created: string;
  lastModified: string;
}

export interface StoredGroup {
  id: string;
  displayName: string;
  /** Member user ids, without duplicates, in the order they were added. */
  memberIds: string[];
  created: string;
  lastModified: string;
}

/** Input as it arrives from SCIM; everything but the kept attributes is ignored on purpose. */
export interface UserInput {
  userName?: unknown;
  name?: { givenName?: unknown; familyName?: unknown } | undefined;
  active?: unknown;
}

export interface GroupInput {
  displayName?: unknown;
  members?: ReadonlyArray<{ value?: unknown }> | undefined;
}

/** A SCIM-level failure the HTTP layer turns into a SCIM Error response. */
export class ScimFault extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly scimType: 'uniqueness' | 'invalidValue' | 'invalidSyntax' | undefined,
    readonly detail: string,
  ) {
    super(detail);
  }
}

// Deliberately simple: ThreatLocker only says "must be an e-mail"; this rejects the obvious
// non-addresses (Okta logins without a domain) without pretending to implement RFC 5322.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function optionalString(value: unknown, attribute: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ScimFault(400, 'invalidValue', `${attribute} must be a string`);
  return value;
}

export class ScimStore {
  private readonly users = new Map<string, StoredUser>();
  /** Lower-cased userName -> id, so uniqueness checks stay O(1) with thousands of admins. */
  private readonly userNames = new Map<string, string>();
  private readonly groups = new Map<string, StoredGroup>();

  constructor(
    private readonly newId: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  clear(): void {
    this.users.clear();
    this.userNames.clear();
    this.groups.clear();
  }

  // ---- users ----

  listUsers(): StoredUser[] {
    return [...this.users.values()];
  }

  getUser(id: string): StoredUser {
    const user = this.users.get(id);
    if (!user) throw new ScimFault(404, undefined, `User ${id} not found`);
    return user;
  }

  findUser(id: string): StoredUser | undefined {
    return this.users.get(id);
  }

  createUser(input: UserInput): StoredUser {
    const kept = this.keptUserAttributes(input, undefined);
    const stamp = this.now().toISOString();
    const user: StoredUser = { id: this.newId(), ...kept, active: kept.active ?? true, created: stamp, lastModified: stamp };
    this.users.set(user.id, user);
    this.userNames.set(user.userName.toLowerCase(), user.id);
    return user;
  }

  /** PUT semantics for the kept attributes; an omitted `active` keeps its value. */
  replaceUser(id: string, input: UserInput): StoredUser {
    const existing = this.getUser(id);
    const kept = this.keptUserAttributes(input, id);
    const user: StoredUser = {
      id,
      userName: kept.userName,
      ...(kept.givenName !== undefined ? { givenName: kept.givenName } : {}),
      ...(kept.familyName !== undefined ? { familyName: kept.familyName } : {}),
      active: kept.active ?? existing.active,
      created: existing.created,
      lastModified: this.now().toISOString(),
    };
    this.userNames.delete(existing.userName.toLowerCase());
    this.userNames.set(user.userName.toLowerCase(), id);
    this.users.set(id, user);
    return user;
  }

  deleteUser(id: string): void {
    const user = this.getUser(id);
    this.users.delete(id);
    this.userNames.delete(user.userName.toLowerCase());
    // A deleted admin must not linger as a dangling group member.
    for (const group of this.groups.values()) {
      if (group.memberIds.includes(id)) {
        group.memberIds = group.memberIds.filter((m) => m !== id);
        group.lastModified = this.now().toISOString();
      }
    }
  }

  private keptUserAttributes(
    input: UserInput,
    selfId: string | undefined,
  ): { userName: string; givenName?: string; familyName?: string; active?: boolean } {
    const userName = input.userName;
    if (typeof userName !== 'string' || userName.trim() === '') {
      throw new ScimFault(400, 'invalidValue', 'userName is required');
    }
    if (!emailPattern.test(userName)) {
      throw new ScimFault(400, 'invalidValue', `userName must be an e-mail address (ThreatLocker administrators sign in with their e-mail); got "${userName}"`);
    }
    const holder = this.userNames.get(userName.toLowerCase());
    if (holder !== undefined && holder !== selfId) {
      throw new ScimFault(409, 'uniqueness', `A portal user with userName "${this.users.get(holder)?.userName ?? userName}" already exists`);
    }
    const givenName = optionalString(input.name?.givenName, 'name.givenName');
    const familyName = optionalString(input.name?.familyName, 'name.familyName');
    let active: boolean | undefined;
    if (input.active !== undefined && input.active !== null) {
      // Some IdPs send "true"/"false" strings; accept them rather than fail a sync.
      if (typeof input.active === 'boolean') active = input.active;
      else if (input.active === 'true' || input.active === 'false') active = input.active === 'true';
      else throw new ScimFault(400, 'invalidValue', 'active must be a boolean');
    }
    return {
      userName,
      ...(givenName !== undefined ? { givenName } : {}),
      ...(familyName !== undefined ? { familyName } : {}),
      ...(active !== undefined ? { active } : {}),
    };
  }

  // ---- groups ----

  listGroups(): StoredGroup[] {
    return [...this.groups.values()];
  }

  getGroup(id: string): StoredGroup {
    const group = this.groups.get(id);
    if (!group) throw new ScimFault(404, undefined, `Group ${id} not found`);
    return group;
  }

  createGroup(input: GroupInput): StoredGroup {
    const displayName = this.checkedDisplayName(input.displayName, undefined);
    const stamp = this.now().toISOString();
    const group: StoredGroup = {
      id: this.newId(),
      displayName,
      memberIds: this.checkedMembers(input.members),
      created: stamp,
      lastModified: stamp,
    };
    this.groups.set(group.id, group);
    return group;
  }

  /** Full replacement; SCIMMY turns PATCH into a read-modify-write that also ends here. */
  replaceGroup(id: string, input: GroupInput): StoredGroup {
    const existing = this.getGroup(id);
    const group: StoredGroup = {
      id,
      displayName: this.checkedDisplayName(input.displayName, id),
      memberIds: this.checkedMembers(input.members),
      created: existing.created,
      lastModified: this.now().toISOString(),
    };
    this.groups.set(id, group);
    return group;
  }

  deleteGroup(id: string): void {
    this.getGroup(id);
    this.groups.delete(id);
  }

  private checkedDisplayName(value: unknown, selfId: string | undefined): string {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ScimFault(400, 'invalidValue', 'displayName is required');
    }
    // The Group Mapping tab lists groups by name only; two groups with one name could not be told
    // apart there, so names are unique (case-insensitively) like userName.
    const lower = value.toLowerCase();
    for (const other of this.groups.values()) {
      if (other.id !== selfId && other.displayName.toLowerCase() === lower) {
        throw new ScimFault(409, 'uniqueness', `A group named "${other.displayName}" already exists`);
      }
    }
    return value;
  }

  /** De-duplicates (SCIMMY's PATCH add appends blindly) and refuses ids that are not users. */
  private checkedMembers(members: GroupInput['members']): string[] {
    const ids: string[] = [];
    for (const member of members ?? []) {
      const value = member?.value;
      if (typeof value !== 'string' || value === '') {
        throw new ScimFault(400, 'invalidValue', 'Every group member needs a "value" holding a user id');
      }
      if (!this.users.has(value)) {
        throw new ScimFault(400, 'invalidValue', `Group member ${value} is not a provisioned user`);
      }
      if (!ids.includes(value)) ids.push(value);
    }
    return ids;
  }
}
