import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { Redactor } from './redactor';

describe('createLogger', () => {
  it('writes redacted lines to the log file', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'tloc-log-')), 'logs', 'console.log');
    const redactor = new Redactor();
    redactor.register('canary-token-0123456789');
    const logger = createLogger({ redactor, file });
    logger.info('net', 'GET https://acme.okta.com/api/v1/apps with canary-token-0123456789', { authorization: 'SSWS 00abcdefghijk' });
    const text = await readFile(file, 'utf8');
    expect(text).toContain('INFO [net] GET https://acme.okta.com/api/v1/apps');
    expect(text).not.toContain('canary-token-0123456789');
    expect(text).not.toContain('00abcdefghijk');
  });

  it('keeps one previous file when the log has grown past the limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tloc-log-'));
    const file = join(dir, 'console.log');
    await writeFile(file, 'x'.repeat(2000));
    createLogger({ redactor: new Redactor(), file, rotateBytes: 1000 }).info('app', 'started');
    expect((await stat(`${file}.1`)).size).toBe(2000);
    expect(await readFile(file, 'utf8')).toMatch(/started\n$/);
  });
});
