import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopback, type LoopbackServer } from '../support/loopback';
import { canaryToken, leakedPieces } from '../support/canary';
import { formatScimRunText } from '../../src/shared/scim-check-text';
import { runScimChecks } from '../../src/main/services/scim/scim-checker';

/**
 * A hostile SCIM server echoes the bearer token after a prefix of a chosen length. The checker
 * quotes pieces of answers (a 200-character detail, an 80-character body snippet); a token split
 * by one of those cuts must still be redacted whole.
 */
const token = canaryToken('scim-echo', 59);
const servers: LoopbackServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

/** Answers request i with the token at offsets[i] (cycling), as SCIM JSON detail or as an HTML page. */
async function echoingServer(offsets: { at: number; as: 'detail' | 'html' }[]): Promise<LoopbackServer> {
  const s = await startLoopback((req, res, _body, i) => {
    const echo = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const { at, as } = offsets[i % offsets.length]!;
    if (as === 'html') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`<html>${'D'.repeat(Math.max(0, at - 6))}${echo}</html>`);
    } else {
      res.writeHead(401, { 'content-type': 'application/scim+json' });
      res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: `${'D'.repeat(Math.max(0, at - 5))} key ${echo}` }));
    }
  });
  servers.push(s);
  return s;
}

describe('SCIM checker: the token echoed at every offset of a cut', () => {
  it('quotes no 12-character piece of it in the run or its text, for the detail and the body snippet', async () => {
    const offsets = [
      ...Array.from({ length: token.length + 4 }, (_, k) => ({ at: 200 - token.length + k - 2, as: 'detail' as const })),
      ...Array.from({ length: token.length + 4 }, (_, k) => ({ at: 80 - token.length + k - 2, as: 'html' as const })),
    ];
    const s = await echoingServer(offsets);
    // Each run sends a handful of requests; run until every offset has been answered once. The
    // HTML answers are 500s, which the checker retries: keep the backoff short, not the retries.
    while (s.requests.length < offsets.length) {
      const run = await runScimChecks({ baseUrl: `${s.url}/scim/v2`, token, allowHttpLoopback: true, retry: { baseMs: 1 } });
      const text = `${JSON.stringify(run)}\n${formatScimRunText(run)}`;
      expect(text).toContain('[REDACTED]');
      expect(leakedPieces(text, token)).toEqual([]);
    }
  });

  it('npm run scim-check prints none of it when the server echoes it after a long prefix', async () => {
    const s = await echoingServer([{ at: 146 + 5, as: 'detail' }, { at: 170, as: 'detail' }, { at: 60, as: 'html' }]);
    for (const args of [[], ['--json']]) {
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn('node_modules/.bin/tsx', ['scripts/scim-check.ts', '--url', `${s.url}/scim/v2`, ...args], {
          cwd: process.cwd(),
          env: { ...process.env, SCIM_TOKEN: token },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let text = '';
        child.stdout.on('data', (d: Buffer) => (text += d.toString()));
        child.stderr.on('data', (d: Buffer) => (text += d.toString()));
        child.on('error', reject);
        child.on('close', () => resolve(text));
      });
      expect(out).toContain('REDACTED');
      expect(leakedPieces(out, token)).toEqual([]);
    }
  });

  it('redacts the token when the server echoes it JSON-escaped (\\/ and \\u002b), in parsed values and quoted pieces alike', async () => {
    // A base64-like token: "/" and "+" every few characters, so the escaped echo never matches the raw token.
    const escaped = canaryToken('scim-escaped', 48).replace(/(.{5})/g, '$1/').replace(/(.{9})/g, '$1+');
    const s = await startLoopback((req, res) => {
      const echo = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      // A list whose totalResults quotes the token: the checker shows that value cut to a few dozen characters.
      const body = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: `t ${echo}`, startIndex: 1, itemsPerPage: 0, Resources: [] });
      res.writeHead(200, { 'content-type': 'application/scim+json' }).end(body.replace(/\//g, '\\/').replace(/\+/g, '\\u002b'));
    });
    servers.push(s);
    const run = await runScimChecks({ baseUrl: `${s.url}/scim/v2`, token: escaped, allowHttpLoopback: true, retry: { baseMs: 1 } });
    const text = `${JSON.stringify(run)}\n${formatScimRunText(run)}`;
    expect(text).toContain('[REDACTED]');
    expect(leakedPieces(text, escaped)).toEqual([]);
    expect(leakedPieces(text.replace(/\\\//g, '/'), escaped)).toEqual([]);
  });
});
