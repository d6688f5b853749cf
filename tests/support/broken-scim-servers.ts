/**
 * Small, deliberately broken SCIM servers on 127.0.0.1 for the SCIM checker's tests. Each one is
 * a minimal *correct* read-only SCIM server with exactly one fault switched on, so a test can
 * assert that the one check about that fault fails (or warns) and why.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type BrokenScimFault =
  | 'none'
  /** Serves everything as the ThreatLocker portal's HTML login page. */
  | 'html'
  /** The SCIM error for an unknown id carries `status: 404` (a number) instead of "404". */
  | 'numeric-error-status'
  /** totalResults is the string "1" instead of the integer 1. */
  | 'string-total'
  /** Page 2 (startIndex=101) repeats the ids of page 1. */
  | 'duplicate-pages'
  /** Sends the headers and a few bytes, then nothing for 30 s. */
  | 'stall'
  /** GET /Users with the right token streams a 50 MB JSON body. */
  | 'huge-body'
  /** Every request is answered 302 to the same path on `redirectTo`. */
  | 'redirect'
  /** Writable users, no /Groups, and DELETE /Users/{id} refused with 405 (Okta never deletes). */
  | 'no-delete';

export interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  userAgent: string | undefined;
  accept: string | undefined;
}

export interface BrokenScimServer {
  /** Origin, e.g. http://127.0.0.1:5123 */
  origin: string;
  /** SCIM base URL (origin + /scim/v2). */
  url: string;
  token: string;
  requests: RecordedRequest[];
  /** For 'huge-body': bytes written so far and whether the client hung up before the end. */
  hugeBody: { bytesWritten: number; clientClosed: boolean; finished: boolean };
  /** The users the server holds now (for 'no-delete': what the write checks left). */
  users: ScimTestUser[];
  stop(): Promise<void>;
}

export interface BrokenScimServerOptions {
  fault: BrokenScimFault;
  token?: string;
  /** Where 'redirect' points (another origin). */
  redirectTo?: string;
  /** Number of users the server holds (default 3). */
  users?: number;
}

const SCIM = 'application/scim+json';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const BASE = '/scim/v2';
export const HUGE_BODY_BYTES = 50 * 1024 * 1024;

const portalHtml =
  '<!DOCTYPE html><html><head><title>ThreatLocker Portal</title></head><body><h1>Sign in</h1>' +
  '<form action="/login" method="post"><input name="email"><input type="password" name="password"></form></body></html>';

export interface ScimTestUser {
  schemas: string[];
  id: string;
  userName: string;
  name: { givenName: string; familyName: string };
  active: boolean;
  emails: { value: string; primary: boolean; type: string }[];
}

function user(i: number): ScimTestUser {
  const userName = `user${i}@example.test`;
  return {
    schemas: [USER],
    id: `u-${String(i).padStart(4, '0')}`,
    userName,
    name: { givenName: `Given${i}`, familyName: `Family${i}` },
    active: true,
    emails: [{ value: userName, primary: true, type: 'work' }],
  };
}

