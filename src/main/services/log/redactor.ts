/**
 * Removes secrets from any text that leaves the process (log lines, error messages, reports).
 * Two nets: every secret value the SecretStore has handled is registered here and replaced
 * wherever it appears, and credential shapes (SSWS / Bearer / token=...) are masked even when
 * the value was never registered.
 */
export class Redactor {
  private readonly known = new Set<string>();

  register(secret: string): void {
    // Very short values would blank out ordinary words; tokens are far longer.
    if (secret.length >= 8) this.known.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.known) {
      if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
    }
    return out
      .replace(/\b(SSWS|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [REDACTED]')
      .replace(/("?(?:authorization|token|api[_-]?key|password|secret)"?\s*[:=]\s*"?)([^"\s,}]{6,})/gi, '$1[REDACTED]');
  }
}
