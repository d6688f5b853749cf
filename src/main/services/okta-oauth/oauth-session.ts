import { z } from 'zod';

/**
 * One signed-in Okta session, kept in the OS keychain (the access token in an entry of its own):
 * the tokens never leave it, and what the renderer sees (OAuthStatus) is derived without them.
 */
export const oauthSessionSchema = z.object({
  issuer: z.string(),
  clientId: z.string(),
  refreshToken: z.string().min(1).optional(),
  /** Epoch seconds, from the token answer. */
  expiresAt: z.number(),
  scopes: z.array(z.string()),
  /** Who signed in: the ID token's preferred_username (or sub), and name if given. */
  user: z.string(),
  name: z.string().optional(),
  signedInAt: z.string(),
  refreshedAt: z.string().optional(),
});
export type OAuthSession = z.infer<typeof oauthSessionSchema>;

/** Parses a stored session; null for anything unreadable (treated as signed out, never thrown). */
export function parseSession(text: string | null): OAuthSession | null {
  if (!text) return null;
  try {
    const parsed = oauthSessionSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
