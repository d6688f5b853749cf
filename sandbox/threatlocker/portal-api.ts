/**
 * The documented ThreatLocker portal API endpoints the console uses, mounted at /portalapi.
 * Express routing is case-insensitive by default, which matches IIS (/portalApi == /portalapi).
 *
 * Shapes (the public articles do not quote them, so these are the simulator's choices and clients
 * must read them defensively):
 * - list endpoints answer a bare JSON array; paging travels in response headers: `pagination`
 *   (JSON: currentPage, itemsPerPage, totalItems, totalPages, firstItem, lastItem) plus the plain
 *   headers `totalItems`, `pageNumber`, `pageSize`, `totalPages`;
 * - errors are `{ "statusCode": <n>, "message": "..." }`; a token minted on another instance gets
 *   403 with message `TOKEN_REVOKED` (the real API cannot tell "wrong instance" from "revoked").
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { TlOrganization, TlSeed, TlUserRole } from './tl-seed';

export interface PortalApiState {
  seed: TlSeed;
  /** The organization's current roles (an admin may have deleted some through the sandbox controls). */
  rolesOf(organizationId: string): TlUserRole[];
  portalToken(): string;
  /** True for a token that belongs to another ThreatLocker instance. */
  isOtherInstanceToken(token: string): boolean;
  /** True once the API user's token was revoked in the portal (Administrators -> API Users). */
  isPortalTokenRevoked(): boolean;
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 25;

export function portalError(res: Response, status: number, message: string): void {
  res.status(status).json({ statusCode: status, message });
}

interface Paging {
  pageNumber: number;
  pageSize: number;
}

/** Reads pageNumber/pageSize; returns a message saying what to fix when they are unusable. */
function readPaging(body: Record<string, unknown>): Paging | string {
  const read = (key: string, fallback: number, max: number): number | string => {
    const value = body[key];
    if (value === undefined || value === null) return fallback;
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) {
      return `${key} must be an integer from 1 to ${max}`;
    }
    return n;
  };
  const pageNumber = read('pageNumber', 1, Number.MAX_SAFE_INTEGER);
  const pageSize = read('pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (typeof pageNumber === 'string') return pageNumber;
  if (typeof pageSize === 'string') return pageSize;
  return { pageNumber, pageSize };
}

function sendPage<T>(res: Response, items: T[], paging: Paging): void {
  const { pageNumber, pageSize } = paging;
  const totalItems = items.length;
  const totalPages = Math.ceil(totalItems / pageSize);
  const first = (pageNumber - 1) * pageSize;
  const page = items.slice(first, first + pageSize);
  res.setHeader(
    'pagination',
    JSON.stringify({
      currentPage: pageNumber,
      itemsPerPage: pageSize,
      totalItems,
      totalPages,
      firstItem: page.length ? first + 1 : 0,
      lastItem: page.length ? first + page.length : 0,
    }),
  );
  res.setHeader('totalItems', String(totalItems));
  res.setHeader('pageNumber', String(pageNumber));
  res.setHeader('pageSize', String(pageSize));
  res.setHeader('totalPages', String(totalPages));
  res.status(200).json(page);
}

export function createPortalApiRouter(state: PortalApiState): Router {
  const { seed } = state;
  const router = express.Router();
  const organizations = new Map<string, TlOrganization>(
    [seed.parent, ...seed.children].map((o) => [o.organizationId.toLowerCase(), o]),
  );

  router.use((req, res, next) => {
    const token = req.header('authorization')?.trim();
    if (!token) return portalError(res, 401, 'Missing Authorization header: send the API user token as "Authorization: <token>"');
    // A revoked token gets the same answer as another instance's: the API does not tell them apart.
    if (token === state.portalToken()) return state.isPortalTokenRevoked() ? portalError(res, 403, 'TOKEN_REVOKED') : next();
    if (state.isOtherInstanceToken(token)) return portalError(res, 403, 'TOKEN_REVOKED');
    const withoutScheme = token.replace(/^Bearer\s+/i, '');
    if (withoutScheme !== token && withoutScheme === state.portalToken()) {
      return portalError(res, 401, 'Send the API token as the whole Authorization header value, without a "Bearer" scheme');
    }
    return portalError(res, 401, 'The API token is not valid');
  });

  // The organization the request acts on: the API user's own (the MSP parent) unless the
  // managedOrganizationId header picks one of its child organizations.
  router.use((req, res, next) => {
    const header = req.header('managedorganizationid')?.trim();
    if (!header) {
      res.locals.organization = seed.parent;
      return next();
    }
    if (!guidPattern.test(header)) return portalError(res, 400, `managedOrganizationId must be an organization GUID; got "${header}"`);
    const organization = organizations.get(header.toLowerCase());
    if (!organization) {
      // 403: the API user has no access to it (it is neither its organization nor a child).
      return portalError(res, 403, `The API user has no access to organization ${header}: it is not ${seed.parent.displayName} or one of its child organizations`);
    }
    res.locals.organization = organization;
    next();
  });

  // Clients send application/json; tolerate a missing or different content type.
  router.use(express.json({ type: () => true, limit: '100kb' }));

  const body = (req: Request): Record<string, unknown> =>
    req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};

  router.post('/UserRoles/UserRolesGetByParameters', (req, res) => {
    const paging = readPaging(body(req));
    if (typeof paging === 'string') return portalError(res, 400, paging);
    const organization = res.locals.organization as TlOrganization;
    // Roles are per organization and never inherited from the parent.
    sendPage(res, state.rolesOf(organization.organizationId), paging);
  });

  router.post('/Organization/OrganizationGetChildOrganizationsByParameters', (req, res) => {
    const params = body(req);
    const paging = readPaging(params);
    if (typeof paging === 'string') return portalError(res, 400, paging);
    const organization = res.locals.organization as TlOrganization;
    const search = typeof params.searchText === 'string' ? params.searchText.trim().toLowerCase() : '';
    const children = [seed.parent, ...seed.children]
      .filter((o) => o.parentOrganizationId === organization.organizationId)
      .filter((o) => !search || o.name.toLowerCase().includes(search) || o.displayName.toLowerCase().includes(search))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    sendPage(res, children, paging);
  });

  router.use((req, res) => portalError(res, 404, `No portal API endpoint ${req.method} ${req.baseUrl}${req.path} in the simulator`));
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if ((error as { type?: string }).type === 'entity.parse.failed') return portalError(res, 400, 'The request body is not valid JSON');
    next(error);
  });
  return router;
}
