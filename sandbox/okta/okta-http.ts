import type { IncomingMessage, ServerResponse } from 'node:http';
import { malformedBody } from './okta-errors';
import type { Principal } from './okta-auth';

/**
 * A deliberately small router: routes declare whether they need a "manage" permission, which the
 * pipeline in okta-simulator.ts enforces before the handler (the rate-limit bucket comes from the
 * path: okta-rate-limits.ts bucketOf).
 */

export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  principal: Principal;
  /** Parsed JSON body (undefined when the request had none). */
  body: unknown;
}

export interface RouteResult {
  status: number;
  /** JSON-serialised unless `text` is given. */
  body?: unknown;
  /** Raw text body (SAML metadata XML). */
  text?: string;
  contentType?: string;
  headers?: Record<string, string | string[]>;
}

export type Handler = (ctx: RequestContext) => RouteResult | Promise<RouteResult>;

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: 'read' | 'manage';
  handler: Handler;
}

interface CompiledRoute extends RouteSpec {
  regex: RegExp;
  names: string[];
}

export interface RouteMatch {
  route: CompiledRoute;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(...specs: RouteSpec[]): void {
    for (const spec of specs) {
      const names: string[] = [];
      const pattern = spec.path.replace(/:(\w+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      this.routes.push({ ...spec, regex: new RegExp(`^${pattern}/?$`), names });
    }
  }

  /** Finds the route; `methodMismatch` means the path exists with other methods (405). */
  match(method: string, pathname: string): { found?: RouteMatch; methodMismatch: boolean } {
    let methodMismatch = false;
    for (const route of this.routes) {
      const m = route.regex.exec(pathname);
      if (!m) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
      return { found: { route, params }, methodMismatch: false };
    }
    return { methodMismatch };
  }
}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw malformedBody();
  }
}

export function send(res: ServerResponse, result: RouteResult, extraHeaders: Record<string, string | string[]>): void {
  const headers: Record<string, string | string[]> = { ...extraHeaders, ...(result.headers ?? {}) };
  if (result.status === 204) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  const payload = result.text ?? JSON.stringify(result.body ?? {});
  headers['Content-Type'] = result.contentType ?? 'application/json';
  res.writeHead(result.status, headers);
  res.end(payload);
}

/** Shorthands for handlers. */
export const ok = (body: unknown, headers?: Record<string, string | string[]>): RouteResult => ({ status: 200, body, headers });
export const created = (body: unknown): RouteResult => ({ status: 201, body });
