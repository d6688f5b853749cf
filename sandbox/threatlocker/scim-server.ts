/**
 * The SCIM 2.0 endpoint of one simulator (mounted at /scim/v2): bearer-token auth, the portal's
 * Enabled toggle, and SCIMMY's routers for Users, Groups, Schemas, ResourceTypes and
 * ServiceProviderConfig.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import SCIMMYRouters from 'scimmy-routers';
import { configureServiceProvider, declareScimResources, ScimContext } from './scim-resources';
import type { ScimStore } from './scim-store';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

export interface ScimServerState {
  store: ScimStore;
  /** The current SCIM bearer token (changes when the portal generates a new one). */
  currentToken(): string;
  isEnabled(): boolean;
  /** Absolute origin of this simulator, e.g. http://127.0.0.1:5123, for meta.location. */
  origin(): string;
}

export function scimError(res: Response, status: number, detail: string, scimType?: string): void {
  res
    .status(status)
    .type(SCIM_CONTENT_TYPE)
    .send(
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: String(status),
        ...(scimType ? { scimType } : {}),
        detail,
      }),
    );
}

function bearerToken(req: Request): string | undefined {
  const header = req.header('authorization');
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim();
}

/**
 * SCIMMY builds meta.location from a process-wide basepath (scimmy-routers sets it per request),
 * so an absolute per-simulator URL there would race between simulators. Locations are left
 * relative inside SCIMMY and made absolute here, per response, from this simulator's origin.
 */
function absoluteLocations(body: unknown, origin: string): void {
  if (Array.isArray(body)) {
    for (const item of body) absoluteLocations(item, origin);
    return;
  }
  if (body === null || typeof body !== 'object') return;
  const record = body as Record<string, unknown>;
  const meta = record.meta as Record<string, unknown> | undefined;
  if (meta && typeof meta.location === 'string' && meta.location.startsWith('/')) {
    meta.location = origin + meta.location;
  }
  if (Array.isArray(record.Resources)) absoluteLocations(record.Resources, origin);
}

export function createScimRouter(state: ScimServerState): Router {
  declareScimResources();
  const context = new ScimContext(state.store);
  const router = express.Router();

  router.use((req, res, next) => {
    // Every answer under /scim/v2 is SCIM JSON, including those sent before SCIMMY's routers run.
    res.type(SCIM_CONTENT_TYPE);
    const token = bearerToken(req);
    if (!token) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="ThreatLocker SCIM"');
      return scimError(res, 401, 'Missing bearer token: send "Authorization: Bearer <API token from the SCIM Integration sidebar>"');
    }
    if (token !== state.currentToken()) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="ThreatLocker SCIM", error="invalid_token"');
      return scimError(res, 401, 'The bearer token is not valid for this SCIM integration. Generating a new API token in ThreatLocker invalidates the previous one; update the token in the IdP.');
    }
    // Auth first, then the toggle: a disabled integration still tells a wrong token apart.
    // 403 (not 401) because the credential is right; the portal switch is what refuses.
    if (!state.isEnabled()) {
      return scimError(res, 403, 'The SCIM integration is disabled in the ThreatLocker portal: turn on Integrations -> SCIM Integration -> Enabled.');
    }
    next();
  });

  // Parsed here (SCIMMY's parser then skips the request) so a broken body gets a SCIM 400
  // with scimType invalidSyntax rather than a bare parser message.
  router.use(express.json({ type: [SCIM_CONTENT_TYPE, 'application/json'], limit: '1mb' }));
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') return scimError(res, 400, 'The request body is not valid JSON', 'invalidSyntax');
    if (type === 'entity.too.large') return scimError(res, 413, 'The request body is larger than 1 MB');
    next(error);
  });

  router.use((_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const plain = body === undefined ? body : JSON.parse(JSON.stringify(body));
      absoluteLocations(plain, state.origin());
      // RFC 7644 3.3: a 201 carries the new resource's URI in Location.
      const location = (plain as { meta?: { location?: unknown } } | undefined)?.meta?.location;
      if (res.statusCode === 201 && typeof location === 'string') res.location(location);
      return json(plain);
    };
    next();
  });

  router.use(
    new SCIMMYRouters({
      type: 'bearer',
      // Auth already happened above. Returning no user id makes /Me answer 501, which is right:
      // the IdP authenticates with an integration token, not as a portal user.
      handler: () => undefined as unknown as string,
      context: () => context,
    }),
  );
  configureServiceProvider();

  // scimmy-routers answers errors itself and then forwards 5xx ones; the response is already
  // sent, and Express' default handler would destroy the socket, so they stop here.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return;
    next(error);
  });
  return router;
}
