/**
 * An independent mock of Okta's Management API: Stoplight Prism on Okta's own OpenAPI spec, on
 * 127.0.0.1. Prism checks every request against the spec and reports what it rejects in the
 * `sl-violations` response header; the recorder below collects those for the test to assert on.
 *
 * The spec's examples hold $refs that point nowhere (../shared/okta-openapi/README.md), which
 * stop Prism while it dereferences, so `example`/`examples` keys are dropped into a temporary
 * JSON copy first; no schema is changed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface PrismMock {
  url: string;
  stop(): Promise<void>;
}

function withoutExamples(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutExamples);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (k !== 'example' && k !== 'examples') out[k] = withoutExamples(v);
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startPrismMock(specPath: string, timeoutMs = 90_000): Promise<PrismMock> {
  const dir = await mkdtemp(join(tmpdir(), 'okta-prism-'));
  const specFile = join(dir, 'okta-management.json');
  await writeFile(specFile, JSON.stringify(withoutExamples(parse(await readFile(specPath, 'utf8')))));
  const port = await freePort();
  const bin = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const child: ChildProcess = spawn(process.execPath, [bin, 'mock', '-h', '127.0.0.1', '-p', String(port), specFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1' },
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('Prism is listening')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Prism exited (${code}) before listening:\n${output.slice(-2000)}`));
      });
    });
  } catch (err) {
    await stop();
    throw err;
  }
  // Prism logs every request; keep reading so its pipe never fills, but keep nothing.
  child.stdout!.removeAllListeners('data').resume();
  child.stderr!.removeAllListeners('data').resume();
  return { url: `http://127.0.0.1:${port}`, stop };
}

export interface Exchange {
  method: string;
  path: string;
  status: number;
  /** Prism's objections to the request (from `sl-violations`), empty when the spec accepts it. */
  violations: string[];
}

/** Prism's `sl-violations` header, cut down to the errors it found in the request. */
export function requestViolations(header: string | null): string[] {
  if (!header) return [];
  try {
    return (JSON.parse(header) as { severity?: string; location?: string[]; message?: string }[])
      .filter((v) => v.severity === 'Error' && v.location?.[0] === 'request')
      .map((v) => v.message ?? 'violation');
  } catch {
    return [header];
  }
}

/**
 * A loopback pass-through in front of Prism that records each exchange (method, path, status,
 * violations), so the console's own HTTP client is used unchanged.
 */
export async function startRecorder(target: string, log: Exchange[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      // fetch sets the framing headers itself.
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'].includes(k)) headers[k] = v;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) })
        .then(async (upstream) => {
          const payload = Buffer.from(await upstream.arrayBuffer());
          log.push({ method: req.method ?? 'GET', path: req.url ?? '/', status: upstream.status, violations: requestViolations(upstream.headers.get('sl-violations')) });
          const out: Record<string, string> = {};
          upstream.headers.forEach((v, k) => {
            if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)) out[k] = v;
          });
          res.writeHead(upstream.status, out).end(payload);
        })
        .catch((err: unknown) => {
          log.push({ method: req.method ?? 'GET', path: req.url ?? '/', status: 502, violations: [`recorder could not reach Prism: ${String(err)}`] });
          res.writeHead(502).end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
