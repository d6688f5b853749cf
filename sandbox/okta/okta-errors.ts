import { randomBytes } from 'node:crypto';

/** Okta's Error body (components.schemas.Error). Okta always sends every field. */
export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: { errorSummary: string }[];
}

/**
 * An API failure raised by a route handler and rendered by the pipeline. Throwing keeps handlers
 * linear: validate, throw, carry on.
 */
export class OktaApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly summary: string,
    readonly causes: string[] = [],
  ) {
    super(summary);
  }

  body(): OktaErrorBody {
    return {
      errorCode: this.code,
      errorSummary: this.summary,
      errorLink: this.code,
      // errorId is a support correlation id; real ones look like "oaeZLxeiHUUQomPkM8xOqvu1A".
      errorId: 'oae' + randomBytes(16).toString('base64url').slice(0, 22),
      errorCauses: this.causes.map((errorSummary) => ({ errorSummary })),
    };
  }
}

export const invalidToken = () => new OktaApiError(401, 'E0000011', 'Invalid token provided');

export const accessDenied = () =>
  new OktaApiError(403, 'E0000006', 'You do not have permission to perform the requested action');

/**
 * Okta's answer to an access token without a scope the call needs: 403 E0000006, and a
 * WWW-Authenticate header naming the scope (see insufficientScopeHeaders).
 */
export const insufficientScope = () => accessDenied();

export function insufficientScopeHeaders(orgUrl: string, scopes: string[], path: string): Record<string, string> {
  return {
    'WWW-Authenticate': `Bearer authorization_uri="${orgUrl}/oauth2/v1/authorize", realm="IdpError", scope="${scopes.join(' ')}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${path}"`,
  };
}

export const notFound = (id: string, type: string) =>
  new OktaApiError(404, 'E0000007', `Not found: Resource not found: ${id} (${type})`);

/** Unknown path under /api/v1. */
export const routeNotFound = (path: string) =>
  new OktaApiError(404, 'E0000007', `Not found: Resource not found: ${path} (Endpoint)`);

export const validationFailed = (field: string, ...causes: string[]) =>
  new OktaApiError(400, 'E0000001', `Api validation failed: ${field}`, causes);

export const malformedBody = () => new OktaApiError(400, 'E0000003', 'The request body was not well-formed.');

/** Okta's answer to a search/filter expression it cannot parse. */
export const invalidSearch = (detail?: string) =>
  new OktaApiError(400, 'E0000031', 'Invalid search criteria.', detail ? [detail] : []);

export const rateLimited = () =>
  new OktaApiError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.');

export const methodNotAllowed = () =>
  new OktaApiError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');

/** The body Okta returns for features/group push on an app without provisioning (spec example). */
export const provisioningNotEnabled = () =>
  validationFailed('feature', 'Provisioning is not enabled for the app instance.');
