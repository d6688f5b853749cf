/// <reference lib="dom" />
import type { Transport } from '../shared/api';
import type { Envelope } from '../shared/errors';
import type { EventChannel } from '../shared/ipc-contract';
import { MAX_FRAME_BYTES, TOKEN_PROTOCOL_PREFIX, WS_PATH, type ClientFrame, type ServerFrame } from './ws-protocol';

/**
 * Runs in the page before the app: provides the IPC transport over the loopback WebSocket, the
 * same shape Electron's preload exposes. Bundled by the host at start.
 */
const TOKEN_KEY = 'tloc-host-token';

function takeToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // Keep the token out of the address bar, history and screenshots; a reload reads sessionStorage.
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function createWebSocketTransport(token: string): Transport {
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Set<(event: EventChannel, payload: unknown) => void>();
  let nextId = 1;
  let socket: WebSocket;
  let ready: Promise<WebSocket>;

  const connect = () => {
    socket = new WebSocket(`ws://${location.host}${WS_PATH}`, [`${TOKEN_PROTOCOL_PREFIX}${token}`]);
    ready = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(socket), { once: true });
      socket.addEventListener('error', () => reject(new Error('closed')), { once: true });
    });
    ready.catch(() => undefined);
    socket.addEventListener('message', (message) => {
      const frame = JSON.parse(String(message.data)) as ServerFrame;
      if (frame.type === 'result') {
        pending.get(frame.id)?.(frame.envelope as Envelope<unknown>);
        pending.delete(frame.id);
      } else {
        for (const listener of listeners) listener(frame.event as EventChannel, frame.payload);
      }
    });
    socket.addEventListener('close', () => {
      for (const [id, resolve] of pending) {
        resolve({ ok: false, error: { code: 'NETWORK', message: 'Lost the connection to the console host.', hint: 'Check that `npm run browser` is still running, then reload.', retryable: true } });
        pending.delete(id);
      }
    });
  };
  connect();

  return {
    async invoke(channel, payload) {
      let open: WebSocket;
      try {
        open = socket.readyState === WebSocket.CLOSED ? (connect(), await ready) : await ready;
      } catch {
        return { ok: false, error: { code: 'UNTRUSTED_SENDER', message: 'The console host refused this page.', hint: 'Open the CONSOLE_URL printed by `npm run browser` (it carries the access token).' } };
      }
      const id = nextId++;
      const frame: ClientFrame = { type: 'invoke', id, channel, payload };
      const text = JSON.stringify(frame);
      // The host closes the socket on a frame over the limit; say why instead of "lost the connection".
      const bytes = new TextEncoder().encode(text).length;
      if (bytes > MAX_FRAME_BYTES) {
        return {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: `This is too large to send to the console (${megabytes(bytes)}; the limit is ${megabytes(MAX_FRAME_BYTES)}).`,
            hint: 'Choose a smaller file: an exported profile is usually a few kilobytes.',
          },
        };
      }
      return new Promise((resolve) => {
        pending.set(id, resolve);
        open.send(text);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// The same global the Electron preload exposes; the renderer builds window.api from it.
(window as unknown as { tlocTransport: Transport }).tlocTransport = createWebSocketTransport(takeToken());
