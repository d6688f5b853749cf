import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppServices } from '../../src/main/app-services';
import { fakeRendererDir, testAppServices } from '../support/app-services';
import { startBrowserHost, type BrowserHost } from '../../src/host/browser-host';
import { TOKEN_PROTOCOL_PREFIX, WS_PATH } from '../../src/host/ws-protocol';
import { testKeychainService } from '../support/keychain';

const root = join(import.meta.dirname, '../..');

describe('browser host', () => {
  const keychain = testKeychainService();
  let services: AppServices;
  let host: BrowserHost;
  let token: string;

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tloc-host-'));
    const rendererDir = await fakeRendererDir(dataDir);
    await writeFile(join(dataDir, 'secret.txt'), 'outside the renderer folder');
    services = testAppServices({
      dataDir,
      keychainService: keychain.service,
    });
    host = await startBrowserHost({ services, rendererDir });
    token = new URL(host.consoleUrl).hash.replace('#token=', '');
  });
  afterAll(async () => {
    await host.close();
    await services.dispose();
    await keychain.cleanup();
  });

  const connect = (opts: { token?: string; origin?: string }) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${host.url.replace('http', 'ws')}${WS_PATH}`, opts.token === undefined ? [] : [`${TOKEN_PROTOCOL_PREFIX}${opts.token}`], {
        origin: opts.origin ?? host.url,
      });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });

  const call = (ws: WebSocket, channel: string, payload: unknown) =>
    new Promise<any>((resolve) => {
      ws.once('message', (data) => resolve(JSON.parse(String(data))));
      ws.send(JSON.stringify({ type: 'invoke', id: 1, channel, payload }));
    });

  it('serves the renderer with the bridge injected before the app, and security headers', async () => {
    const res = await fetch(host.url);
    const html = await res.text();
    expect(html.indexOf('/__bridge.js')).toBeGreaterThan(-1);
    expect(html.indexOf('/__bridge.js')).toBeLessThan(html.indexOf('./app.js'));
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await fetch(`${host.url}/__bridge.js`)).status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    expect((await fetch(`${host.url}/..%2Fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${host.url}/%2e%2e/secret.txt`)).status).toBe(404);
  });

  it('refuses requests for another Host name (DNS rebinding)', async () => {
    // fetch() cannot set Host, so speak plain HTTP.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const { port } = new URL(host.url);
      request({ host: '127.0.0.1', port, path: '/', headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject).end();
    });
    expect(status).toBe(421);
  });

  it('carries the IPC contract for the right token and origin', async () => {
    const ws = await connect({ token });
    const reply = await call(ws, 'profiles:list', {});
    expect(reply).toMatchObject({ type: 'result', id: 1, envelope: { ok: true, value: { profiles: [], problems: [] } } });
    const invalid = await call(ws, 'profiles:get', { profileId: 'nope' });
    expect(invalid.envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    ws.close();
  });

  it('refuses a wrong token, a missing token and a foreign origin', async () => {
    await expect(connect({ token: 'x'.repeat(token.length) })).rejects.toThrow(/403/);
    await expect(connect({})).rejects.toThrow(/403/);
    await expect(connect({ token, origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });
});

describe('npm run browser (the CLI)', () => {
  it('prints CONSOLE_URL, then exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tloc-host-cli-'));
    const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/host/cli.ts'), '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (l) => l.startsWith('CONSOLE_URL=') && resolve(l));
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    expect(line).toMatch(/^CONSOLE_URL=http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('exits 2 with a usage message on a bad option', async () => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/host/cli.ts'), '--port', 'eighty'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a number');
  });
});
