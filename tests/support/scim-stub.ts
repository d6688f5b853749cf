import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny SCIM 2.0 server for the Okta simulator's own tests: records every request and keeps
 * users/groups in memory. It is not a conformance target (the ThreatLocker simulator is).
 */

export interface RecordedScimRequest {
  method: string;
  /** Path + query as received, e.g. /scim/v2/Users?filter=userName%20eq%20%22a%40b.c%22&startIndex=1&count=100 */
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface ScimStub {
  baseUrl: string;
  token: string;
  requests: RecordedScimRequest[];
  users: Map<string, Record<string, unknown>>;
  groups: Map<string, { id: string; displayName: string; members: { value: string; display?: string }[] }>;
  /** When set, every request answers this status (simulates an outage or a revoked token). */
  forceStatus: number | null;
  stop(): Promise<void>;
}

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export async function startScimStub(token = 'scim-test-token'): Promise<ScimStub> {
  let nextId = 1;
  const stub: Omit<ScimStub, 'baseUrl' | 'stop'> = { token, requests: [], users: new Map(), groups: new Map(), forceStatus: null };

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/scim+json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, detail: string) => send(res, status, { schemas: [ERROR], status: String(status), detail });
  const list = (items: unknown[]) => ({ schemas: [LIST], totalResults: items.length, startIndex: 1, itemsPerPage: items.length, Resources: items });
  const eqFilter = (filter: string | null, attr: string) => {
    const m = filter ? new RegExp(`^${attr} eq "(.*)"$`, 'i').exec(filter) : null;
    return m ? m[1]!.toLowerCase() : undefined;
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    stub.requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    if (stub.forceStatus !== null) return error(res, stub.forceStatus, 'forced failure');
    if (req.headers.authorization !== `Bearer ${stub.token}`) return error(res, 401, 'Unauthorized');
    const url = new URL(req.url!, 'http://stub');
    const path = url.pathname.replace(/^\/scim\/v2/, '');
    const method = req.method!;

    if (path === '/Users' && method === 'GET') {
      const userName = eqFilter(url.searchParams.get('filter'), 'userName');
      const all = [...stub.users.values()];
      return send(res, 200, list(userName === undefined ? all : all.filter((u) => String(u.userName).toLowerCase() === userName)));
    }
    if (path === '/Users' && method === 'POST') {
      if ([...stub.users.values()].some((u) => String(u.userName).toLowerCase() === String(body.userName).toLowerCase())) {
        return send(res, 409, { schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: 'userName exists' });
      }
      const id = `u-${nextId++}`;
      const user = { ...body, id, meta: { resourceType: 'User' } };
      stub.users.set(id, user);
      return send(res, 201, user);
    }
    const userMatch = /^\/Users\/([^/]+)$/.exec(path);
    if (userMatch) {
      const user = stub.users.get(decodeURIComponent(userMatch[1]!));
      if (!user) return error(res, 404, 'User not found');
      if (method === 'GET') return send(res, 200, user);
      if (method === 'PUT') {
        const updated = { ...body, id: user.id };
        stub.users.set(String(user.id), updated);
        return send(res, 200, updated);
      }
      if (method === 'PATCH') {
        for (const op of body.Operations ?? []) if (op.value && typeof op.value === 'object') Object.assign(user, op.value);
        return send(res, 200, user);
      }
    }
    if (path === '/Groups' && method === 'GET') {
      const name = eqFilter(url.searchParams.get('filter'), 'displayName');
      const all = [...stub.groups.values()];
      return send(res, 200, list(name === undefined ? all : all.filter((g) => g.displayName.toLowerCase() === name)));
    }
    if (path === '/Groups' && method === 'POST') {
      const id = `g-${nextId++}`;
      const group = { id, displayName: String(body.displayName), members: [] as { value: string; display?: string }[] };
      stub.groups.set(id, group);
      return send(res, 201, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], ...group });
    }
    const groupMatch = /^\/Groups\/([^/]+)$/.exec(path);
    if (groupMatch) {
      const group = stub.groups.get(decodeURIComponent(groupMatch[1]!));
      if (!group) return error(res, 404, 'Group not found');
      if (method === 'DELETE') {
        stub.groups.delete(group.id);
        return send(res, 204);
      }
      if (method === 'PATCH') {
        for (const op of body.Operations ?? []) {
          if (op.op === 'add' && op.path === 'members') {
            for (const m of op.value) if (!group.members.some((x) => x.value === m.value)) group.members.push(m);
          } else if (op.op === 'remove') {
            const m = /members\[value eq "(.*)"\]/.exec(op.path ?? '');
            if (m) group.members = group.members.filter((x) => x.value !== m[1]);
          }
        }
        return send(res, 204);
      }
    }
    return error(res, 404, `No route ${method} ${path}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(stub, {
    baseUrl: `http://127.0.0.1:${port}/scim/v2`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
