import { scopesFor } from '../../../shared/okta-oauth';
import { HttpError } from '../net/http-errors';

/**
 * For a call made with an OAuth access token, Okta's 403 E0000006 means a scope the call needs
 * was not granted. Names it, with the fix; still an HttpError with the same status and code, so
 * callers that branch on them (the permission probe, steps) behave as before.
 */
export function withMissingScope(err: unknown, method: string, path: string): unknown {
  if (!(err instanceof HttpError) || err.status !== 403) return err;
  const scopes = scopesFor(method, path);
  if (scopes.length === 0) return err;
  const list = scopes.join(' and ');
  return new HttpError(
    'PERMISSION_DENIED',
    `Okta refused ${method} ${path}: the sign-in was not granted ${list}${err.remoteCode ? ` (${err.remoteCode})` : ''}.`,
    { status: err.status, method: err.method, path: err.path, ...(err.remoteCode ? { remoteCode: err.remoteCode } : {}), ...(err.remoteSummary ? { remoteSummary: err.remoteSummary } : {}) },
    {
      hint: `In Okta, open Applications -> the console's OIDC app -> Okta API Scopes and grant ${list}; check your admin role allows it; then sign out and sign in again in the console.`,
    },
  );
}

/**
 * An error of a call made with the Okta sign-in (Bearer): a 401 means the sign-in itself was
 * refused (revoked, expired, the app changed), so the fix is to sign in again, not the API-token
 * hint; a 403 names the scope the sign-in lacks.
 */
export function forSignIn(err: unknown, method: string, path: string): unknown {
  if (!(err instanceof HttpError) || err.status !== 401) return withMissingScope(err, method, path);
  return new HttpError(
    'AUTH_FAILED',
    `Okta refused the console's sign-in for ${method} ${path}${err.remoteCode ? ` (${err.remoteCode})` : ''}: it was revoked or has expired.`,
    { status: err.status, method: err.method, path: err.path, ...(err.remoteCode ? { remoteCode: err.remoteCode } : {}), ...(err.remoteSummary ? { remoteSummary: err.remoteSummary } : {}) },
    { hint: "Sign in again with Okta in the profile's Okta sign-in panel." },
  );
}
