import { createApi } from '../../shared/api';
import type { HostGlobals } from '../../preload/api-types';

/**
 * window.api, built from whichever transport the host provided (Electron preload or the
 * browser host's bridge). Import this first; nothing else in the renderer sees the transport.
 * Without a transport window.api stays undefined and main.tsx shows a "not connected" screen
 * instead of throwing before React can draw anything.
 */
const host = window as unknown as HostGlobals & { api?: unknown };
if (host.tlocTransport) {
  host.api = createApi(host.tlocTransport);
} else {
  console.error('No console transport: open this page from the desktop app or the CONSOLE_URL printed by `npm run browser`.');
}
