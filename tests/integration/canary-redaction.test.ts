import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../src/host/browser-host';
import { TOKEN_PROTOCOL_PREFIX, WS_PATH } from '../../src/host/ws-protocol';
import type { AppServices } from '../../src/main/app-services';
import { fakeRendererDir, testAppServices } from '../support/app-services';
import { canaryToken, leakedPieces } from '../support/canary';
import { startLoopback, type LoopbackServer } from '../support/loopback';
import { testKeychainService } from '../support/keychain';

/**
 * The acceptance canary: hostile Okta, SCIM and portal servers echo the token they were sent, at
 * offsets around every cut the console makes (60-character codes, 80-character snippets,
 * 200-character details, 300-character summaries), as JSON fields, plain text and redirects.
 * Not even a 12-character piece may reach an IPC frame, a file in the data folder, the log, the
 * setup report, the profile export or the CLI's output.
 */
const tokens = { okta: canaryToken('okta', 43), scim: canaryToken('scim', 59), portal: canaryToken('portal', 64) };
const offsets: number[] = [];
for (const cutAt of [60, 80, 200, 300]) for (let k = cutAt - 66; k <= cutAt + 2; k += 3) offsets.push(k);

function hostileServer(): Promise<LoopbackServer> {
  return startLoopback((req, res, _body, i) => {
    const echo = String(req.headers.authorization ?? '').replace(/^(SSWS|Bearer)\s+/i, '');
    const at = offsets[i % offsets.length]!;
    const pad = 'D'.repeat(Math.max(0, at));
    const url = req.url ?? '/';
    if (i % 7 === 3 && !url.includes('redirected')) {
      res.writeHead(302, { location: `${url.split('?')[0]}?redirected=1&t=${echo}` }).end();
      return;
    }
    if (url.startsWith('/scim')) {
      res.writeHead(i % 2 ? 401 : 500, { 'content-type': i % 2 ? 'application/scim+json' : 'text/html' });
      res.end(i % 2 ? JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail: `${pad}${echo}` }) : `<html>${pad}${echo}</html>`);
      return;
    }
    // Mostly 403 and 400: a 401 stops the wizard's first step before it reaches the portal.
    const variants = [
      () => res.writeHead(i % 10 === 0 ? 401 : 403, { 'content-type': 'application/json' }).end(JSON.stringify({ errorCode: `${pad.slice(0, 40)}${echo}`, errorSummary: `${pad}${echo}` })),
      () => res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `${pad}${echo}`, errorCauses: [{ errorSummary: `${pad}${echo}` }] })),
      () => res.writeHead(400, { 'content-type': 'text/plain' }).end(`${pad}${echo}\nsecond line`),
    ];
    variants[i % variants.length]!();
  });
}

describe('canary: a token echoed by hostile servers never leaves the console', () => {
  const keychain = testKeychainService();
  let dataDir: string;
  let services: AppServices;
  let host: BrowserHost;
  let server: LoopbackServer;
  let ws: WebSocket;
  const frames: string[] = [];
  let nextId = 1;

  const call = (channel: string, payload: unknown) =>
    new Promise<any>((resolve) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'result' && frame.id === id) {
          ws.off('message', onMessage);
          resolve(frame.envelope);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
    });

  beforeAll(async () => {
    server = await hostileServer();
    dataDir = await mkdtemp(join(tmpdir(), 'tloc-canary-'));
    const rendererDir = await fakeRendererDir(dataDir);
    services = testAppServices({
      dataDir,
      keychainService: keychain.service,
      allowLoopback: true, // the hostile servers are on loopback: the explicit testing flag
      http: { backoffBaseMs: 1, maxRetries: 1 },
    });
    host = await startBrowserHost({ services, rendererDir });
    const token = new URL(host.consoleUrl).hash.replace('#token=', '');
    ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`${host.url.replace('http', 'ws')}${WS_PATH}`, [`${TOKEN_PROTOCOL_PREFIX}${token}`], { origin: host.url });
      socket.on('message', (data) => frames.push(String(data)));
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  });
  afterAll(async () => {
    ws?.close();
    await host?.close();
    await services?.dispose();
    await server?.close();
    await keychain.cleanup();
  });

  it('holds for IPC frames, files, logs, the report, the export and the CLI', async () => {
    const file = {
      schemaVersion: 1,
      id: '11111111-2222-4333-8444-555555555555',
      name: 'Hostile',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      okta: { orgUrl: server.url, customDomain: false },
      threatlocker: { instance: 'd', scimUrl: `${server.url}/scim/v2`, portalApiUrl: `${server.url}/portal` },
    };
    const imported = await call('profiles:import', { fileName: 'hostile.json', content: JSON.stringify(file) });
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    const profileId = imported.value.id as string;
    for (const [kind, value] of [['oktaApiToken', tokens.okta], ['scimBearerToken', tokens.scim], ['threatlockerPortalToken', tokens.portal]]) {
      expect((await call('secrets:set', { profileId, kind, value })).ok).toBe(true);
    }

    const outputs: string[] = [];
    // Enough calls that the server answers at every planned offset.
    for (let round = 0; round < 12 && server.requests.length < offsets.length * 2; round++) {
      outputs.push(JSON.stringify(await call('okta:verifyToken', { profileId })));
      outputs.push(JSON.stringify(await call('setup:runStep', { profileId, stepId: 'prerequisites', input: {} })));
      outputs.push(JSON.stringify(await call('scim:runChecks', { profileId })));
    }
    expect(server.requests.length).toBeGreaterThanOrEqual(offsets.length);
    const report = await call('reports:setup', { profileId });
    const exported = await call('profiles:export', { profileId });
    outputs.push(JSON.stringify(await call('setup:get', { profileId })), JSON.stringify(report), JSON.stringify(exported));
    expect(report.ok && exported.ok).toBe(true);

    const cli = await new Promise<string>((resolve, reject) => {
      const child = spawn('node_modules/.bin/tsx', ['scripts/scim-check.ts', '--url', `${server.url}/scim/v2`], {
        cwd: process.cwd(),
        env: { ...process.env, SCIM_TOKEN: tokens.scim },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr.on('data', (d: Buffer) => (text += d.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(text));
    });

    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else files.push(`${path}\n${await readFile(path, 'utf8')}`);
      }
    };
    await walk(dataDir);
    const log = await readFile(join(dataDir, 'logs', 'console.log'), 'utf8');

    // The echoes really happened and really reached these outputs, only masked.
    for (const secret of Object.values(tokens)) expect(server.requests.some((r) => String(r.headers.authorization).includes(secret))).toBe(true);
    expect(`${frames.join('\n')}${log}`).toContain('[REDACTED]');
    expect(cli).toContain('[REDACTED]');
    const everything = { frames: frames.join('\n'), files: files.join('\n'), log, outputs: outputs.join('\n'), cli };
    for (const [where, text] of Object.entries(everything)) {
      for (const [which, secret] of Object.entries(tokens)) expect(leakedPieces(text, secret), `${which} token in ${where}`).toEqual([]);
    }
  }, 120_000);
});
