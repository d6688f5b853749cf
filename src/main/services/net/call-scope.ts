import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The AbortSignal of the IPC call being served. When a call times out or is cancelled, every
 * request it started must stop (and not retry for another minute in the background). Threading a
 * signal argument through every service and step would touch each signature for one concern, so
 * the dispatcher sets it here and the HTTP clients pick it up.
 */
const scope = new AsyncLocalStorage<AbortSignal>();

export function runWithCallSignal<T>(signal: AbortSignal, fn: () => T): T {
  return scope.run(signal, fn);
}

/** The current call's signal combined with the caller's own, if any. */
export function withCallSignal(own: AbortSignal | undefined): AbortSignal | undefined {
  const call = scope.getStore();
  if (!call) return own;
  return own ? AbortSignal.any([own, call]) : call;
}
