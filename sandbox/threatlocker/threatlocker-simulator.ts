/**
 * ThreatLocker simulator: one HTTP server on 127.0.0.1 that stands for
 * https://portalapi.<instance>.threatlocker.com, serving
 * - the SCIM 2.0 API Url of the SCIM Integration at /scim/v2 (the real URL format is not
 *   documented; the console takes whatever the sidebar shows), and
 * - the documented portal API endpoints at /portalapi.
 * Portal-UI-only actions are exposed as `controls`. See README.md next to this file.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import express from 'express';
import { applyFaults, noFaults, type FaultSettings } from '../faults';
import { createPortalApiRouter, portalError } from './portal-api';
import { createScimRouter, scimError } from './scim-server';
import { createTlSeed } from './tl-seed';
import type { ScimStore } from './scim-store';
import { ThreatLockerState, type ThreatLockerSandboxControls } from './tl-state';

export type {
  GroupMappingRow,
  ProvisionedGroup,
  ProvisionedUser,
  SamlIntegration,
  ThreatLockerSandboxControls,
} from './tl-state';
export type { TlOrganization, TlUserRole } from './tl-seed';

export interface ThreatLockerSimulatorOptions {
  /** Seeds organizations, roles, tokens and SCIM ids (default 42). */
  seed?: number;
  /** The instance letter(s) this simulator stands for (default 'd'). */
  instance?: string;
  faults?: FaultSettings;
  /**
   * Portal administrators that exist before any IdP provisions one (a real tenant always has
   * the admins who set it up; Okta's connector test needs at least one user). Default none.
   */
  existingAdministrators?: ExistingAdministrator[];
  /**
   * The SCIM integration's Enabled toggle at start (default on). The product's "Try" flow starts
   * it off, as a new tenant is, so the wizard's "turn it on" instruction is exercised.
   */
  scimEnabled?: boolean;
}

export interface ExistingAdministrator {
  userName: string;
  givenName: string;
  familyName: string;
}

export interface ThreatLockerSimulator {
  /** http://127.0.0.1:<port>, standing for https://portalapi.<instance>.threatlocker.com */
  url: string;
  instance: string;
  /** Portal API token of an API user with access to the parent and every child organization. */
  portalToken: string;
  /** `${url}/scim/v2`: the "API Url" shown in the SCIM Integration sidebar. */
  scimUrl: string;
  /** The current SCIM bearer token (changes after controls.generateScimToken()). */
  readonly scimToken: string;
  faults: FaultSettings;
  controls: ThreatLockerSandboxControls;
  /** The SCIM data itself, for benchmarks that seed a large tenant without 100,000 requests. */
  scimStore: ScimStore;
  stop(): Promise<void>;
}

/** Retry-After sent with simulated 429s; short so tests that exercise retries stay fast. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Portal tokens of the simulators running in this process, by instance. A token from a
 * simulator of another instance is answered like the real cross-instance case: 403 TOKEN_REVOKED.
 */
const runningPortalTokens = new Map<string, string>();

export async function startThreatLockerSimulator(opts: ThreatLockerSimulatorOptions = {}): Promise<ThreatLockerSimulator> {
  const numericSeed = opts.seed ?? 42;
  const instance = (opts.instance ?? 'd').toLowerCase();
  const faults = opts.faults ?? noFaults();
  const startFaults = { ...faults };
  const seed = createTlSeed(numericSeed, instance);
  const state = new ThreatLockerState(seed, numericSeed, opts.existingAdministrators ?? []);
  if (opts.scimEnabled === false) state.scimEnabled = false;
  let origin = '';
  let portalTokenRevoked = false;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // Faults first, so every request (SCIM and portal) can be slowed, dropped or refused.
  app.use((req, res, next) => {
    applyFaults(faults, req, res).then((outcome) => {
      if (outcome.kind === 'none') return next();
      if (outcome.kind !== 'rate-limit') return; // answered (or dropped) by applyFaults
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      if (/^\/scim\//i.test(req.path)) {
        scimError(res, 429, 'Too many requests; retry after the Retry-After delay');
      } else {
        portalError(res, 429, 'Too many requests; retry after the Retry-After delay');
      }
    }, next);
  });

  app.use(
    '/scim/v2',
    createScimRouter({
      store: state.store,
      currentToken: () => state.scimToken,
      isEnabled: () => state.scimEnabled,
      origin: () => origin,
    }),
  );

  app.use(
    '/portalapi',
    createPortalApiRouter({
      seed,
      rolesOf: (organizationId) => state.rolesOf(organizationId),
      portalToken: () => seed.portalToken,
      isPortalTokenRevoked: () => portalTokenRevoked,
      isOtherInstanceToken: (token) =>
        token === seed.otherInstanceToken ||
        [...runningPortalTokens.entries()].some(([other, otherInstance]) => other === token && otherInstance !== instance),
    }),
  );

  app.use((req, res) => {
    res.status(404).json({ statusCode: 404, message: `Nothing at ${req.method} ${req.path} in the ThreatLocker simulator (SCIM is under /scim/v2, the portal API under /portalapi)` });
  });
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (res.headersSent) return;
    res.status(500).json({ statusCode: 500, message: error instanceof Error ? error.message : 'Internal error' });
  });

  const server: Server = createServer(app);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  runningPortalTokens.set(seed.portalToken, instance);

  const controls: ThreatLockerSandboxControls = {
    generateScimToken: () => state.generateScimToken(),
    setScimEnabled: (enabled) => {
      state.scimEnabled = enabled;
    },
    isScimEnabled: () => state.scimEnabled,
    setGroupMappings: (rows) => state.setGroupMappings(rows),
    getGroupMappings: () => state.groupMappings.map((r) => ({ ...r })),
    setSsoAllowed: (allowed) => {
      state.ssoAllowed = allowed;
    },
    isSsoAllowed: () => state.ssoAllowed,
    setSamlIntegration: (saml) => state.setSamlIntegration(saml),
    getSamlIntegration: () => (state.saml ? { ...state.saml } : null),
    listUsers: () => state.listUsers(),
    listGroups: () => state.listGroups(),
    listOrganizations: () => [seed.parent, ...seed.children].map((o) => ({ ...o })),
    listRoles: (organizationId) => state.rolesOf(organizationId).map((r) => ({ ...r })),
    deleteRole: (organizationId, userRoleId) => state.deleteRole(organizationId, userRoleId),
    restoreRole: (organizationId, userRoleId) => state.restoreRole(organizationId, userRoleId),
    listDeletedRoles: (organizationId) => state.listDeletedRoles(organizationId).map((r) => ({ ...r })),
    otherInstanceToken: seed.otherInstanceToken,
    revokePortalToken: () => {
      portalTokenRevoked = true;
    },
    reset: () => {
      portalTokenRevoked = false;
      state.reset();
      Object.assign(faults, startFaults);
    },
  };

  let stopped: Promise<void> | undefined;
  return {
    url: origin,
    instance,
    portalToken: seed.portalToken,
    scimUrl: `${origin}/scim/v2`,
    get scimToken() {
      return state.scimToken;
    },
    faults,
    controls,
    scimStore: state.store,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        if (runningPortalTokens.get(seed.portalToken) === instance) runningPortalTokens.delete(seed.portalToken);
        server.close(() => resolve());
        // Keep-alive connections would hold close() open; the sandbox is going away anyway.
        for (const socket of sockets) socket.destroy();
      });
      return stopped;
    },
  };
}
