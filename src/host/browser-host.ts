import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppServices } from '../main/app-services';
import { CONTENT_SECURITY_POLICY } from '../main/security/window-options';
import { createDispatch, toErrorShape } from '../main/ipc/handle';
import type { Envelope } from '../shared/errors';
import { readStatic } from '../main/security/static-files';
import { BRIDGE_PATH, MAX_FRAME_BYTES, parseClientFrame, TOKEN_PROTOCOL_PREFIX, WS_PATH, type ServerFrame } from './ws-protocol';

export interface BrowserHostOptions {
  services: AppServices;
  rendererDir: string;
  port?: number;
}

export interface BrowserHost {
  url: string;
  /** The URL to open: carries the per-run token in its fragment (never sent over HTTP). */
  consoleUrl: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on 127.0.0.1 and carries the IPC contract over a WebSocket that
 * only accepts this run's random token from this origin. The same dispatch as Electron's IPC.
 */
export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url');
  const bridge = await bundleBridge();
  const dispatch = createDispatch(opts.services.handlers, opts.services.logger);
  let origin = '';

  const log = opts.services.logger;
  const securityHeaders = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    // Same policy as the desktop window; as a header it also enforces frame-ancestors.
    'content-security-policy': CONTENT_SECURITY_POLICY,
  };

  // Every handler below is total: any web page can reach this port (an <img src> is enough),
  // so malformed input gets a 4xx or a closed socket, and a bug gets a logged 500, never a crash.
  const server: Server = createServer((req, res) => {
    serveHttp(req, res).catch((error: unknown) => {
      log.error('host', `request ${describeUrl(req.url)} failed`, error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isOwnHost(req, origin)) {
      res.writeHead(421).end();
      return;
    }
    const path = pathOf(req.url, origin);
    if (path === undefined) {
      res.writeHead(400, { ...securityHeaders, 'content-type': 'text/plain' }).end('Bad request');
      return;
    }
    if (path === BRIDGE_PATH) {
      res.writeHead(200, { ...securityHeaders, 'content-type': 'text/javascript; charset=utf-8' }).end(bridge);
      return;
    }
    const file = await readStatic(opts.rendererDir, path);
    if (file === 'bad-path') {
      res.writeHead(400, { ...securityHeaders, 'content-type': 'text/plain' }).end('Bad request');
      return;
    }
    if (file === 'not-found') {
      res.writeHead(404, { ...securityHeaders, 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const body = path === '/' || path.endsWith('/index.html') ? injectBridge(file.body.toString('utf8')) : file.body;
    res.writeHead(200, { ...securityHeaders, 'content-type': file.type }).end(body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, handleProtocols: (protocols) => [...protocols][0] ?? false });
  wss.on('error', (error) => log.error('host', 'WebSocket server error', error));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      const presented = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length) ?? '';
      const pathOk = pathOf(req.url, origin) === WS_PATH;
      if (!pathOk || !isOwnHost(req, origin) || req.headers.origin !== origin || !sameToken(presented, token)) {
        log.warn('host', `refused a WebSocket connection from origin ${String(req.headers.origin ?? '(none)').slice(0, 200)}`);
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } catch (error) {
      log.warn('host', 'refused a malformed WebSocket upgrade', error);
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    }
  });
  server.on('error', (error) => log.error('host', 'HTTP server error', error));

  wss.on('connection', (ws: WebSocket) => {
    const send = (frame: ServerFrame) => {
      if (ws.readyState !== ws.OPEN) return;
      let text: string;
      try {
        text = JSON.stringify(frame);
      } catch (error) {
        log.error('host', 'could not encode a frame', error);
        if (frame.type !== 'result') return;
        text = JSON.stringify({ type: 'result', id: frame.id, envelope: { ok: false, error: toErrorShape(error) } });
      }
      ws.send(text, (error) => error && log.warn('host', 'could not send a frame', error));
    };
    const unsubscribe = opts.services.events.subscribe((event, payload) => send({ type: 'event', event, payload }));
    ws.on('close', unsubscribe);
    // A frame over maxPayload, or a protocol error: ws closes the socket itself (1009/1002).
    ws.on('error', (error) => log.warn('host', `closed a WebSocket: ${error.message}`));
    ws.on('message', (data) => {
      const frame = parseClientFrame(String(data));
      if (frame === undefined) {
        ws.close(1003, 'Not an IPC frame');
        return;
      }
      if ('problem' in frame) {
        send({ type: 'result', id: frame.id, envelope: { ok: false, error: { code: 'VALIDATION', message: frame.problem } } });
        return;
      }
      dispatch(frame.channel, frame.payload, { trusted: true, description: 'browser host WebSocket' })
        .catch((error: unknown): Envelope<never> => {
          log.error('host', `dispatch of ${frame.channel.slice(0, 100)} failed`, error);
          return { ok: false, error: toErrorShape(error) };
        })
        .then((envelope) => send({ type: 'result', id: frame.id, envelope }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    consoleUrl: `${origin}/#token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The path of a request target, or undefined when it is not a URL (`GET http://[/`). */
function pathOf(target: string | undefined, origin: string): string | undefined {
  try {
    return new URL(target ?? '/', origin || 'http://127.0.0.1').pathname;
  } catch {
    return undefined;
  }
}

function describeUrl(target: string | undefined): string {
  return JSON.stringify(String(target ?? '').slice(0, 200));
}

/** Rejects requests whose Host is not our loopback address: a DNS-rebinding page can't reach us. */
function isOwnHost(req: IncomingMessage, origin: string): boolean {
  return origin !== '' && `http://${req.headers.host ?? ''}` === origin;
}

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bridge must run before the app's module so window.api exists when the app starts. */
function injectBridge(html: string): string {
  return html.replace('<script', `<script type="module" src="${BRIDGE_PATH}"></script>\n    <script`);
}

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./ws-bridge.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
