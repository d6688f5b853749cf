import { z } from 'zod';
import { appErrorSchema } from './errors';

/**
 * The Okta scopes the console asks for, one per thing it does (../reference/okta-api.md section
 * 13). okta.roles.read is not among them: the permission probe tests what a token can do by
 * harmless calls, not by reading admin roles.
 */
export const OKTA_API_SCOPES = [
  'okta.apps.read',
  'okta.apps.manage',
  'okta.groups.read',
  'okta.groups.manage',
  'okta.users.read',
  'okta.users.manage',
  'okta.logs.read',
] as const;

/** openid + profile say who signed in; offline_access gets the refresh token for silent renewal. */
export const OIDC_SCOPES = ['openid', 'profile', 'offline_access'] as const;

/** The path Okta redirects to on 127.0.0.1 (any port: RFC 8252 section 7.3). */
export const OAUTH_REDIRECT_PATH = '/authorization-code/callback';

export const oauthSignInInputSchema = z.object({
  profileId: z.string().uuid(),
  /** The Client ID of the native OIDC app the admin registered (Okta shows it as 0oa…). */
  clientId: z
    .string()
    .trim()
    .min(1, 'Paste the Client ID of the OIDC app (Applications -> your app -> General -> Client ID).')
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'A Client ID has letters, digits, - and _ only (like 0oa1b2c3d4E5F6g7h8i9).'),
});
export type OAuthSignInInput = z.infer<typeof oauthSignInInputSchema>;

/** What the renderer may know about a sign-in: never a token. */
export const oauthStatusSchema = z.object({
  signedIn: z.boolean(),
  clientId: z.string().optional(),
  user: z.string().optional(),
  name: z.string().optional(),
  signedInAt: z.string().optional(),
  refreshedAt: z.string().optional(),
  /** When the current access token expires (ISO); it is renewed silently before then. */
  expiresAt: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  /** Scopes the console needs that Okta did not grant. */
  missingScopes: z.array(z.string()).optional(),
  canRefresh: z.boolean().optional(),
});
export type OAuthStatus = z.infer<typeof oauthStatusSchema>;

/** Okta API scopes each call needs (the spec's oauth2 security list), by method and path. */
export function scopesFor(method: string, path: string): string[] {
  const level = /^(GET|HEAD)$/i.test(method) ? 'read' : 'manage';
  if (/^\/api\/v1\/apps\/[^/]+\/group-push\//.test(path)) return [`okta.apps.${level}`, `okta.groups.${level}`];
  if (path.startsWith('/api/v1/apps')) return [`okta.apps.${level}`];
  if (path.startsWith('/api/v1/groups')) return [`okta.groups.${level}`];
  if (path.startsWith('/api/v1/users')) return [`okta.users.${level}`];
  if (path.startsWith('/api/v1/logs')) return ['okta.logs.read'];
  return [];
}

/** The sign-in as the profile screen shows it: the session, or the one under way, or how the last one failed. */
export const oauthViewSchema = oauthStatusSchema.extend({
  /** A sign-in is waiting for the browser. */
  pending: z.boolean(),
  /** The page to open while pending (the browser host cannot open it itself). */
  authorizeUrl: z.string().optional(),
  /** Whether main opened the system browser. */
  opened: z.boolean().optional(),
  /** Why the last sign-in did not complete. */
  error: appErrorSchema.optional(),
  /** The Client ID to prefill: the sandbox's own OIDC app, or the one last used. */
  suggestedClientId: z.string().optional(),
  /** What the OIDC app must allow as its sign-in redirect URI. */
  redirectUri: z.string(),
  /** The org's Admin Console Applications page (where the app is registered). */
  appsPageUrl: z.string().optional(),
  sandbox: z.boolean().optional(),
});
export type OAuthView = z.infer<typeof oauthViewSchema>;
