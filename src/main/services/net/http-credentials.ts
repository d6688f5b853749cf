import { Redactor } from '../log/redactor';

/** Header names that carry credentials and must not follow a redirect to another origin. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|token|api-?key|secret|session/i;

/** The headers without any that carry a credential (for a hop to another origin). */
export function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADER.test(k)));
}

/**
 * Redacts this request's own credential values from text built from the answer, in case the
 * remote echoes them (some APIs repeat the token in "invalid token ..." messages).
 */
export function scrubberFor(headers: Record<string, string>): (text: string) => string {
  const secrets: string[] = [];
  for (const [k, v] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADER.test(k) || !v) continue;
    secrets.push(v);
    const parts = v.split(/\s+/);
    if (parts.length > 1) secrets.push(parts.slice(1).join(' '));
  }
  const redactor = new Redactor(secrets);
  return (text) => redactor.redact(text);
}
