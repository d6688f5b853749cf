import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/transport-channels';
import { EventBus } from './event-bus';
import type { CallerInfo } from './handle';

// No Electron binary runs in CI, so the adapter is checked against a stand-in ipcMain.
const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));
const { bindElectronIpc } = await import('./electron-ipc');

const RENDERER = 'app://console/index.html';

function fakeWindow() {
  const mainFrame = { url: RENDERER };
  const sent: unknown[][] = [];
  const win = {
    isDestroyed: () => false,
    webContents: { id: 7, mainFrame, send: (...args: unknown[]) => sent.push(args) },
  };
  return { win, mainFrame, sent };
}

describe('bindElectronIpc', () => {
  let callers: CallerInfo[];
  beforeEach(() => {
    handlers.clear();
    callers = [];
  });

  const bind = () => {
    const { win, mainFrame, sent } = fakeWindow();
    const events = new EventBus();
    const unbind = bindElectronIpc(
      async (_channel, _payload, caller) => {
        callers.push(caller);
        return { ok: true, value: null };
      },
      events,
      win as never,
      (url) => url.startsWith('app://console/'),
    );
    return { invoke: handlers.get(INVOKE_CHANNEL)!, mainFrame, sent, events, unbind };
  };

  it('trusts only our window\'s main frame showing our renderer', async () => {
    const { invoke, mainFrame } = bind();
    await invoke({ sender: { id: 7 }, senderFrame: mainFrame }, 'profiles:list', {});
    await invoke({ sender: { id: 7 }, senderFrame: { url: RENDERER } }, 'profiles:list', {}); // a sub-frame
    await invoke({ sender: { id: 8 }, senderFrame: mainFrame }, 'profiles:list', {}); // another webContents
    mainFrame.url = 'https://evil.example/';
    await invoke({ sender: { id: 7 }, senderFrame: mainFrame }, 'profiles:list', {}); // navigated away
    expect(callers.map((c) => c.trusted)).toEqual([true, false, false, false]);
  });

  it('forwards events to the window on the one event channel, and unbinds', () => {
    const { events, sent, unbind } = bind();
    events.emit('sandbox:state', { running: false });
    expect(sent).toEqual([[EVENT_CHANNEL, 'sandbox:state', { running: false }]]);
    unbind();
    events.emit('sandbox:state', { running: true });
    expect(sent).toHaveLength(1);
    expect(handlers.has(INVOKE_CHANNEL)).toBe(false);
  });
});
