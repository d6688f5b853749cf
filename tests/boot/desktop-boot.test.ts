import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startThreatLockerSimulator, type ThreatLockerSimulator } from '../../sandbox/threatlocker/threatlocker-simulator';
import { APP_NAME, defaultDataDir } from '../../src/main/data-dir';
import { testKeychainService } from '../support/keychain';
import { boot, builtAppExists, installBuiltApp, removeInstalls, until, type BootedApp } from './boot-harness';

// The desktop app's main process, as built, in Node with a stand-in `electron` (no Electron
// binary can run here). Issue 15 items 1 (IPC trust on any install path), 2 (one data folder),
// 3 (quit mid-check) and 9 (startup failure).
const scratch = mkdtempSync(join(tmpdir(), 'tloc-boot-'));
let running: BootedApp | undefined;

function start(installDir: string, name: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): BootedApp {
  const appData = mkdtempSync(join(scratch, `appdata-${name}-`));
  running = boot(installDir, { args, env, appData, recordFile: join(scratch, `${name}.jsonl`) });
  return running;
}

beforeAll(() => {
  if (!builtAppExists()) throw new Error('Build the app first: npx electron-vite build (npm test does).');
});
afterEach(() => running?.kill());
afterAll(() => {
  removeInstalls();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the built desktop app, booted with a stand-in electron', () => {
  it('answers its own window from an install path with spaces, % and non-ASCII, and refuses other frames', async () => {
    const dir = installBuiltApp(join('Program Files', 'el 100% ünï #1'));
    // A production build ignores the dev-server variable (only `electron-vite dev` honours it).
    const app = start(dir, 'paths', [], { ELECTRON_RENDERER_URL: 'http://127.0.0.1:9/' });
    await until('the window to show', () => app.records().some((r) => r.kind === 'shown'));
    const records = app.records();
    expect(records.filter((r) => r.kind === 'loaded').map((r) => r.url)).toEqual(['app://console/index.html']);
    expect(records.find((r) => r.kind === 'schemes')?.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);

    const window = records.find((r) => r.kind === 'window')!;
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({
      preload: join(realpathSync(dir), 'out/preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
    });
    expect(records.find((r) => r.kind === 'exposed')?.key).toBe('tlocTransport');

    const info = await app.invoke('app:info', {});
    expect(info).toMatchObject({ ok: true });
    expect((await app.invoke('profiles:list', {})).ok).toBe(true);
    // A stray frame, or our window navigated elsewhere, gets nothing.
    expect(await app.invoke('profiles:list', {}, 'sub-frame')).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(await app.invoke('profiles:list', {}, 'navigated')).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });

    // The renderer comes from the app's own origin, with the CSP, and nothing outside out/renderer.
    const page = await app.command({ op: 'fetch', scheme: 'app', url: 'app://console/index.html' });
    expect(page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(page.csp).toContain("script-src 'self'");
    expect((await app.command({ op: 'fetch', scheme: 'app', url: 'app://console/%2e%2e/%2e%2e/package.json' })).status).toBe(404);
    expect((await app.command({ op: 'fetch', scheme: 'app', url: 'app://console/%E0%A4%A' })).status).toBe(404);

    await app.command({ op: 'quit' });
    expect(await app.exited).toBe(0);
  });

  it('keeps its profiles in the same "ThreatLocker Okta Console" folder as the browser host and README', async () => {
    const app = start(installBuiltApp('plain'), 'datadir');
    await until('the window to show', () => app.records().some((r) => r.kind === 'shown'));
    const info = await app.invoke('app:info', {});
    expect(info.value.dataDir).toBe(join(app.appData, APP_NAME));
    if (process.platform === 'linux') {
      // The browser host's default, computed the same way (XDG_CONFIG_HOME is appData here).
      const saved = process.env.XDG_CONFIG_HOME;
      process.env.XDG_CONFIG_HOME = app.appData;
      try {
        expect(defaultDataDir()).toBe(info.value.dataDir);
      } finally {
        if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
        else process.env.XDG_CONFIG_HOME = saved;
      }
    }
    await app.command({ op: 'quit' });
    expect(await app.exited).toBe(0);
  });

  it('shows an error and exits when startup fails, instead of running on invisibly', async () => {
    const notAFolder = join(scratch, 'data-is-a-file');
    writeFileSync(notAFolder, 'not a folder');
    const app = start(installBuiltApp('plain'), 'failure', ['--data-dir', notAFolder]);
    const code = await Promise.race([app.exited, new Promise((r) => setTimeout(() => r('still running after 10 s'), 10_000))]);
    expect(code).toBe(1);
    const box = app.records().find((r) => r.kind === 'errorBox');
    expect(box?.title).toBe(`${APP_NAME} could not start`);
    expect(box?.content).toMatch(/ENOTDIR|EEXIST/);
    expect(app.records().some((r) => r.kind === 'shown')).toBe(false);
  });

  describe('quitting during SCIM write checks', () => {
    const keychain = testKeychainService();
    let sim: ThreatLockerSimulator;
    beforeAll(async () => {
      sim = await startThreatLockerSimulator();
      sim.faults.latencyMs = 150; // each SCIM call takes a while, so the quit lands mid-run
    });
    afterAll(async () => {
      await sim.stop();
      await keychain.cleanup();
    });

    it('waits for the clean-up to delete the test user and groups, and clears a token copied seconds ago', async () => {
      const app = start(installBuiltApp('plain'), 'quit', ['--allow-loopback'], { TLOC_KEYCHAIN_SERVICE: keychain.service });
      await until('the window to show', () => app.records().some((r) => r.kind === 'shown'));
      const created = await app.invoke('profiles:create', { name: 'Quit test', oktaOrgUrl: 'acme.okta.com', instance: 'd', scimUrl: sim.scimUrl });
      expect(created.ok).toBe(true);
      const profileId = created.value.id;
      expect((await app.invoke('secrets:set', { profileId, kind: 'scimBearerToken', value: sim.scimToken })).ok).toBe(true);
      expect((await app.invoke('secrets:copy', { profileId, kind: 'scimBearerToken' })).ok).toBe(true);
      expect((await app.command({ op: 'state' })).clipboard).toBe(sim.scimToken);

      void app.invoke('scim:runChecks', { profileId, write: true });
      await until('the check to create its test user', () => sim.controls.listUsers().some((u) => u.userName.startsWith('tl-console-check')), 30_000);
      await app.command({ op: 'quit' });
      expect(await app.exited).toBe(0);

      expect(sim.controls.listUsers().filter((u) => u.userName.startsWith('tl-console-check'))).toEqual([]);
      expect(sim.controls.listGroups().filter((g) => g.displayName.startsWith('tl-console-check'))).toEqual([]);
      const exit = app.records().find((r) => r.kind === 'exit');
      expect(exit).toMatchObject({ code: 0, clipboard: '' });
    }, 60_000);
  });
});
