/**
 * What one refresh read, kept compact (only the fields the join and the detail view use) so a
 * snapshot of 100,000 people stays small in memory and on disk. Saved as-is in snapshots.
 */
export interface AppUserLite {
  /** The Okta user id. */
  id: string;
  externalId?: string;
  /** USER (assigned directly) or GROUP (through a group assignment). */
  scope?: string;
  status?: string;
  syncState?: string;
  lastSync?: string;
  statusChanged?: string;
  lastUpdated?: string;
  userName?: string;
  user?: { status?: string; login?: string; email?: string; firstName?: string; lastName?: string; primaryPhone?: string };
}

export interface PushMappingLite {
  id: string;
  sourceGroupId: string;
  sourceName: string;
  targetGroupId?: string;
  status: string;
  errorSummary?: string;
  lastPush?: string;
  /** Okta user ids of the source group's members. */
  memberIds: string[];
}

export interface LogLite {
  published: string;
  eventType: string;
  result?: string;
  reason?: string;
  message?: string;
  /** Okta user ids and the app user's login among the event's targets. */
  userIds: string[];
  userNames: string[];
  /** The SCIM id Okta recorded for a push (debugData.externalId). */
  externalId?: string;
}

export interface ScimUserLite {
  id: string;
  userName: string;
  givenName?: string;
  familyName?: string;
  active: boolean;
}

export interface ScimGroupLite {
  id: string;
  displayName: string;
  memberIds: string[];
}

/** The console's own actions (Provision now, fixes), from the profile's activity log. */
export interface ConsoleAction {
  at: string;
  oktaUserId: string;
  text: string;
  ok: boolean;
}

export interface StatusSources {
  appId: string;
  appLabel?: string;
  appUsers?: AppUserLite[];
  pushMappings?: PushMappingLite[];
  logs?: LogLite[];
  scimUsers?: ScimUserLite[];
  scimGroups?: ScimGroupLite[];
  /** What the SCIM reads said about the connection (a 401 = token rejected, 403 = integration disabled). */
  scimHealth?: { ok: boolean; detail?: string };
  actions?: ConsoleAction[];
}
