import { AppError, type AppErrorShape } from '../../../shared/errors';
import { OAUTH_REDIRECT_PATH, type OAuthView } from '../../../shared/okta-oauth';
import type { OktaOAuthService } from './okta-oauth-service';

interface Pending {
  authorizeUrl: string;
  opened: boolean;
  abort: AbortController;
}

/**
 * The sign-ins under way, one per profile, for the IPC layer: starting returns as soon as the
 * authorize page is ready (the admin may take minutes), and `onChange` says when one ends.
 */
export class OktaSignIns {
  private readonly pending = new Map<string, Pending>();
  private readonly failed = new Map<string, AppErrorShape>();

  constructor(
    private readonly oauth: OktaOAuthService,
    private readonly deps: {
      openBrowser: (url: string) => Promise<boolean>;
      onChange: (profileId: string) => void;
      suggestedClientId: (profileId: string) => string | undefined;
    },
  ) {}

  async view(profileId: string): Promise<OAuthView> {
    const status = await this.oauth.status(profileId);
    const pending = this.pending.get(profileId);
    const error = this.failed.get(profileId);
    const suggested = status.clientId ?? this.deps.suggestedClientId(profileId);
    return {
      ...status,
      pending: Boolean(pending),
      ...(pending ? { authorizeUrl: pending.authorizeUrl, opened: pending.opened } : {}),
      ...(error && !pending ? { error } : {}),
      ...(suggested ? { suggestedClientId: suggested } : {}),
      redirectUri: `http://127.0.0.1${OAUTH_REDIRECT_PATH}`,
    };
  }

  async start(profileId: string, issuer: string, clientId: string): Promise<OAuthView> {
    this.cancel(profileId);
    this.failed.delete(profileId);
    const abort = new AbortController();
    const { authorizeUrl, finished } = await this.oauth.start(profileId, issuer, clientId, { signal: abort.signal });
    const entry: Pending = { authorizeUrl, opened: false, abort };
    this.pending.set(profileId, entry);
    void finished.then(
      () => this.end(profileId, entry),
      (err: unknown) => this.end(profileId, entry, err),
    );
    entry.opened = await this.deps.openBrowser(authorizeUrl).catch(() => false);
    return this.view(profileId);
  }

  cancel(profileId: string): void {
    this.pending.get(profileId)?.abort.abort();
  }

  private end(profileId: string, entry: Pending, err?: unknown): void {
    // A newer sign-in replaced this one: its outcome is not news.
    if (this.pending.get(profileId) !== entry) return;
    this.pending.delete(profileId);
    if (err) {
      const shape = err instanceof AppError ? err.toShape() : { code: 'INTERNAL' as const, message: 'Sign-in failed.' };
      this.failed.set(profileId, shape);
    }
    this.deps.onChange(profileId);
  }
}
