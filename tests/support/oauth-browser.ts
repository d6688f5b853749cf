/**
 * What the admin's browser does between "open this URL" and the console's loopback page: follow
 * the authorization server's redirects with its cookies. `stopAt` hands back the redirect to the
 * console instead of visiting it, so a test can tamper with it, replay it or drop it.
 */
export interface BrowserVisit {
  /** The last URL visited, or the one stopAt held back. */
  url: string;
  status: number;
  text: string;
}

export async function followInBrowser(start: string, opts: { stopAt?: (url: string) => boolean } = {}): Promise<BrowserVisit> {
  const cookies = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 12; hop++) {
    if (hop > 0 && opts.stopAt?.(url)) return { url, status: 0, text: '' };
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      await res.arrayBuffer();
      continue;
    }
    return { url, status: res.status, text: await res.text() };
  }
  throw new Error(`Too many redirects from ${start}`);
}

/** The visible text of a simple HTML page. */
export function pageText(html: string): string {
  return html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}
