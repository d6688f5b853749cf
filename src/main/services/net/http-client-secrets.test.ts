import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import { Redactor } from '../log/redactor';
import { canaryToken, leakedPieces } from '../../../../tests/support/canary';
import { allowed, onCleanup, server } from '../../../../tests/support/http-client-harness';
import { createHttpClient } from './http-client';
import { type HttpError } from './http-errors';
import { failure, fakeTime, json, memoryLogger } from '../../../../tests/support/loopback';

describe('secrets', () => {
  it('never writes the token into a log line or an error message', async () => {
    const canary = 'SSWS-CANARY-00aZ9yX8wV7uT6sR5qP4';
    const redactor = new Redactor();
    const s = await server((req, res, _b, i) => {
      if (req.url === '/echo') return json(res, 401, { errorCode: 'E0000011', errorSummary: `Invalid token provided: ${canary}` });
      if (req.url === '/flaky' && i % 2 === 0) return json(res, 503, { message: `upstream saw ${canary}` });
      if (req.url === '/hop') return void res.writeHead(302, { location: '/flaky' }).end();
      json(res, 200, { ok: true });
    });
    const logger = memoryLogger(redactor);
    const time = fakeTime();
    const http = createHttpClient({ policy: allowed(s), logger, sleep: time.sleep, now: time.now });
    onCleanup(() => http.close());
    const headers = { authorization: `SSWS ${canary}` };
    const messages: string[] = [];
    for (const path of ['/echo', '/flaky', '/hop', '/ok?x=1']) {
      try {
        await http.request({ url: `${s.url}${path}`, purpose: 'okta', headers });
      } catch (err) {
        const e = err as AppError;
        messages.push(e.message, e.hint ?? '', JSON.stringify(e.toShape()));
      }
    }
    expect(messages.join('\n')).toContain('E0000011');
    expect(logger.raw.length).toBeGreaterThan(3);
    for (const text of [...logger.raw, ...logger.lines, ...messages]) expect(text).not.toContain(canary);
    expect(logger.raw.join('\n')).toContain('/ok?x=1');
  });
});

describe('secrets split by a cut', () => {
  it('leaves no piece of a token the remote echoes where the 300-character summary is cut, at every offset', async () => {
    const token = canaryToken('okta-401');
    const redactor = new Redactor();
    const s = await server((req, res) => {
      const offset = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('at'));
      json(res, 401, { errorCode: 'E0000011', errorSummary: `${'D'.repeat(offset)}${token}` });
    });
    const logger = memoryLogger(redactor);
    const time = fakeTime();
    const http = createHttpClient({ policy: allowed(s), logger, sleep: time.sleep, now: time.now });
    onCleanup(() => http.close());
    for (let at = 300 - token.length - 2; at <= 301; at++) {
      const err = (await failure(http.request({ url: `${s.url}/api/v1/users/me?at=${at}`, purpose: 'okta', headers: { authorization: `SSWS ${token}` } }))) as HttpError;
      expect(err.message).toContain('E0000011');
      expect(leakedPieces(`${err.message} ${JSON.stringify(err.toShape())} ${err.remoteSummary ?? ''}`, token), `offset ${at}`).toEqual([]);
    }
    expect(leakedPieces(logger.raw.join('\n'), token)).toEqual([]);
  });
});
