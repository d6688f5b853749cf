import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Fault settings shared by both simulators. The object is mutable on purpose: tests and the
 * sandbox controls flip a setting and the very next request sees it.
 */
export interface FaultSettings {
  /** Added to every response, in milliseconds. */
  latencyMs: number;
  /** The next N requests answer 429 (with the simulator's own 429 body and headers). */
  next429: number;
  /** The next N requests answer 500/502/503 (cycling). */
  next5xx: number;
  /** The next N requests have their socket destroyed without a response. */
  nextDrop: number;
  /** The next N requests get a 200 whose body is not valid JSON. */
  nextMalformed: number;
}

export function noFaults(): FaultSettings {
  return { latencyMs: 0, next429: 0, next5xx: 0, nextDrop: 0, nextMalformed: 0 };
}

export type FaultOutcome =
  | { kind: 'none' }
  | { kind: 'rate-limit' }
  | { kind: 'server-error'; status: 500 | 502 | 503 }
  | { kind: 'drop' }
  | { kind: 'malformed' };

const serverErrors = [500, 502, 503] as const;

/**
 * Applies latency, then consumes one pending fault, if any. 'drop' and 'server-error' and
 * 'malformed' are answered here; 'rate-limit' is returned so the simulator can answer with
 * its own protocol-correct 429 (Okta and ThreatLocker shape them differently).
 */
export async function applyFaults(
  faults: FaultSettings,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<FaultOutcome> {
  if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
  if (faults.nextDrop > 0) {
    faults.nextDrop--;
    req.socket.destroy();
    return { kind: 'drop' };
  }
  if (faults.next429 > 0) {
    faults.next429--;
    return { kind: 'rate-limit' };
  }
  if (faults.next5xx > 0) {
    faults.next5xx--;
    const status = serverErrors[faults.next5xx % serverErrors.length]!;
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(`<html><body><h1>${status} Service Unavailable</h1></body></html>`);
    return { kind: 'server-error', status };
  }
  if (faults.nextMalformed > 0) {
    faults.nextMalformed--;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"truncated": [1, 2,');
    return { kind: 'malformed' };
  }
  return { kind: 'none' };
}
