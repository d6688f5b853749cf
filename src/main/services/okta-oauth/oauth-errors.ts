import { AppError } from '../../../shared/errors';
import type { Redactor } from '../log/redactor';
import { classifyNetworkError, networkAppError } from '../net/network-errors';

export type OAuthStage = 'prepare' | 'exchange' | 'refresh' | 'revoke';

const SIGN_IN_AGAIN = 'Start the sign-in again from the console and finish it in the browser.';

/**
 * The admin-facing error for a failure of okta-auth-js or the token endpoint. The SDK raises
 * OAuthError (errorCode + errorSummary from the server), AuthApiError, AuthSdkError (its own
 * checks: issuer, audience, nonce, signature) or the network error itself. Remote text is
 * redacted before it is cut.
 */
export function oauthErrorToAppError(err: unknown, stage: OAuthStage, redactor: Redactor): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as { name?: string; errorCode?: string; errorSummary?: string; message?: string; status?: number; responseText?: string };
  const remoteText = e.errorSummary ?? e.message ?? (typeof e.responseText === 'string' ? e.responseText : '') ?? '';
  const detail = redactor.clip(String(remoteText), 200);
  if (e.name === undefined && typeof e.status === 'number') {
    return new AppError('REMOTE_ERROR', `Okta answered ${e.status} while ${doing(stage)}${detail ? `: ${detail}` : ''}.`, { hint: SIGN_IN_AGAIN, cause: err });
  }
  const network = classifyNetworkError(err);
  if (network.kind !== 'other') return networkAppError(network, 'the Okta org', 'Okta', err, false);
  const code = e.errorCode;
  if (code === 'invalid_grant') {
    return stage === 'refresh'
      ? new AppError('AUTH_FAILED', `Okta refused to renew the sign-in (invalid_grant: ${detail}). The refresh token was revoked or has expired.`, { hint: 'Sign in again.', cause: err })
      : new AppError('AUTH_FAILED', `Okta refused the authorization code (invalid_grant: ${detail}). A code works once, for a few minutes, with the PKCE verifier and redirect address it was issued for.`, { hint: SIGN_IN_AGAIN, cause: err });
  }
  if (code === 'invalid_client') {
    return new AppError('AUTH_FAILED', `Okta does not know this Client ID, or the app is not a native app with PKCE (invalid_client: ${detail}).`, {
      hint: 'Check the Client ID against Applications -> your OIDC app -> General in Okta, and that Client authentication is "None" with PKCE required.',
      cause: err,
    });
  }
  if (code) return new AppError('AUTH_FAILED', `Okta refused ${doing(stage)} (${code}: ${detail}).`, { hint: SIGN_IN_AGAIN, cause: err });
  if (e.name === 'AuthSdkError') {
    return new AppError('AUTH_FAILED', `The answer from Okta failed the console's checks while ${doing(stage)}: ${detail}.`, { hint: SIGN_IN_AGAIN, cause: err });
  }
  return new AppError('REMOTE_ERROR', `Sign-in failed while ${doing(stage)}${detail ? `: ${detail}` : ''}.`, { hint: SIGN_IN_AGAIN, cause: err });
}

function doing(stage: OAuthStage): string {
  switch (stage) {
    case 'prepare':
      return 'reading the org\'s sign-in settings';
    case 'exchange':
      return 'exchanging the authorization code for tokens';
    case 'refresh':
      return 'renewing the sign-in';
    case 'revoke':
      return 'revoking the tokens';
  }
}
