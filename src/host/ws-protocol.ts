/**
 * Frames of the browser host's WebSocket. The payloads are exactly the IPC contract's; only
 * the framing is the host's own.
 */
export type ClientFrame = { type: 'invoke'; id: number; channel: string; payload: unknown };
export type ServerFrame =
  | { type: 'result'; id: number; envelope: unknown }
  | { type: 'event'; event: string; payload: unknown };

/** The token travels as a WebSocket subprotocol so it never lands in a URL, a log or a Referer. */
export const TOKEN_PROTOCOL_PREFIX = 'tloc-token.';
export const WS_PATH = '/__ipc';
export const BRIDGE_PATH = '/__bridge.js';
