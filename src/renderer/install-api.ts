import { createApi } from '../shared/api';
import type { HostGlobals } from '../preload/api-types';

/**
 * window.api, built from whichever transport the host provided (Electron preload or the
 * browser host's bridge). Import this first; nothing else in the renderer sees the transport.
 */
const host = window as unknown as HostGlobals & { api?: unknown };
if (!host.tlocTransport) {
  throw new Error('The console must be opened from the desktop app or the CONSOLE_URL printed by `npm run browser`.');
}
host.api = createApi(host.tlocTransport);