export async function startBrokenScimServer(opts: BrokenScimServerOptions): Promise<BrokenScimServer> {
  const token = opts.token ?? 'broken-server-token-0123456789abcdef';
  const users = Array.from({ length: opts.users ?? 3 }, (_, i) => user(i + 1));
  const requests: RecordedRequest[] = [];
  const hugeBody = { bytesWritten: 0, clientClosed: false, finished: false };
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';

  const send = (res: ServerResponse, status: number, body: unknown, type = SCIM) => {
    res.writeHead(status, { 'content-type': type });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const scimError = (res: ServerResponse, status: number, detail: string) =>
    send(res, status, { schemas: [ERROR], status: opts.fault === 'numeric-error-status' ? status : String(status), detail });
  const list = (resources: unknown[], total: number, startIndex: number) => ({
    schemas: [LIST],
    totalResults: opts.fault === 'string-total' ? String(total) : total,
    itemsPerPage: resources.length,
    startIndex,
    Resources: resources,
  });

  const handle = (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
      userAgent: req.headers['user-agent'],
      accept: req.headers.accept,
    });
    const url = new URL(req.url ?? '/', 'http://x');

    if (opts.fault === 'redirect') {
      res.writeHead(302, { location: `${opts.redirectTo ?? 'http://127.0.0.1:9'}${url.pathname}${url.search}` });
      res.end();
      return;
    }
    if (opts.fault === 'html') return send(res, 200, portalHtml, 'text/html; charset=utf-8');
    if (opts.fault === 'stall') {
      res.writeHead(200, { 'content-type': SCIM });
      res.write('{"schemas":[');
      const t = setTimeout(() => {
        timers.delete(t);
        res.end('"late"]}');
      }, 30_000);
      timers.add(t);
      return;
    }

    if (!url.pathname.startsWith(BASE)) {
      // What a wrong API Url path hits: the host's generic 404, not a SCIM error.
      return send(res, 404, { message: 'Not Found' }, 'application/json');
    }
    if (req.headers.authorization !== `Bearer ${token}`) return scimError(res, 401, 'Invalid bearer token');

    const path = url.pathname.slice(BASE.length).replace(/\/+$/, '');
    const q = url.searchParams;
    if (opts.fault === 'no-delete') {
      const answered = writable(req.method ?? 'GET', path, body, res);
      if (answered) return;
    }
    if (path === '/ServiceProviderConfig') {
      return send(res, 200, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: true, maxResults: 100 },
        sort: { supported: false },
        etag: { supported: false },
        changePassword: { supported: false },
        authenticationSchemes: [{ type: 'oauthbearertoken', name: 'Bearer', description: 'Bearer token' }],
      });
    }
    if (path === '/ResourceTypes' || path === '/Schemas') return send(res, 200, { schemas: [LIST], totalResults: 0, Resources: [] });
    if (path === '/Groups') return send(res, 200, list([], 0, 1));
    if (path === '/Users') {
      if (opts.fault === 'huge-body') return streamHuge(res);
      const filter = q.get('filter');
      const match = filter?.match(/^userName (eq|sw) "(.*)"$/i);
      const wanted = match?.[2]?.toLowerCase() ?? '';
      const matched = match
        ? users.filter((u) => (match[1]!.toLowerCase() === 'eq' ? u.userName.toLowerCase() === wanted : u.userName.toLowerCase().startsWith(wanted)))
        : users;
      const startIndex = Math.max(1, Number(q.get('startIndex') ?? 1));
      const count = Math.max(0, Number(q.get('count') ?? 100));
      const from = opts.fault === 'duplicate-pages' ? 0 : startIndex - 1;
      return send(res, 200, list(matched.slice(from, from + count), matched.length, startIndex));
    }
    const byId = path.match(/^\/Users\/([^/]+)$/);
    if (byId) {
      const found = users.find((u) => u.id === decodeURIComponent(byId[1]!));
      return found ? send(res, 200, found) : scimError(res, 404, `User ${byId[1]} not found`);
    }
    return scimError(res, 404, `Nothing at ${url.pathname}`);
  };

  /** The write side of 'no-delete'; returns false for requests the read-only code answers. */
  let nextId = 1;
  const writable = (method: string, path: string, body: unknown, res: ServerResponse): boolean => {
    const b = (body ?? {}) as Partial<ScimTestUser> & { Operations?: { op: string; value?: { active?: boolean } }[] };
    if (path === '/Groups' || path.startsWith('/Groups/')) {
      scimError(res, 404, 'This server has no groups');
      return true;
    }
    if (method === 'POST' && path === '/Users') {
      const userName = String(b.userName ?? '');
      if (users.some((u) => u.userName.toLowerCase() === userName.toLowerCase())) {
        send(res, 409, { schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: 'userName taken' });
        return true;
      }
      const created: ScimTestUser = {
        schemas: [USER],
        id: `w-${nextId++}`,
        userName,
        name: { givenName: String(b.name?.givenName ?? ''), familyName: String(b.name?.familyName ?? '') },
        active: b.active !== false,
        emails: [{ value: userName, primary: true, type: 'work' }],
      };
      users.push(created);
      send(res, 201, created);
      return true;
    }
    const m = path.match(/^\/Users\/([^/]+)$/);
    const target = m ? users.find((u) => u.id === decodeURIComponent(m[1]!)) : undefined;
    if (!m || method === 'GET') return false;
    if (!target) {
      scimError(res, 404, 'not found');
      return true;
    }
    if (method === 'DELETE') {
      scimError(res, 405, 'Users cannot be deleted, deactivate them');
      return true;
    }
    if (method === 'PUT') {
      target.userName = String(b.userName ?? target.userName);
      target.name = { givenName: String(b.name?.givenName ?? ''), familyName: String(b.name?.familyName ?? '') };
      target.active = b.active !== false;
    } else if (method === 'PATCH') {
      for (const op of b.Operations ?? []) if (op.op.toLowerCase() === 'replace' && typeof op.value?.active === 'boolean') target.active = op.value.active;
    }
    send(res, 200, target);
    return true;
  };

  const streamHuge = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': SCIM });
    const chunk = Buffer.alloc(64 * 1024, 0x20); // whitespace: valid JSON padding, endless to parse
    res.on('close', () => {
      if (!hugeBody.finished) hugeBody.clientClosed = true;
    });
    const pump = () => {
      while (hugeBody.bytesWritten < HUGE_BODY_BYTES) {
        if (res.destroyed) return;
        hugeBody.bytesWritten += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      hugeBody.finished = true;
      res.end();
    };
    pump();
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        body = undefined;
      }
      handle(req, res, body);
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: `${origin}${BASE}`,
    token,
    requests,
    hugeBody,
    users,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** A plain server that records what reaches it: stands for "another host" in redirect tests. */
export async function startRecordingServer(): Promise<{ origin: string; requests: RecordedRequest[]; stop(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
      userAgent: req.headers['user-agent'],
      accept: req.headers.accept,
    });
    res.writeHead(200, { 'content-type': SCIM });
    res.end(JSON.stringify({ schemas: [LIST], totalResults: 0, Resources: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
