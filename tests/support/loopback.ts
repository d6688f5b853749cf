/**
 * Test helpers: real HTTP servers on 127.0.0.1, a Logger that keeps its lines in memory, and the
 * AppError a failing call ends in. Only tests import this file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { expect } from 'vitest';
import { AppError } from '../../src/shared/errors';
import type { Logger } from '../../src/main/services/log/logger';
import { Redactor } from '../../src/main/services/log/redactor';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface LoopbackServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse, body: string, index: number) => void | Promise<void>;

export async function startLoopback(handler: LoopbackHandler): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const index = requests.length;
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      Promise.resolve(handler(req, res, body, index)).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A Logger that records every line twice: `raw` as the code wrote it (must already be free of
 * secrets) and `lines` after the Redactor, the way the real logger writes them.
 */
export function memoryLogger(redactor = new Redactor()): Logger & { raw: string[]; lines: string[] } {
  const raw: string[] = [];
  const lines: string[] = [];
  const write = (level: string) => (area: string, message: string, detail?: unknown) => {
    const line = `${level} [${area}] ${message}${detail === undefined ? '' : ` ${detail instanceof Error ? `${detail.message}\n${detail.stack ?? ''}` : JSON.stringify(detail)}`}`;
    raw.push(line);
    lines.push(redactor.redact(line));
  };
  return { raw, lines, debug: write('DEBUG'), info: write('INFO'), warn: write('WARN'), error: write('ERROR') };
}

/** A clock and sleep pair: sleeping advances the clock instantly and records the wait. */
export function fakeTime(start = Date.now()) {
  const state = { now: start, sleeps: [] as number[] };
  return {
    state,
    now: () => state.now,
    sleep: async (ms: number) => {
      state.sleeps.push(ms);
      state.now += ms;
    },
  };
}

/** Awaits a call that must fail, expects an AppError and returns it; a call that succeeds fails the test. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a failure');
}
