import { mkdtemp } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { mulberry32 } from '../../sandbox/seeded-random';
import type { AppServices } from '../../src/main/app-services';
import { fakeRendererDir, testAppServices } from '../support/app-services';
import { startBrowserHost, type BrowserHost } from '../../src/host/browser-host';
import { MAX_FRAME_BYTES, TOKEN_PROTOCOL_PREFIX, WS_PATH } from '../../src/host/ws-protocol';
import { testKeychainService } from '../support/keychain';

/**
 * Any web page can reach the host's port, and a crash takes the sandbox (and, during the write
 * checks, the clean-up of test administrators) with it. Each case below used to kill the process;
 * vitest fails a test on any uncaught exception or unhandled rejection, so these prove totality.
 */
describe('browser host: no request, upgrade or frame can crash it', () => {
  const keychain = testKeychainService();
  let services: AppServices;
  let host: BrowserHost;
  let token: string;
  let port: number;

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tloc-host-fuzz-'));
    const rendererDir = await fakeRendererDir(dataDir);
    services = testAppServices({
      dataDir,
      keychainService: keychain.service,
    });
    host = await startBrowserHost({ services, rendererDir });
    token = new URL(host.consoleUrl).hash.replace('#token=', '');
    port = Number(new URL(host.url).port);
  });
  afterAll(async () => {
    await host.close();
    await services.dispose();
    await keychain.cleanup();
  });

  /** Sends raw bytes and returns whatever came back before the socket closed (or 500 ms passed). */
  const raw = (bytes: string | Buffer) =>
    new Promise<string>((resolve) => {
      const socket = tcpConnect({ host: '127.0.0.1', port });
      let answer = '';
      const done = () => {
        socket.destroy();
        resolve(answer);
      };
      const timer = setTimeout(done, 500);
      socket.on('data', (d) => (answer += d.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(answer);
      });
      socket.write(bytes);
    });

  const open = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, [`${TOKEN_PROTOCOL_PREFIX}${token}`], { origin: host.url });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });

  /** Sends a frame; resolves with the reply frame, or the close code if the host closed instead. */
  const frame = (ws: WebSocket, data: string | Buffer) =>
    new Promise<{ reply?: any; closed?: number }>((resolve) => {
      ws.once('message', (d) => resolve({ reply: JSON.parse(String(d)) }));
      ws.once('close', (code) => resolve({ closed: code }));
      ws.on('error', () => undefined);
      ws.send(data);
    });

  const stillServes = async () => {
    expect((await fetch(host.url)).status).toBe(200);
    const ws = await open();
    const { reply } = await frame(ws, JSON.stringify({ type: 'invoke', id: 7, channel: 'profiles:list', payload: {} }));
    expect(reply).toMatchObject({ type: 'result', id: 7, envelope: { ok: true } });
    ws.close();
  };

  it('answers a malformed percent-encoding (any page can send it with <img src>) with 400', async () => {
    expect((await fetch(`${host.url}/%E0%A4%A`)).status).toBe(400);
    await stillServes();
  });

  it('answers a request target that is not a URL with 400, upgrade or not', async () => {
    const plain = await raw(`GET http://[/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(plain).toMatch(/^HTTP\/1\.1 400/);
    const upgrade = await raw(
      `GET http://[/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: ${host.url}\r\n` +
        `Sec-WebSocket-Protocol: ${TOKEN_PROTOCOL_PREFIX}${token}\r\n\r\n`,
    );
    expect(upgrade).toMatch(/^HTTP\/1\.1 (400|403)/);
    await stillServes();
  });

  it('answers frames that are not calls: null, arrays, numbers, half frames', async () => {
    const ws = await open();
    expect(await frame(ws, JSON.stringify({ type: 'invoke', id: 3 }))).toMatchObject({ reply: { id: 3, envelope: { ok: false, error: { code: 'VALIDATION' } } } });
    expect(await frame(ws, JSON.stringify({ type: 'nope', id: 4 }))).toMatchObject({ reply: { id: 4, envelope: { ok: false } } });
    expect(await frame(ws, 'null')).toEqual({ closed: 1003 });
    await stillServes();
  });

  it('closes a frame over the size limit (a 9 MB import) with 1009 and keeps serving', async () => {
    const ws = await open();
    const big = JSON.stringify({ type: 'invoke', id: 5, channel: 'profiles:import', payload: { fileName: 'big.json', content: 'x'.repeat(MAX_FRAME_BYTES + 1024) } });
    expect(await frame(ws, big)).toEqual({ closed: 1009 });
    await stillServes();
  });

  it('survives a seeded stream of random request lines, paths, headers and frames', async () => {
    const random = mulberry32(8);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const junk = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
    const pieces = ['%', '%E0', '%A4%A', '%00', '%2e%2e', '..', '/', '\\', '[', ']', '?', '#', '@', ':', 'http://', '//', '\u00ff', 'a', '%%', '%uD800'];
    const path = () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(pieces)).join('');
    const methods = ['GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'X'];
    const started = Date.now();
    const requests: Promise<string>[] = [];
    for (let i = 0; i < 120; i++) {
      const kind = i % 4;
      const host = pick([`127.0.0.1:${port}`, 'evil.example', '', '[', `127.0.0.1:${port}\r\nHost: other`]);
      const upgrade = random() < 0.4 ? `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${junk(4).toString('hex')}\r\nOrigin: ${pick([host, 'null', '['])}\r\n` : '';
      if (kind === 0) requests.push(raw(junk(1 + Math.floor(random() * 200))));
      else if (kind === 1) requests.push(raw(`${pick(methods)} ${path()} HTTP/1.1\r\nHost: ${host}\r\n${upgrade}\r\n`));
      else if (kind === 2) requests.push(raw(`${pick(methods)} /${path()} HTTP/1.${pick(['0', '1', '9'])}\r\n${junk(20).toString('latin1')}\r\n\r\n`));
      else requests.push(fetch(`${pick([host.replace(/.*/, 'http://127.0.0.1:' + port)])}/${encodeURI(path()).replace(/%25/g, '%')}`).then((r) => String(r.status), () => 'refused'));
    }
    await Promise.all(requests);

    const deep = `{"type":"invoke","id":9,"channel":"profiles:list","payload":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const frames: (string | Buffer)[] = ['null', '[]', '1', '"x"', '{}', 'true', '{"id":1e309}', '{"type":"invoke","id":1,"channel":{}}', junk(64), deep];
    for (let i = 0; i < 30; i++) {
      frames.push(JSON.stringify({ type: 'invoke', id: i, channel: pick(['profiles:get', 'profiles:list', 'x', '__proto__', 'constructor', 'toString']), payload: pick([null, [], 'x', { profileId: path() }, { __proto__: { a: 1 } }]) }));
    }
    for (const f of frames) {
      const ws = await open();
      await frame(ws, f);
      ws.terminate();
    }
    await stillServes();
    // Bounded: npm test runs this every time.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
