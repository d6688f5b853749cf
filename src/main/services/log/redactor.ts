/**
 * The console's one redaction rule. Every text that leaves a response (a log line, an error
 * message, a saved check result, a report, CLI output) passes through a Redactor, and always
 * before it is cut to length: a token split by a cut is no longer recognisable, and would leak
 * all but its last few characters.
 *
 * Two nets: every secret value registered here (the SecretStore registers each one it handles;
 * a client registers the token it sends) is replaced wherever it appears, also percent-encoded;
 * and credential shapes (SSWS / Bearer / token=...) are masked even when never registered.
 */
export class Redactor {
  private readonly known = new Set<string>();
  private ordered: string[] = [];

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.register(secret);
  }

  register(secret: string): void {
    // Very short values would blank out ordinary words; tokens are far longer.
    for (const variant of [secret, encodeURIComponent(secret)]) {
      if (variant.length >= MIN_SECRET_LENGTH) this.known.add(variant);
    }
    // Longest first, so a secret that contains another is replaced whole.
    this.ordered = [...this.known].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.ordered) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out
      .replace(/\b(SSWS|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`)
      .replace(/("?(?:authorization|token|api[_-]?key|password|secret)"?\s*[:=]\s*"?)(?!(?:SSWS|Bearer|Basic)\s|\[REDACTED\])([^"\s,}]{6,})/gi, `$1${REDACTED}`);
  }

  /** Redacts, then cuts to at most `max` characters (an ellipsis marks a cut). Never the other way round. */
  clip(text: string, max: number): string {
    return cut(this.redact(text), max);
  }

  /** Redacts every string inside a JSON-like value (objects, arrays), returning a copy. */
  redactDeep<T>(value: T): T {
    return redactDeepWith(value, (text) => this.redact(text));
  }
}

/** Applies a redaction to every string inside a JSON-like value (objects, arrays), returning a copy. */
export function redactDeepWith<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeepWith(v, redact)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeepWith(v, redact);
    return out as T;
  }
  return value;
}

export const REDACTED = '[REDACTED]';
const MIN_SECRET_LENGTH = 6;

/** Cuts already-redacted text; callers holding raw remote text use Redactor.clip instead. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}
