import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { applyFaults, noFaults, type FaultSettings } from '../faults';
import { authenticate, createTokens, routeScopes, type BearerVerifier } from './okta-auth';
import { OktaDirectory } from './okta-directory';
import { OktaApiError, accessDenied, insufficientScope, insufficientScopeHeaders, invalidToken, methodNotAllowed, rateLimited, routeNotFound } from './okta-errors';
import { readJsonBody, Router, send, type RouteResult } from './okta-http';
import { writeLog } from './okta-system-log';
import { IdFactory } from './okta-ids';
import { bucketOf, ConcurrencyGate, ORG_LIMITS, RateLimiter, type OrgLimits, type OrgType, type RateBucket } from './okta-rate-limits';
import { createSandboxControls, type OktaSandboxControls } from './okta-sandbox-controls';
import { seedOrg } from './okta-seed';
import { createStateView, type OktaStateView } from './okta-state-view';
import { OktaStore } from './okta-store';
import { ProvisioningEngine } from './provisioning-engine';
import { appAssignmentRoutes } from './routes/app-assignment-routes';
import { appsRoutes } from './routes/apps-routes';
import { groupAdminRoutes } from './routes/group-admin-routes';
import { groupsRoutes } from './routes/groups-routes';
import { logsRoutes } from './routes/logs-routes';
import { provisioningRoutes } from './routes/provisioning-routes';
import { usersRoutes } from './routes/users-routes';

export type { FaultSettings } from '../faults';
export type { OrgLimits, OrgType, RateBucket } from './okta-rate-limits';
export type { OktaSandboxControls, ScimConnectionInput, ScimConnectionTestResult } from './okta-sandbox-controls';
export type { OktaStateView } from './okta-state-view';
export type { ScimConnectionSettings, ToAppFeatures } from './okta-store';

/**
 * Okta Management API simulator: a real HTTP server on 127.0.0.1 that behaves like an Okta org
 * for the operations the console uses (apps, SAML metadata, assignments, features, group push,
 * users, groups, rules, System Log), plus the provisioning engine that pushes users and groups to
 * a SCIM server the way Okta does for a custom SAML app with SCIM provisioning.
 */

export interface OktaSimulatorOptions {
  /** Default 42; all seed data is deterministic from it. */
  seed?: number;
  /** Default 200; up to 100_000. */
  users?: number;
  /** Default 30 (including Everyone); up to 10_000. */
  groups?: number;
  /** Shared fault settings; mutable, read on every request. Default noFaults(). */
  faults?: FaultSettings;
  /** Which published limits to model (okta-rate-limits.ts ORG_LIMITS); default enterprise. */
  orgType?: OrgType;
  /** Per-window ceilings per bucket, over the org type's. */
  rateLimits?: Partial<Record<RateBucket, number>>;
  /** Requests in flight at once, over the org type's. */
  concurrencyLimit?: number;
  /** Length of a rate-limit window; default 60 000 (Okta's minute). Tests shorten it. */
  rateWindowMs?: number;
  /**
   * How long each request is held before it is answered, like a real org's latency; default 0.
   * Without it requests finish one by one and the concurrency limit is never reached.
   */
  serviceTimeMs?: number;
  /** Org name; default "acme-sandbox". */
  orgName?: string;
  /** Accepts OAuth access tokens from an authorization server (okta-oidc-server.ts), with their scopes. */
  verifyBearer?: BearerVerifier;
}

export interface OktaSimulator {
  /** http://127.0.0.1:<random port> */
  url: string;
  /** SSWS token of a super admin (sandbox credential, not a secret). */
  apiToken: string;
  /** SSWS token whose manage operations get 403 E0000006. */
  readOnlyApiToken: string;
  /** OAuth access token with all scopes (Authorization: Bearer). */
  bearerToken: string;
  faults: FaultSettings;
  orgType: OrgType;
  limits: OrgLimits;
  /**
   * Limits met so far: the peak of requests in flight, how many were refused for concurrency,
   * how many got a bucket's 429 (injected faults not counted), and how many were admitted.
   */
  concurrency(): { peak: number; rejected: number; rateLimited: number; requests: number };
  controls: OktaSandboxControls;
  state: OktaStateView;
  stop(): Promise<void>;
}

