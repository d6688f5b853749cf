import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Boots the BUILT desktop app (out/main/index.js) in plain Node, installed into a folder of the
 * test's choosing, with tests/boot/stand-in-electron.cjs as its `electron` module. The install
 * sits under node_modules/.cache so the app's real dependencies resolve as in a checkout.
 */
const root = resolve(import.meta.dirname, '../..');
const cacheDir = join(root, 'node_modules', '.cache', 'tloc-boot');

export interface Record {
  kind: string;
  [key: string]: any;
}

export interface BootedApp {
  child: ChildProcess;
  /** What the stand-in's app.getPath('appData') answers. */
  appData: string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  events: { event: string; payload: any }[];
  output: () => string;
  records(): Record[];
  command(msg: object): Promise<any>;
  invoke(channel: string, payload: unknown, frame?: 'main' | 'sub-frame' | 'navigated'): Promise<any>;
  kill(): void;
}

export function builtAppExists(): boolean {
  return existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/preload/index.cjs'));
}

/** Removes every install this harness made. */
export function removeInstalls(): void {
  rmSync(cacheDir, { recursive: true, force: true });
}

/** Copies the built app into `<cache>/<installName>` with the stand-in electron beside it. */
export function installBuiltApp(installName: string): string {
  const dir = join(cacheDir, installName);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  cpSync(join(root, 'out'), join(dir, 'out'), { recursive: true });
  cpSync(join(root, 'resources/icon.png'), join(dir, 'resources/icon.png'));
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  const electronDir = join(dir, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  writeFileSync(join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.cjs' }));
  cpSync(join(import.meta.dirname, 'stand-in-electron.cjs'), join(electronDir, 'index.cjs'));
  return dir;
}

export function boot(installDir: string, opts: { args?: string[]; env?: NodeJS.ProcessEnv; appData: string; recordFile: string }): BootedApp {
  writeFileSync(opts.recordFile, '');
  // Electron logs an unhandled rejection and runs on; so must the stand-in's Node.
  const child = fork(join(installDir, 'out/main/index.js'), opts.args ?? [], {
    cwd: installDir,
    execArgv: ['--unhandled-rejections=warn'],
    env: { ...process.env, ...opts.env, BOOT_RECORD: opts.recordFile, BOOT_APPDATA: opts.appData, XDG_CONFIG_HOME: opts.appData },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const events: BootedApp['events'] = [];
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  child.on('message', (msg: any) => {
    if (msg.event) return void events.push({ event: msg.event, payload: msg.payload });
    const waiter = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) waiter?.reject(new Error(msg.error));
    else waiter?.resolve(msg.value);
  });
  const command = (msg: object) =>
    new Promise<any>((resolveCmd, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolveCmd, reject });
      child.send({ id, ...msg });
    });
  return {
    child,
    appData: opts.appData,
    exited,
    events,
    output: () => output,
    records: () =>
      readFileSync(opts.recordFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record),
    command,
    invoke: (channel, payload, frame = 'main') => command({ op: 'invoke', channel, payload, frame }),
    kill: () => void (child.exitCode === null && child.kill()),
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `ms`. */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
