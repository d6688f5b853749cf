import type { Transport } from '../shared/api';

/** What both hosts put on window before the renderer starts. */
export interface HostGlobals {
  tlocTransport: Transport;
}
