import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { HttpClient } from '../net/http-client';
import { HttpError } from '../net/http-errors';
import { portalApiBaseFor } from './threatlocker-urls';

/**
 * ThreatLocker's field names are not quoted in its public articles, so every field is optional
 * here and the known aliases are tried in order; a missing id or name becomes a BAD_RESPONSE
 * that names what was looked for.
 */
const optStr = z.string().nullish();
const roleWireSchema = z.looseObject({
  userRoleId: optStr,
  roleId: optStr,
  id: optStr,
  name: optStr,
  roleName: optStr,
  description: optStr,
  organizationId: optStr,
});
const organizationWireSchema = z.looseObject({
  organizationId: optStr,
  id: optStr,
  name: optStr,
  displayName: optStr,
  parentOrganizationId: optStr,
});
/** A bare array (what the documented endpoints return) or an envelope around one. */
const pageSchema = z.union([
  z.array(z.unknown()),
  z.looseObject({ data: z.array(z.unknown()) }).transform((o) => o.data),
  z.looseObject({ items: z.array(z.unknown()) }).transform((o) => o.items),
  z.looseObject({ results: z.array(z.unknown()) }).transform((o) => o.results),
]);

export interface PortalRole {
  id: string;
  name: string;
  description?: string;
  organizationId?: string;
}

export interface PortalOrganization {
  id: string;
  name: string;
  displayName: string;
  parentOrganizationId?: string;
}

export interface PortalClientOptions {
  /** The instance letter; gives the default base URL. */
  instance?: string;
  /** Overrides https://portalapi.<instance>.threatlocker.com (sandbox, testing). */
  baseUrl?: string;
  /** The API user token, sent raw as the Authorization header. */
  getToken: () => Promise<string>;
  /** Acts on this child organization (MSP) instead of the API user's own. */
  managedOrganizationId?: string;
  http: HttpClient;
  /** Default 100. */
  pageSize?: number;
}

const MAX_PAGES = 1000;

export class PortalClient {
  readonly baseUrl: string;
  private readonly getToken: () => Promise<string>;
  private readonly managedOrganizationId: string | undefined;
  private readonly http: HttpClient;
  private readonly pageSize: number;

  constructor(opts: PortalClientOptions) {
    if (opts.baseUrl) this.baseUrl = new URL(opts.baseUrl).origin;
    else if (opts.instance) this.baseUrl = portalApiBaseFor(opts.instance);
    else throw new AppError('VALIDATION', 'The ThreatLocker instance is not set.', { hint: 'Enter the instance letter in the profile.' });
    this.getToken = opts.getToken;
    this.managedOrganizationId = opts.managedOrganizationId;
    this.http = opts.http;
    this.pageSize = opts.pageSize ?? 100;
  }

  /** Roles of the (managed) organization. Roles are per organization, never inherited. */
  async listRoles(): Promise<PortalRole[]> {
    const rows = await this.pagedPost('/portalapi/UserRoles/UserRolesGetByParameters', {});
    return rows.map((row, i) => toRole(row, i));
  }

  /** Child organizations of the current (or managed) organization, optionally filtered by name. */
  async listChildOrganizations(search?: string): Promise<PortalOrganization[]> {
    const rows = await this.pagedPost('/portalapi/Organization/OrganizationGetChildOrganizationsByParameters', {
      searchText: search ?? '',
    });
    return rows.map((row, i) => toOrganization(row, i));
  }

