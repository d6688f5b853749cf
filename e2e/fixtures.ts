import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, chromium, _electron, type Browser, type Page } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const root = resolve(import.meta.dirname, '..');

export interface ConsoleHost {
  kind: 'browser' | 'electron';
  page: Page;
  dataDir: string;
  /** Every IPC response the renderer received during the test (browser host: WebSocket frames; empty under Electron). */
  ipcFrames: string[];
  /** Lines the host process printed (its log echo). */
  hostOutput: string[];
  reload(): Promise<void>;
}

export interface HostOptions {
  sandbox?: boolean;
  /** Starts the host with --allow-loopback (testing mode). */
  allowLoopback?: boolean;
  /** Files to place in <dataDir>/profiles before the host starts. */
  seedProfiles?: (profilesDir: string) => Promise<void>;
}

type Fixtures = { host: 'browser' | 'electron'; hostOptions: HostOptions; consoleHost: ConsoleHost };

/**
 * The Electron binary if one is installed. Looked up without require('electron'), which would
 * try to download it (and fail, or hang, on a machine that cannot reach the download host).
 */
function electronBinary(): string | null {
  const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const test = base.extend<Fixtures>({
  host: ['browser', { option: true }],
  hostOptions: [{}, { option: true }],
  consoleHost: async ({ host, hostOptions }, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tloc-e2e-'));
    if (hostOptions.seedProfiles) {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(join(dataDir, 'profiles'), { recursive: true });
      await hostOptions.seedProfiles(join(dataDir, 'profiles'));
    }
    const extraArgs = [
      '--data-dir',
      dataDir,
      ...(hostOptions.sandbox ? ['--sandbox'] : []),
      ...(hostOptions.allowLoopback ? ['--allow-loopback'] : []),
    ];
    if (host === 'electron') {
      const binary = electronBinary();
      if (!binary) {
        console.log(`[electron project] SKIPPED "${testInfo.title}": no Electron binary is installed on this machine (it cannot be downloaded here); the browser-host project ran this spec.`);
        testInfo.skip(true, 'No Electron binary installed');
        return;
      }
      const app = await _electron.launch({ executablePath: binary, args: [join(root, 'out/main/index.js'), `--user-data-dir=${dataDir}`, ...extraArgs] });
      const page = await app.firstWindow();
      await use({ kind: 'electron', page, dataDir, ipcFrames: [], hostOutput: [], reload: () => page.reload().then(() => undefined) });
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
      return;
    }

    const launched = await launchBrowserHost(extraArgs);
    await use({ kind: 'browser', dataDir, ...launched });
    await launched.stop();
    await rm(dataDir, { recursive: true, force: true });
  },
});

export interface LaunchedHost {
  page: Page;
  ipcFrames: string[];
  hostOutput: string[];
  reload(): Promise<void>;
  /** Closes the browser and stops the host (SIGTERM), waiting for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts the browser host (src/host/cli.ts) with `args` and opens its console in Chromium. A test
 * may call it twice on the same --data-dir to restart the app.
 */
export async function launchBrowserHost(args: string[]): Promise<LaunchedHost> {
  const child: ChildProcess = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/host/cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const hostOutput: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => hostOutput.push(chunk.toString()));
  const consoleUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${hostOutput.join('')}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      hostOutput.push(line);
      const match = /^CONSOLE_URL=(.+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`browser host exited with ${code}:\n${hostOutput.join('')}`)));
  });

  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  const ipcFrames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => ipcFrames.push(String(frame.payload))));
  await page.goto(consoleUrl);
  return {
    page,
    ipcFrames,
    hostOutput,
    reload: () => page.reload().then(() => undefined),
    stop: async () => {
      await browser.close();
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export { expect } from '@playwright/test';
