import { describe, expect, it } from 'vitest';
import { hardenSession, hardenWindow } from './harden';

/** Stand-ins for BrowserWindow / Session: the rules are ours, Electron only calls them. */
function fakeWindow(currentUrl: string) {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const win = {
    webContents: {
      getURL: () => currentUrl,
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      on: (event: string, fn: (...args: unknown[]) => void) => listeners.set(event, fn),
    },
  };
  return { win, listeners, open: (url: string) => openHandler!({ url }) };
}

describe('hardenWindow', () => {
  it('denies every new window and sends only allowlisted https links to the system browser', () => {
    const opened: string[] = [];
    const { win, open } = fakeWindow('file:///app/index.html');
    hardenWindow(win as never, (url) => opened.push(url));
    expect(open('https://acme-admin.okta.com/admin/app/x/instance/0oa1/')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://acme-admin.okta.com/admin/app/x/instance/0oa1/']);
  });

  it('blocks navigation away from the app and webview attachment', () => {
    const { win, listeners } = fakeWindow('file:///app/index.html');
    hardenWindow(win as never, () => undefined);
    let prevented = 0;
    const event = { preventDefault: () => prevented++ };
    listeners.get('will-navigate')!(event, 'https://evil.example/');
    listeners.get('will-navigate')!(event, 'file:///app/index.html');
    listeners.get('will-attach-webview')!(event);
    expect(prevented).toBe(2);
  });
});

describe('hardenSession', () => {
  it('refuses every permission except writing plain text to the clipboard, and sets the CSP header', () => {
    let request: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: ((wc: unknown, permission: string) => boolean) | undefined;
    let headers: ((details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | undefined;
    hardenSession({
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      webRequest: { onHeadersReceived: (fn: typeof headers) => (headers = fn) },
    } as never);
    const answers: Record<string, boolean> = {};
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write']) {
      request!(null, p, (ok) => (answers[p] = ok));
    }
    expect(answers).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      openExternal: false,
      'clipboard-read': false,
      'clipboard-sanitized-write': true,
    });
    expect(check!(null, 'media')).toBe(false);
    let out: Record<string, string[]> = {};
    headers!({ responseHeaders: {} }, (r) => (out = r.responseHeaders));
    expect(out['Content-Security-Policy']?.[0]).toContain("default-src 'none'");
  });
});
