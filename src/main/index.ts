import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, clipboard, session, shell } from 'electron';
import { buildAppServices } from './app-services';
import { startBuiltInSandbox } from './demo-entry';
import { bindElectronIpc } from './ipc/electron-ipc';
import { createDispatch } from './ipc/handle';
import { hardenSession, hardenWindow } from './security/harden';
import { isAllowedExternalUrl } from './security/external-links';
import { secureWindowOptions } from './security/window-options';
import { keychainServiceFromEnv, osKeychain } from './services/secrets/os-keychain';

function argValue(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** Composition root of the desktop app: services, IPC, one hardened window. */
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(async () => {
    const openExternal = async (url: string) => {
      if (!isAllowedExternalUrl(url)) return false;
      await shell.openExternal(url);
      return true;
    };
    const services = buildAppServices({
      dataDir: argValue('--data-dir') ?? app.getPath('userData'),
      keytar: osKeychain,
      keychainService: keychainServiceFromEnv(),
      clipboard: { writeText: (t) => clipboard.writeText(t), readText: () => clipboard.readText() },
      allowLoopback: process.argv.includes('--allow-loopback'),
      startSandbox: startBuiltInSandbox,
      openExternal,
      version: app.getVersion(),
    });
    if (process.argv.includes('--sandbox')) await services.sandbox.start();

    hardenSession(session.defaultSession);
    win = new BrowserWindow(secureWindowOptions(join(__dirname, '../preload/index.cjs'), join(__dirname, '../../resources/icon.png')));
    hardenWindow(win, (url) => void openExternal(url));
    const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
    const rendererFile = join(__dirname, '../renderer/index.html');
    const rendererPrefix = devUrl ?? pathToFileURL(rendererFile).href;
    bindElectronIpc(createDispatch(services.handlers, services.logger), services.events, win, rendererPrefix);
    if (app.isPackaged) win.webContents.on('devtools-opened', () => win?.webContents.closeDevTools());
    win.once('ready-to-show', () => win?.show());
    if (devUrl) await win.loadURL(devUrl);
    else await win.loadFile(rendererFile);

    app.on('before-quit', () => void services.dispose());
  });
  app.on('window-all-closed', () => app.quit());
}
