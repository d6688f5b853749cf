import type { OktaSimulator } from '../../sandbox/okta/okta-simulator';
import { buildCreateAppBody } from '../../src/main/services/setup/app-settings';

/** Minimal Okta API caller for the simulator's tests (the product has its own client). */

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestApi {
  call<T = any>(method: string, path: string, body?: unknown, auth?: string | null): Promise<ApiResponse<T>>;
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  del<T = any>(path: string): Promise<ApiResponse<T>>;
  /** Follows rel="next" links; returns every item and the number of pages. */
  all<T = any>(path: string): Promise<{ items: T[]; pages: number }>;
}

/** The rel="next" URL from Okta's Link headers (fetch joins repeated headers with ", "). */
export function nextLink(headers: Headers): string | undefined {
  const link = headers.get('link');
  if (!link) return undefined;
  for (const part of link.split(/,\s*(?=<)/)) {
    const m = /^<([^>]+)>;\s*rel="next"$/.exec(part.trim());
    if (m) return m[1];
  }
  return undefined;
}

export function testApi(sim: OktaSimulator, defaultAuth = `SSWS ${sim.apiToken}`): TestApi {
  const call = async (method: string, path: string, body?: unknown, auth: string | null = defaultAuth) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (auth !== null) headers.Authorization = auth;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path.startsWith('http') ? path : sim.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as any, text };
  };
  return {
    call,
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b),
    put: (p, b) => call('PUT', p, b),
    patch: (p, b) => call('PATCH', p, b),
    del: (p) => call('DELETE', p),
    async all(path) {
      const items: any[] = [];
      let url: string | undefined = path;
      let pages = 0;
      while (url) {
        const res = await call('GET', url);
        if (res.status !== 200) throw new Error(`GET ${url} -> ${res.status} ${res.text}`);
        items.push(...(res.body as any[]));
        pages++;
        url = nextLink(res.headers);
      }
      return { items, pages };
    },
  };
}

/** The createApplication body the console sends: the console's own builder, so the two never drift apart. */
export function threatLockerAppBody(instance = 'd') {
  return buildCreateAppBody(instance, { label: 'ThreatLocker', defaultRelayState: '', hideTile: true });
}
