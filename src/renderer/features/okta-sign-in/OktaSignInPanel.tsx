import { useEffect, useId, useState, type FormEvent } from 'react';
import { OKTA_API_SCOPES, OIDC_SCOPES, type OAuthView } from '../../../shared/okta-oauth';
import { CopyTextButton } from '../../components/CopyTextButton';
import { Spinner } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { absoluteTime, relativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useOktaSignInStore } from './okta-sign-in-store';
import './okta-sign-in.css';

/**
 * Sign in to the profile's Okta org with OAuth 2.0 (authorization code + PKCE) instead of an
 * API token: the registration guide, the sign-in, and who is signed in with which scopes.
 */
export function OktaSignInPanel({ profileId }: { profileId: string }) {
  const { view, loadError, load } = useOktaSignInStore();
  const headingId = useId();
  useEffect(() => {
    void load(profileId);
    // main says when a sign-in under way ends (done, refused or timed out).
    return window.api.on('oktaSignIn:changed', (event) => {
      if (event.profileId === profileId) void load(profileId);
    });
  }, [profileId, load]);

  return (
    <section className="card oauth-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        Okta sign-in (OAuth 2.0)
      </h2>
      <p className="muted">
        Instead of an API token: scoped access that expires, renewed by the console before it does. Signing out revokes it at Okta. While signed in,
        the console uses the sign-in for every Okta call of this profile.
      </p>
      {loadError && <p role="alert" className="oauth-error">{loadError.message} {loadError.hint}</p>}
      {view && (view.signedIn ? <SignedIn view={view} /> : view.pending ? <Pending view={view} /> : <SignInForm view={view} />)}
      {view && !view.signedIn && <RegistrationGuide view={view} />}
    </section>
  );
}

function SignedIn({ view }: { view: OAuthView }) {
  const { busy, signOut } = useOktaSignInStore();
  const now = useNow(30_000);
  const missing = view.missingScopes ?? [];
  return (
    <div className="oauth-state">
      <p className="oauth-who">
        <Icon name="check" /> Signed in as <strong>{view.user}</strong>
        {view.name ? ` (${view.name})` : ''}
      </p>
      <dl className="oauth-facts">
        <dt>Signed in</dt>
        <dd title={absoluteTime(view.signedInAt)}>{relativeTime(view.signedInAt, now)}</dd>
        <dt>Access token</dt>
        <dd title={absoluteTime(view.expiresAt)}>
          expires {relativeTime(view.expiresAt, now)}
          {view.canRefresh ? '; renewed automatically' : '; cannot be renewed (no refresh token): sign in again then'}
          {view.refreshedAt ? `, last renewed ${relativeTime(view.refreshedAt, now)}` : ''}
        </dd>
        <dt>Client ID</dt>
        <dd>
          <code>{view.clientId}</code>
        </dd>
        <dt>Granted scopes</dt>
        <dd>
          <ul className="oauth-scopes" aria-label="Granted scopes">
            {(view.scopes ?? []).map((scope) => (
              <li key={scope}>
                <code>{scope}</code>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <p className="muted">Every Okta call of this profile uses this sign-in; an Okta API token saved below is kept, but not used while you are signed in.</p>
      {missing.length > 0 && (
        <p className="oauth-warning" role="note">
          Okta did not grant {missing.join(', ')}. Steps that need {missing.length === 1 ? 'it' : 'them'} will stop and name the scope. To fix: in Okta,
          grant {missing.length === 1 ? 'it' : 'them'} on the app’s Okta API Scopes tab (and check your admin role allows {missing.length === 1 ? 'it' : 'them'}), then sign out and sign in again.
        </p>
      )}
      <button type="button" className="btn btn-secondary" disabled={busy === 'signing-out'} onClick={() => void signOut()}>
        {busy === 'signing-out' ? <Spinner /> : <Icon name="lock" />}
        Sign out of Okta
      </button>
    </div>
  );
}

function Pending({ view }: { view: OAuthView }) {
  const { busy, cancel } = useOktaSignInStore();
  return (
    <div className="oauth-state" role="status">
      <p>
        <Spinner /> Waiting for you to finish signing in to Okta in the browser
        {view.opened ? ' (the console opened it).' : '.'}
      </p>
      {view.authorizeUrl && (
        <p>
          <a className="btn btn-primary" href={view.authorizeUrl} target="_blank" rel="noreferrer">
            <Icon name="external" />
            Open the Okta sign-in page
          </a>
        </p>
      )}
      <p className="muted">When Okta says you can go back to the console, this page updates by itself. The sign-in waits 5 minutes.</p>
      <button type="button" className="btn btn-ghost" disabled={busy === 'cancelling'} onClick={() => void cancel()}>
        Cancel sign-in
      </button>
    </div>
  );
}

function SignInForm({ view }: { view: OAuthView }) {
  const { busy, start } = useOktaSignInStore();
  const [clientId, setClientId] = useState(view.suggestedClientId ?? '');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (view.suggestedClientId) setClientId((current) => current || view.suggestedClientId!);
  }, [view.suggestedClientId]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const failed = await start(clientId.trim());
    setError(failed ? [failed.message, failed.hint].filter(Boolean).join(' ') : undefined);
  };
  return (
    <form className="oauth-state" onSubmit={(event) => void submit(event)}>
      {view.error && (
        <p className="oauth-error" role="alert">
          The last sign-in did not complete: {view.error.message} {view.error.hint}
        </p>
      )}
      <Field
        label="Client ID of the console’s OIDC app"
        value={clientId}
        onChange={(event) => setClientId(event.target.value)}
        placeholder="0oa…"
        autoComplete="off"
        spellCheck={false}
        error={error}
        help={view.sandbox ? 'The sandbox org has this app registered already.' : 'Okta shows it under Applications → the app → General → Client Credentials.'}
      />
      <button type="submit" className="btn btn-primary" disabled={busy === 'starting' || !clientId.trim()}>
        {busy === 'starting' ? <Spinner /> : <Icon name="external" />}
        Sign in with Okta
      </button>
    </form>
  );
}

function RegistrationGuide({ view }: { view: OAuthView }) {
  const scopes = OKTA_API_SCOPES.join(' ');
  return (
    <details className="oauth-guide">
      <summary>Register the console in Okta (once per org)</summary>
      <ol>
        <li>
          In the Okta Admin Console open Applications → Applications → Create App Integration.{' '}
          {view.appsPageUrl && !view.sandbox && (
            <a href={view.appsPageUrl} target="_blank" rel="noreferrer">
              Open Applications in Okta
            </a>
          )}
        </li>
        <li>
          Sign-in method: <strong>OIDC - OpenID Connect</strong>; application type: <strong>Native Application</strong>.
        </li>
        <li>
          Grant types: <strong>Authorization Code</strong> and <strong>Refresh Token</strong>. Client authentication: <strong>None</strong>, with{' '}
          <strong>Require PKCE</strong> on.
        </li>
        <li>
          Sign-in redirect URI: <code>{view.redirectUri}</code> <CopyTextButton value={view.redirectUri} label="redirect URI" /> (the console listens on a
          random port of 127.0.0.1 at this path, as RFC 8252 describes).
        </li>
        <li>Assignments: assign the app to the admins who will use the console. Save, then copy the Client ID into the field above.</li>
        <li>
          On the app’s <strong>Okta API Scopes</strong> tab, grant: <code>{scopes}</code> <CopyTextButton value={scopes} label="scopes" />. The console also asks
          for <code>{OIDC_SCOPES.join(' ')}</code> to know who signed in and to stay signed in.
        </li>
      </ol>
    </details>
  );
}
