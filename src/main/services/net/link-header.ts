export interface LinkEntry {
  url: string;
  /** Every relation the link carries (`rel="next last"` gives two). Lower case. */
  rels: string[];
}

/**
 * Parses RFC 8288 Link headers: several headers (undici gives an array, or they were joined
 * with ", ") and several comma-separated links per header. The URL is between <>, so commas
 * inside it do not split links.
 */
export function parseLinkHeader(value: string | string[] | undefined): LinkEntry[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(', ') : value;
  const out: LinkEntry[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    if (open < 0) break;
    const close = text.indexOf('>', open + 1);
    if (close < 0) break;
    const url = text.slice(open + 1, close).trim();
    // Parameters run to the next comma outside quotes (the start of the next link).
    let j = close + 1;
    let inQuotes = false;
    while (j < text.length) {
      const ch = text[j];
      if (ch === '"') inQuotes = !inQuotes;
      else if (ch === ',' && !inQuotes) break;
      j++;
    }
    out.push({ url, rels: relsOf(text.slice(close + 1, j)) });
    i = j + 1;
  }
  return out;
}

function relsOf(params: string): string[] {
  const rels: string[] = [];
  for (const p of params.matchAll(/;\s*([^;=\s]+)\s*(?:=\s*(?:"([^"]*)"|([^;\s]*)))?/g)) {
    if (p[1]!.toLowerCase() !== 'rel') continue;
    rels.push(...(p[2] ?? p[3] ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  }
  return rels;
}

/** The `rel="next"` target resolved against the page it came from, or undefined at the end. */
export function nextLink(value: string | string[] | undefined, base: string | URL): URL | undefined {
  const entry = parseLinkHeader(value).find((l) => l.rels.includes('next'));
  if (!entry || !entry.url) return undefined;
  try {
    return new URL(entry.url, base);
  } catch {
    return undefined;
  }
}
