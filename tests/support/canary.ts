/**
 * Canary tokens for redaction tests: a recognisable secret, and a check that not even a
 * 12-character piece of it survived (a cut token is still mostly a token).
 */
export const PIECE = 12;

/** A token-shaped secret (letters, digits, - and _) of `length` characters, distinct per label. */
export function canaryToken(label: string, length = 43): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_';
  let seed = [...label].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  let out = '';
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out += alphabet[(seed >>> 16) % alphabet.length];
  }
  return out;
}

/** Every PIECE-character substring of the secret found in the text (empty when nothing leaked). */
export function leakedPieces(text: string, secret: string, piece = PIECE): string[] {
  const found = new Set<string>();
  for (let i = 0; i + piece <= secret.length; i++) {
    const part = secret.slice(i, i + piece);
    if (text.includes(part)) found.add(part);
  }
  return [...found];
}
