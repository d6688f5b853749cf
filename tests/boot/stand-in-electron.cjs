/* eslint-disable @typescript-eslint/no-require-imports */
// A stand-in for the `electron` module, so the built out/main/index.js and out/preload/index.cjs
// run in plain Node where no Electron binary exists. It behaves like Electron where the app
// depends on it (userData from package.json's productName, before-quit/preventDefault, a frame
// URL Chromium-style for loadFile, the preload's contextBridge) and records what the app did.
// The boot test drives it over the fork IPC channel; records go to a file, written synchronously,
// so they survive process.exit.
'use strict';
const { appendFileSync, readFileSync } = require('node:fs');
const { EventEmitter } = require('node:events');
const { join } = require('node:path');

const installDir = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(installDir, 'package.json'), 'utf8'));
const record = (kind, data = {}) => appendFileSync(process.env.BOOT_RECORD, `${JSON.stringify({ kind, ...data })}\n`);

let ready = false;
const paths = { appData: process.env.BOOT_APPDATA };
// Electron: userData = appData/<productName || name>, decided from package.json at startup.
paths.userData = join(paths.appData, pkg.productName || pkg.name);

class FakeApp extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = false;
    this.commandLine = { hasSwitch: (name) => process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`)) };
    this.name = pkg.productName || pkg.name;
    this.readyPromise = new Promise((resolve) => setTimeout(() => ((ready = true), record('ready'), resolve()), 20));
  }
  whenReady() {
    return this.readyPromise;
  }
  setName(name) {
    this.name = name;
  }
  getName() {
    return this.name;
  }
  getVersion() {
    return pkg.version;
  }
  getPath(name) {
    if (!(name in paths)) throw new Error(`getPath(${name}) not faked`);
    return paths[name];
  }
  setPath(name, value) {
    paths[name] = value;
  }
  requestSingleInstanceLock() {
    return true;
  }
  quit() {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    record('before-quit', { prevented });
    if (prevented) return;
    this.emit('will-quit', { preventDefault: () => undefined });
    record('exit', { code: 0, via: 'quit', clipboard: clipboardText });
    process.exit(0);
  }
  exit(code = 0) {
    record('exit', { code, via: 'exit', clipboard: clipboardText });
    process.exit(code);
  }
}
const app = new FakeApp();

// IPC: ipcMain handlers; the preload's ipcRenderer calls them with our window's main frame.
const handlers = new Map();
const ipcMain = {
  handle: (channel, fn) => handlers.set(channel, fn),
  removeHandler: (channel) => handlers.delete(channel),
};
const rendererListeners = new EventEmitter();
let windowRef = null;
const ipcRenderer = {
  invoke: async (channel, ...args) => {
    const fn = handlers.get(channel);
    if (!fn) throw new Error(`No handler registered for '${channel}'`);
    return fn({ sender: windowRef.webContents, senderFrame: windowRef.webContents.mainFrame }, ...args);
  },
  on: (channel, fn) => rendererListeners.on(channel, fn),
  removeListener: (channel, fn) => rendererListeners.removeListener(channel, fn),
};
const world = {};
const contextBridge = { exposeInMainWorld: (key, api) => ((world[key] = api), record('exposed', { key })) };

/** Chromium's spelling of a file URL: spaces and non-ASCII escaped, but `%` left as it is. */
function chromiumFileUrl(path) {
  const forward = path.replace(/\\/g, '/').replace(/^([a-z]):/, (_, d) => `${d.toUpperCase()}:`);
  return `file://${forward.startsWith('/') ? '' : '/'}${[...forward].map((c) => (c === '%' ? c : encodeURI(c))).join('')}`;
}

let nextId = 1;
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.visible = false;
    const id = nextId++;
    const events = new EventEmitter();
    this.webContents = Object.assign(events, {
      id,
      mainFrame: { url: 'about:blank' },
      send: (channel, ...args) => rendererListeners.emit(channel, {}, ...args),
      setWindowOpenHandler: () => undefined,
      getURL: () => this.webContents.mainFrame.url,
      closeDevTools: () => undefined,
      isDestroyed: () => false,
    });
    windowRef = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the one window, as the app has
    record('window', { options: JSON.parse(JSON.stringify(options)), readyBefore: ready });
  }
  async loadURL(url) {
    if (url.startsWith(`${registeredScheme}:`)) {
      const res = await protocolHandlers.get(registeredScheme)(new Request(url));
      if (res.status !== 200) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
    }
    this.navigate(url);
  }
  async loadFile(file) {
    readFileSync(file);
    this.navigate(chromiumFileUrl(file));
  }
  navigate(url) {
    this.webContents.mainFrame.url = url;
    record('loaded', { url });
    require(this.options.webPreferences.preload); // the preload runs in the page before it
    setTimeout(() => this.emit('ready-to-show'), 5);
  }
  show() {
    this.visible = true;
    record('shown');
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  restore() {}
  focus() {}
}

const protocolHandlers = new Map();
let registeredScheme = null;
const protocol = {
  registerSchemesAsPrivileged: (schemes) => {
    if (ready) throw new Error('registerSchemesAsPrivileged must be called before app is ready');
    registeredScheme = schemes[0]?.scheme ?? null;
    record('schemes', { schemes });
  },
  handle: (scheme, fn) => protocolHandlers.set(scheme, fn),
};

const session = {
  defaultSession: {
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    webRequest: { onHeadersReceived: () => undefined },
    resolveProxy: async () => 'DIRECT',
  },
};

let clipboardText = '';
const clipboard = {
  writeText: (t) => ((clipboardText = t), record('clipboard', { length: t.length })),
  readText: () => clipboardText,
};
const dialog = { showErrorBox: (title, content) => record('errorBox', { title, content }) };
const shell = { openExternal: async () => undefined };

// The boot test's commands: invoke a channel from a frame, fetch from the protocol, quit.
process.on('message', async (msg) => {
  const reply = (value) => process.send({ id: msg.id, value });
  try {
    if (msg.op === 'invoke') {
      if (msg.frame === 'main') return reply(await world.tlocTransport.invoke(msg.channel, msg.payload));
      const main = windowRef.webContents.mainFrame;
      const senderFrame = msg.frame === 'sub-frame' ? { url: main.url } : main;
      const saved = main.url;
      if (msg.frame === 'navigated') main.url = 'https://evil.example/';
      try {
        return reply(await handlers.get('tloc:invoke')({ sender: windowRef.webContents, senderFrame }, msg.channel, msg.payload));
      } finally {
        main.url = saved;
      }
    }
    if (msg.op === 'fetch') {
      const res = await protocolHandlers.get(msg.scheme)(new Request(msg.url));
      return reply({ status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), body: (await res.text()).slice(0, 300) });
    }
    if (msg.op === 'state') return reply({ frameUrl: windowRef?.webContents.mainFrame.url, visible: windowRef?.visible ?? false, clipboard: clipboardText });
    if (msg.op === 'quit') {
      reply(null);
      return app.quit();
    }
  } catch (error) {
    process.send({ id: msg.id, error: String(error && error.stack ? error.stack : error) });
  }
});
rendererListeners.on('tloc:event', (_e, name, payload) => process.send?.({ event: name, payload }));

module.exports = { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, protocol, session, clipboard, dialog, shell };
