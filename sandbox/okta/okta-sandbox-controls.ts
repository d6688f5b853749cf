import type { OktaDirectory } from './okta-directory';
import { validationFailed } from './okta-errors';
import type { ScimConnectionSettings, ToAppFeatures } from './okta-store';
import type { ProvisioningEngine } from './provisioning-engine';
import { ScimClient, ScimTransportError } from './scim-client';

/**
 * The steps Okta only offers in its Admin Console for a custom SAML app (General -> Provisioning:
 * SCIM, Provisioning -> SCIM Connection, Test Connector Configuration, To App checkboxes, Tasks ->
 * Retry). The demo plays them; tests call them directly.
 */

export interface ScimConnectionInput {
  /** SCIM connector base URL. */
  baseUrl: string;
  /** Authentication Mode "HTTP Header" -> Authorization. A bare token is sent as "Bearer <token>". */
  headerToken: string;
  /** Unique identifier field for users; the ThreatLocker article says "email". */
  uniqueIdentifier?: string;
  /** Supported provisioning actions; the article selects all of them (the default here). */
  actions?: Partial<ScimConnectionSettings['actions']>;
}

export interface ScimConnectionTestResult {
  ok: boolean;
  /** HTTP status of the test request, null when the server could not be reached. */
  status: number | null;
  message: string;
}

export interface OktaSandboxControls {
  enableScimProvisioning(appId: string): void;
  /**
   * General -> SAML Settings -> Edit in the Admin Console: changes signOn fields in place. Unlike a
   * full PUT through the API, this keeps provisioning as it is.
   */
  editSamlSettings(appId: string, signOn: Record<string, unknown>): void;
  setScimConnection(appId: string, connection: ScimConnectionInput): void;
  /** "Test Connector Configuration": uses `connection` (the unsaved form) or the saved one. */
  testScimConnection(appId: string, connection?: ScimConnectionInput): Promise<ScimConnectionTestResult>;
  setToAppFeatures(appId: string, features: Partial<ToAppFeatures>): void;
  getScimConnection(appId: string): ScimConnectionSettings | null;
  /** Dashboard -> Tasks -> Retry: re-runs failed pushes of the app; returns how many were queued. */
  retryFailedProvisioning(appId: string): number;
  /** Resolves when the provisioning queue is empty. */
  whenIdle(): Promise<void>;
}

function toSettings(input: ScimConnectionInput): ScimConnectionSettings {
  if (!/^https?:\/\//i.test(input.baseUrl)) throw validationFailed('baseUrl', 'SCIM connector base URL must be an absolute http(s) URL.');
  if (!input.headerToken || input.headerToken.trim() === '') throw validationFailed('authorization', 'Authorization header value is required.');
  return {
    baseUrl: input.baseUrl,
    headerToken: input.headerToken,
    uniqueIdentifier: input.uniqueIdentifier ?? 'email',
    actions: {
      importNewUsers: true,
      importProfileUpdates: true,
      pushNewUsers: true,
      pushProfileUpdates: true,
      pushGroups: true,
      ...input.actions,
    },
  };
}

export function createSandboxControls(directory: OktaDirectory, engine: ProvisioningEngine): OktaSandboxControls {
  return {
    enableScimProvisioning: (appId) => directory.enableScim(directory.app(appId)),
    editSamlSettings(appId, signOn) {
      const app = directory.app(appId);
      const settings = (app.body.settings ??= {}) as Record<string, unknown>;
      settings.signOn = { ...(settings.signOn as Record<string, unknown> | undefined), ...signOn };
      app.lastUpdated = new Date().toISOString();
    },
    setScimConnection: (appId, connection) => directory.setConnection(directory.app(appId), toSettings(connection)),
    async testScimConnection(appId, connection) {
      const app = directory.app(appId);
      const settings = connection ? toSettings(connection) : app.provisioning.connection;
      if (!settings) return { ok: false, status: null, message: 'No SCIM connection is configured for this app.' };
      try {
        const res = await new ScimClient(settings).request('GET', '/Users?startIndex=1&count=1');
        const body = res.body as { schemas?: unknown; Resources?: unknown } | undefined;
        const isList = Array.isArray(body?.schemas) && (body.schemas as unknown[]).includes('urn:ietf:params:scim:api:messages:2.0:ListResponse');
        if (res.status === 200 && isList) return { ok: true, status: 200, message: 'Connector configured successfully' };
        if (res.status === 401 || res.status === 403) {
          return { ok: false, status: res.status, message: `Failed to test connector configuration: authentication failed (HTTP ${res.status}). Check the Authorization value.` };
        }
        if (res.status === 200) return { ok: false, status: 200, message: 'Failed to test connector configuration: the response to GET /Users is not a SCIM ListResponse.' };
        return { ok: false, status: res.status, message: `Failed to test connector configuration: GET /Users returned HTTP ${res.status}.` };
      } catch (err) {
        if (err instanceof ScimTransportError) {
          return { ok: false, status: null, message: `Failed to test connector configuration: could not connect to ${settings.baseUrl} (${err.message}).` };
        }
        throw err;
      }
    },
    setToAppFeatures: (appId, features) => directory.setToApp(directory.app(appId), features),
    getScimConnection(appId) {
      const c = directory.app(appId).provisioning.connection;
      return c ? { ...c, actions: { ...c.actions } } : null;
    },
    retryFailedProvisioning: (appId) => directory.retryFailed(directory.app(appId)),
    whenIdle: () => engine.whenIdle(),
  };
}