export async function startOktaSimulator(opts: OktaSimulatorOptions = {}): Promise<OktaSimulator> {
  const seed = opts.seed ?? 42;
  const faults = opts.faults ?? noFaults();
  const store = new OktaStore(opts.orgName ?? 'acme-sandbox', new IdFactory(seed));
  seedOrg(store, { seed, users: opts.users ?? 200, groups: opts.groups ?? 30 });
  const engine = new ProvisioningEngine(store);
  const directory = new OktaDirectory(store, engine);
  const tokens = createTokens(seed);
  const orgType = opts.orgType ?? 'enterprise';
  const base = ORG_LIMITS[orgType];
  const limits: OrgLimits = { buckets: { ...base.buckets, ...opts.rateLimits }, concurrency: opts.concurrencyLimit ?? base.concurrency };
  const limiter = new RateLimiter(limits.buckets, opts.rateWindowMs);
  const gate = new ConcurrencyGate(limits.concurrency);
  const serviceTimeMs = opts.serviceTimeMs ?? 0;

  const router = new Router();
  const deps = { store, directory };
  router.add(
    ...appsRoutes(deps),
    ...appAssignmentRoutes(deps),
    ...provisioningRoutes(deps),
    ...usersRoutes(deps),
    ...groupsRoutes(deps),
    ...groupAdminRoutes(deps),
    ...logsRoutes(deps),
  );

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', store.baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const { found, methodMismatch } = router.match(method, url.pathname);
    const bucket = bucketOf(url.pathname);
    const common: Record<string, string> = { 'X-Okta-Request-Id': randomBytes(12).toString('base64url') };

    const slot = gate.enter();
    if ('rejectHeaders' in slot) {
      writeLog(store, { eventType: 'core.concurrency.org.limit.violation', displayMessage: 'Org concurrency limit violation', result: 'FAILURE', targets: [] });
      send(res, errorResult(rateLimited()), { ...common, ...slot.rejectHeaders });
      return;
    }
    res.once('close', slot.release);
    if (serviceTimeMs > 0) await new Promise((resolve) => setTimeout(resolve, serviceTimeMs));

    const fault = await applyFaults(faults, req, res);
    if (fault.kind === 'rate-limit') {
      send(res, errorResult(rateLimited()), { ...common, ...limiter.injected(bucket) });
      return;
    }
    if (fault.kind !== 'none') return; // answered (or dropped) by applyFaults

    const rate = limiter.take(bucket);
    const headers = { ...common, ...rate.headers };
    try {
      if (!rate.allowed) throw rateLimited();
      const principal = await authenticate(req, tokens, opts.verifyBearer);
      if (!principal) throw invalidToken();
      if (!found) throw methodMismatch ? methodNotAllowed() : routeNotFound(url.pathname);
      if (principal.readOnly && found.route.access === 'manage') throw accessDenied();
      const needed = routeScopes(url.pathname, found.route.access);
      if (principal.scopes && !needed.every((s) => principal.scopes!.includes(s))) {
        Object.assign(headers, insufficientScopeHeaders(store.baseUrl, needed, url.pathname));
        throw insufficientScope();
      }
      const body = method === 'GET' || method === 'DELETE' ? undefined : await readJsonBody(req);
      const result = await found.route.handler({ req, url, params: found.params, query: url.searchParams, principal, body });
      send(res, result, headers);
    } catch (err) {
      if (!(err instanceof OktaApiError)) console.error('[okta-simulator] handler failed', method, url.pathname, err);
      send(res, errorResult(err instanceof OktaApiError ? err : new OktaApiError(500, 'E0000009', 'Internal Server Error')), headers);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('[okta-simulator] request crashed', err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  // Keep-alive sockets would hold stop() open; Okta closes idle sockets too.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  store.baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: store.baseUrl,
    apiToken: tokens.apiToken,
    readOnlyApiToken: tokens.readOnlyApiToken,
    bearerToken: tokens.bearerToken,
    faults,
    orgType,
    limits,
    concurrency: () => ({ peak: gate.peak, rejected: gate.rejected, rateLimited: limiter.refused, requests: gate.admitted }),
    controls: createSandboxControls(directory, engine),
    state: createStateView(store),
    async stop() {
      engine.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function errorResult(err: OktaApiError): RouteResult {
  return { status: err.status, body: err.body() };
}
