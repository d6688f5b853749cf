import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppServices } from '../main/app-services';
import { CONTENT_SECURITY_POLICY } from '../main/security/window-options';
import { createDispatch } from '../main/ipc/handle';
import { readStatic } from './static-files';
import { BRIDGE_PATH, TOKEN_PROTOCOL_PREFIX, WS_PATH, type ClientFrame, type ServerFrame } from './ws-protocol';

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

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (!isOwnHost(req, origin)) {
        res.writeHead(421).end();
        return;
      }
      const path = new URL(req.url ?? '/', origin).pathname;
      const headers = {
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
        // Same policy as the desktop window; as a header it also enforces frame-ancestors.
        'content-security-policy': CONTENT_SECURITY_POLICY,
      };
      if (path === BRIDGE_PATH) {
        res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(bridge);
        return;
      }
      const file = await readStatic(opts.rendererDir, path);
      if (!file) {
        res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      const body = path === '/' || path.endsWith('/index.html') ? injectBridge(file.body.toString('utf8')) : file.body;
      res.writeHead(200, { ...headers, 'content-type': file.type }).end(body);
    })();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024, handleProtocols: (protocols) => [...protocols][0] ?? false });
  server.on('upgrade', (req, socket, head) => {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const presented = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length) ?? '';
    const pathOk = new URL(req.url ?? '/', origin).pathname === WS_PATH;
    if (!pathOk || !isOwnHost(req, origin) || req.headers.origin !== origin || !sameToken(presented, token)) {
      opts.services.logger.warn('host', `refused a WebSocket connection from origin ${req.headers.origin ?? '(none)'}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const send = (frame: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const unsubscribe = opts.services.events.subscribe((event, payload) => send({ type: 'event', event, payload }));
    ws.on('close', unsubscribe);
    ws.on('message', (data) => {
      let frame: ClientFrame;
      try {
        frame = JSON.parse(String(data)) as ClientFrame;
      } catch {
        return;
      }
      if (frame.type !== 'invoke' || typeof frame.id !== 'number') return;
      void dispatch(frame.channel, frame.payload, { trusted: true, description: 'browser host WebSocket' }).then((envelope) =>
        send({ type: 'result', id: frame.id, envelope }),
      );
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
