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
/** Largest frame either side accepts; the bridge refuses bigger calls before sending them. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/**
 * Reads a client frame from untrusted text. Returns the frame, `{ id }` when only the id could be
 * read (the call can still be answered with an error), or undefined for something that is not a
 * frame at all.
 */
export function parseClientFrame(text: string): ClientFrame | { id: number; problem: string } | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const o = raw as Record<string, unknown>;
  if (typeof o.id !== 'number' || !Number.isSafeInteger(o.id)) return undefined;
  if (o.type !== 'invoke') return { id: o.id, problem: 'Unknown frame type.' };
  if (typeof o.channel !== 'string') return { id: o.id, problem: 'The call has no channel name.' };
  return { type: 'invoke', id: o.id, channel: o.channel, payload: o.payload };
}
