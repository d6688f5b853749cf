import { contextBridge, ipcRenderer } from 'electron';
import type { Transport } from '../shared/api';
import type { Envelope } from '../shared/errors';
import type { EventChannel } from '../shared/ipc-contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/transport-channels';

/**
 * Exposes only the transport: envelopes and events as plain data. Errors are rebuilt as typed
 * IpcErrors in the renderer, because contextBridge strips everything but an Error's message.
 */
const transport: Transport = {
  invoke: (channel, payload) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, payload) as Promise<Envelope<unknown>>,
  subscribe(listener) {
    const handler = (_event: Electron.IpcRendererEvent, name: EventChannel, payload: unknown) => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('tlocTransport', transport);
