import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { Redactor } from '../services/log/redactor';
import { createDispatch, type Handlers } from './handle';
import type { Logger } from '../services/log/logger';

const lines: string[] = [];
const logger: Logger = {
  debug: (a, m) => lines.push(`${a} ${m}`),
  info: (a, m) => lines.push(`${a} ${m}`),
  warn: (a, m) => lines.push(`${a} ${m}`),
  error: (a, m, d) => lines.push(`${a} ${m} ${d instanceof Error ? d.message : ''}`),
};
const trusted = { trusted: true, description: 'test' };

function dispatchWith(partial: Partial<Handlers>) {
  return createDispatch(partial as Handlers, logger);
}

describe('createDispatch', () => {
  it('refuses an untrusted sender before touching any handler', async () => {
    let called = false;
    const dispatch = dispatchWith({ 'profiles:list': () => ((called = true), { profiles: [], problems: [] }) });
    const result = await dispatch('profiles:list', {}, { trusted: false, description: 'evil frame' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(called).toBe(false);
  });

  it('validates the request against the contract and names the field', async () => {
    const dispatch = dispatchWith({});
    const result = await dispatch('secrets:set', { profileId: 'not-a-uuid', kind: 'oktaApiToken', value: 'x' }, trusted);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).toMatch(/profileId/);
    }
  });

  it('rejects unknown channels', async () => {
    expect(await dispatchWith({})('fs:readFile', {}, trusted)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('passes AppErrors through and hides raw errors, which may carry secrets or paths', async () => {
    const dispatch = dispatchWith({
      'profiles:get': () => {
        throw new AppError('NOT_FOUND', 'That profile no longer exists.', { hint: 'Reload.' });
      },
      'profiles:list': () => {
        throw new Error('ENOENT /home/admin/secret-token-abc123');
      },
    });
    expect(await dispatch('profiles:get', { profileId: '11111111-1111-4111-8111-111111111111' }, trusted)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That profile no longer exists.', hint: 'Reload.' },
    });
    const hidden = await dispatch('profiles:list', {}, trusted);
    expect(JSON.stringify(hidden)).not.toContain('secret-token-abc123');
    expect(hidden).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('wraps results in an ok envelope', async () => {
    const dispatch = dispatchWith({ 'sandbox:info': () => ({ running: false }) });
    expect(await dispatch('sandbox:info', {}, trusted)).toEqual({ ok: true, value: { running: false } });
  });
});

describe('Redactor', () => {
  it('masks registered secrets and credential shapes', () => {
    const redactor = new Redactor();
    redactor.register('canary-5f1e2d3c4b5a');
    const out = redactor.redact('call with canary-5f1e2d3c4b5a and Authorization: SSWS 00abcdefghijklmnop and Bearer xyz.abc.def123');
    expect(out).not.toContain('canary-5f1e2d3c4b5a');
    expect(out).not.toContain('00abcdefghijklmnop');
    expect(out).not.toContain('xyz.abc.def123');
  });
});
