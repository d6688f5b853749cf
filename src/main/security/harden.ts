import type { BrowserWindow, Session } from 'electron';
import { isAllowedExternalUrl } from './external-links';
import { CONTENT_SECURITY_POLICY } from './window-options';

/**
 * Window and session rules from Signal/electron-vite: no new windows, no navigation away from
 * the app, no permission prompts; https links on the allowlist go to the system browser.
 */
export function hardenWindow(win: BrowserWindow, openExternal: (url: string) => void): void {
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== win.webContents.getURL()) {
      event.preventDefault();
      if (isAllowedExternalUrl(url)) openExternal(url);
    }
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenSession(session: Session, contentSecurityPolicy = CONTENT_SECURITY_POLICY): void {
  // Only writing plain text to the clipboard ("Copy as text" of a check report) is allowed.
  session.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'));
  session.setPermissionCheckHandler((_wc, permission) => permission === 'clipboard-sanitized-write');
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
}