  /**
   * POSTs pageNumber 1, 2, ... until a page comes back shorter than pageSize. The documented
   * list endpoints are reads over POST, so they are marked idempotent and retried like GETs.
   */
  private async pagedPost(path: string, params: Record<string, unknown>): Promise<unknown[]> {
    const out: unknown[] = [];
    for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
      const headers: Record<string, string> = { authorization: await this.getToken() };
      if (this.managedOrganizationId) headers['managedorganizationid'] = this.managedOrganizationId;
      let page: unknown[];
      try {
        const res = await this.http.request({
          method: 'POST',
          url: `${this.baseUrl}${path}`,
          purpose: 'threatlocker',
          headers,
          json: { ...params, pageNumber, pageSize: this.pageSize },
          schema: pageSchema,
          idempotent: true,
        });
        page = res.data;
      } catch (err) {
        throw explain(err);
      }
      out.push(...page);
      if (page.length < this.pageSize) return out;
    }
    throw new AppError('BAD_RESPONSE', `ThreatLocker kept returning full pages for ${path} after ${MAX_PAGES} pages.`, {
      hint: 'The portal may be ignoring pageNumber; report this with the log file.',
    });
  }
}

/** Turns ThreatLocker's terse refusals into what the admin should do. */
function explain(err: unknown): unknown {
  if (!(err instanceof HttpError)) return err;
  const revoked = err.remoteCode === 'TOKEN_REVOKED' || /TOKEN_REVOKED/.test(err.remoteSummary ?? '');
  const detail = { status: err.status, method: err.method, path: err.path, ...(err.remoteCode ? { remoteCode: err.remoteCode } : {}), ...(err.remoteSummary ? { remoteSummary: err.remoteSummary } : {}) };
  if (err.status === 403 && revoked) {
    return new HttpError('PERMISSION_DENIED', 'ThreatLocker refused the API token (TOKEN_REVOKED): it was revoked or belongs to another instance.', detail, {
      hint:
        'A token minted on another instance is refused: check the instance letter (Help -> ThreatLocker Access (X)) ' +
        'or create a new API user token under Administrators -> API Users.',
    });
  }
  if (err.status === 401) {
    return new HttpError('AUTH_FAILED', `ThreatLocker did not accept the API token${err.remoteSummary ? ` (${err.remoteSummary})` : ''}.`, detail, {
      hint: 'Paste the API user token exactly as shown (no "Bearer"), or create a new one under Administrators -> API Users.',
    });
  }
  return err;
}

function pick(row: Record<string, unknown>, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = row[k];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return undefined;
}

function missingField(what: string, index: number, keys: string[]): AppError {
  return new AppError('BAD_RESPONSE', `ThreatLocker sent ${what} ${index + 1} without ${keys.join(' or ')}.`, {
    hint: 'The portal API may have changed; report this with the log file.',
  });
}

function badRow(what: string, index: number): AppError {
  return new AppError('BAD_RESPONSE', `ThreatLocker sent ${what} ${index + 1} in an unexpected shape.`, {
    hint: 'The portal API may have changed; report this with the log file.',
  });
}

function toRole(row: unknown, index: number): PortalRole {
  const parsed = roleWireSchema.safeParse(row);
  if (!parsed.success) throw badRow('role', index);
  const r = parsed.data as Record<string, unknown>;
  const idKeys = ['userRoleId', 'roleId', 'id'];
  const nameKeys = ['name', 'roleName'];
  const id = pick(r, idKeys);
  const name = pick(r, nameKeys);
  if (!id) throw missingField('role', index, idKeys);
  if (!name) throw missingField('role', index, nameKeys);
  const role: PortalRole = { id, name };
  const description = pick(r, ['description']);
  const organizationId = pick(r, ['organizationId']);
  if (description) role.description = description;
  if (organizationId) role.organizationId = organizationId;
  return role;
}

function toOrganization(row: unknown, index: number): PortalOrganization {
  const parsed = organizationWireSchema.safeParse(row);
  if (!parsed.success) throw badRow('organization', index);
  const r = parsed.data as Record<string, unknown>;
  const idKeys = ['organizationId', 'id'];
  const id = pick(r, idKeys);
  const name = pick(r, ['name', 'displayName']);
  if (!id) throw missingField('organization', index, idKeys);
  if (!name) throw missingField('organization', index, ['name', 'displayName']);
  const org: PortalOrganization = { id, name, displayName: pick(r, ['displayName']) ?? name };
  const parent = pick(r, ['parentOrganizationId']);
  if (parent) org.parentOrganizationId = parent;
  return org;
}
