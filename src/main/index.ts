import { join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, protocol, session, shell } from 'electron';
import { buildAppServices, type AppServices } from './app-services';
import { electronPdfPrinter } from './security/print-window';
import { adoptLegacyProfiles, APP_NAME } from './data-dir';
import { startBuiltInSandbox } from './demo-entry';
import { bindElectronIpc } from './ipc/electron-ipc';
import { createDispatch } from './ipc/handle';
import { hardenSession, hardenWindow } from './security/harden';
import { isAllowedExternalUrl } from './security/external-links';
import {
  isRendererUrl,
  RENDERER_SCHEME,
  RENDERER_SCHEME_PRIVILEGES,
  RENDERER_URL,
  serveRenderer,
} from './security/renderer-protocol';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, secureWindowOptions } from './security/window-options';
import { proxyFromPacResult } from './services/net/outbound';
import { keychainServiceFromEnv, osKeychain } from './services/secrets/os-keychain';
import { quitAfterCleanup, reportStartupFailure } from './lifecycle';

function argValue(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

// One name and one data folder for every host: the browser host and the README use the same
// (data-dir.ts), so profiles and keychain entries made in either are found by the other.
app.setName(APP_NAME);
// --user-data-dir (tests, a second side-by-side copy) still wins, as in any Chromium app.
if (!app.commandLine.hasSwitch('user-data-dir')) app.setPath('userData', join(app.getPath('appData'), APP_NAME));
protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: RENDERER_SCHEME_PRIVILEGES }]);

/** The Vite dev server, only in a development build: a packaged or previewed app ignores the variable. */
const devUrl = import.meta.env.DEV ? process.env.ELECTRON_RENDERER_URL : undefined;

/** Composition root of the desktop app: services, IPC, one hardened window. */
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let services: AppServices | null = null;
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  quitAfterCleanup(app, () => services?.dispose() ?? Promise.resolve(), (error) => services?.logger.error('app', 'clean-up on quit failed', error));

  void app
    .whenReady()
    .then(async () => {
      const openExternal = async (url: string) => {
        if (!isAllowedExternalUrl(url, services?.customOktaDomains)) return false;
        await shell.openExternal(url);
        return true;
      };
      const dataDir = argValue('--data-dir') ?? app.getPath('userData');
      const adopted = argValue('--data-dir') ? null : adoptLegacyProfiles(app.getPath('appData'), dataDir);
      services = buildAppServices({
        dataDir,
        keytar: osKeychain,
        keychainService: keychainServiceFromEnv(),
        clipboard: { writeText: (t) => clipboard.writeText(t), readText: () => clipboard.readText() },
        allowLoopback: process.argv.includes('--allow-loopback'),
        startSandbox: startBuiltInSandbox,
        openExternal,
        version: app.getVersion(),
        // Chromium's answer honours the OS proxy settings, PAC files and WPAD.
        network: { resolveProxy: async (url) => proxyFromPacResult(await session.defaultSession.resolveProxy(url.href)) },
        printPdf: electronPdfPrinter,
      });
      if (adopted) services.logger.info('app', `moved profiles from ${adopted} to ${dataDir}`);
      if (process.argv.includes('--sandbox')) await services.sandbox.start();

      const rendererDir = join(__dirname, '../renderer');
      protocol.handle(RENDERER_SCHEME, (request) => serveRenderer(rendererDir, request));
      hardenSession(session.defaultSession, devUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
      win = new BrowserWindow(secureWindowOptions(join(__dirname, '../preload/index.cjs'), join(__dirname, '../../resources/icon.png')));
      hardenWindow(win, (url) => void openExternal(url));
      bindElectronIpc(createDispatch(services.handlers, services.logger), services.events, win, (url) => isRendererUrl(url, devUrl));
      if (app.isPackaged) win.webContents.on('devtools-opened', () => win?.webContents.closeDevTools());
      win.once('ready-to-show', () => win?.show());
      await win.loadURL(devUrl ?? RENDERER_URL);
    })
    .catch((error: unknown) => {
      // Without this the app would keep running with no window (or a hidden one) and no word why.
      reportStartupFailure(error, { dialog, app, logger: services?.logger, redactor: services?.redactor });
    });
  app.on('window-all-closed', () => app.quit());
}
