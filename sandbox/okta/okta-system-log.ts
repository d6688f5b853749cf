import type { AppRecord, OktaStore, UserRecord, GroupRecord } from './okta-store';
import { nowIso } from './okta-store';

/**
 * Writes System Log events shaped like Okta's LogEvent. Event type names follow Okta's Event
 * Types catalog (application.provision.user.push, application.user_membership.add, ...), which
 * the OpenAPI spec only links to.
 */

export interface LogTargetInput {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
  detailEntry?: Record<string, unknown>;
}

export interface LogInput {
  eventType: string;
  displayMessage: string;
  result: 'SUCCESS' | 'FAILURE' | 'SKIPPED';
  reason?: string;
  severity?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Defaults to the org's admin (API-triggered events); provisioning uses the Okta system principal. */
  actor?: 'admin' | 'system';
  targets: LogTargetInput[];
  debugData?: Record<string, unknown>;
}

export function writeLog(store: OktaStore, input: LogInput): void {
  const published = nowIso();
  const admin = store.usersById.get(store.adminUserId);
  const actor =
    input.actor === 'system' || !admin
      ? { id: store.systemPrincipalId, type: 'PublicClientApp', alternateId: 'Okta Provisioning', displayName: 'Okta Provisioning' }
      : { id: admin.id, type: 'User', alternateId: admin.profile.login, displayName: `${admin.profile.firstName} ${admin.profile.lastName}` };
  const outcome: Record<string, string> = { result: input.result };
  // LogOutcome.reason is limited to 1..255 chars by the schema.
  if (input.reason) outcome.reason = input.reason.slice(0, 255);
  store.logs.push({
    seq: store.nextSeq(),
    published,
    event: {
      uuid: store.ids.uuid(),
      published,
      eventType: input.eventType,
      version: '0',
      severity: input.severity ?? (input.result === 'FAILURE' ? 'ERROR' : 'INFO'),
      legacyEventType: legacyName(input.eventType, input.result),
      displayMessage: input.displayMessage,
      actor,
      client: { zone: 'null', device: 'Unknown', ipAddress: '127.0.0.1', userAgent: { rawUserAgent: 'Okta sandbox', os: 'Unknown', browser: 'UNKNOWN' } },
      outcome,
      target: input.targets,
      transaction: { type: input.actor === 'system' ? 'JOB' : 'WEB', id: store.ids.token(27, 'base62'), detail: {} },
      debugContext: { debugData: input.debugData ?? {} },
      authenticationContext: { authenticationStep: 0, externalSessionId: 'unknown' },
      securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
      request: { ipChain: [] },
    },
  });
}

function legacyName(eventType: string, result: string): string {
  if (eventType === 'application.provision.user.push') return result === 'SUCCESS' ? 'app.user_management.push_new_user_success' : 'app.user_management.push_new_user_failure';
  return eventType;
}

export const userTarget = (u: UserRecord): LogTargetInput => ({
  id: u.id,
  type: 'User',
  alternateId: u.profile.login,
  displayName: `${u.profile.firstName ?? ''} ${u.profile.lastName ?? ''}`.trim(),
});

export const appTarget = (a: AppRecord): LogTargetInput => ({ id: a.id, type: 'AppInstance', alternateId: a.label, displayName: a.label });

export const groupTarget = (g: GroupRecord): LogTargetInput => ({ id: g.id, type: 'UserGroup', alternateId: g.name, displayName: g.name });

export const appUserTarget = (a: AppRecord, u: UserRecord, userName: string): LogTargetInput => ({
  id: u.id,
  type: 'AppUser',
  alternateId: userName,
  displayName: `${u.profile.firstName ?? ''} ${u.profile.lastName ?? ''}`.trim(),
  detailEntry: { appId: a.id },
});
