import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/transport-channels';
import type { EventBus } from './event-bus';
import type { Dispatch } from './handle';

/**
 * Binds the dispatch to Electron IPC. Only our own window's main frame, showing our own
 * renderer, is a trusted sender; anything else (a stray frame, a navigated page) is refused.
 */
export function bindElectronIpc(dispatch: Dispatch, events: EventBus, win: BrowserWindow, isRendererUrl: (url: string) => boolean): () => void {
  const isTrusted = (event: IpcMainInvokeEvent) =>
    event.sender.id === win.webContents.id &&
    event.senderFrame !== null &&
    event.senderFrame === win.webContents.mainFrame &&
    isRendererUrl(event.senderFrame.url);

  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, payload: unknown) =>
    dispatch(String(channel), payload, { trusted: isTrusted(event), description: event.senderFrame?.url ?? 'unknown frame' }),
  );
  const unsubscribe = events.subscribe((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unsubscribe();
  };
}
