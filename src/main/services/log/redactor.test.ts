import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor';
import { canaryToken, leakedPieces } from '../../../../tests/support/canary';

describe('Redactor: redact, then cut', () => {
  const token = canaryToken('redactor');

  it('leaves no 12-character piece of a token split by the cut, at every offset of the cut', () => {
    const redactor = new Redactor([token]);
    const max = 100;
    for (let offset = max - token.length - 2; offset <= max + 2; offset++) {
      const text = `${'D'.repeat(offset)}${token} tail`;
      const clipped = redactor.clip(text, max);
      expect(clipped.length).toBeLessThanOrEqual(max);
      expect(leakedPieces(clipped, token), `offset ${offset}`).toEqual([]);
    }
  });

  it('shows why the order matters: cutting first leaves most of the token', () => {
    const redactor = new Redactor([token]);
    const text = `${'D'.repeat(80)}${token}`;
    expect(leakedPieces(redactor.redact(text.slice(0, 100)), token).length).toBeGreaterThan(0);
    expect(leakedPieces(redactor.clip(text, 100), token)).toEqual([]);
  });

  it('recognises the token percent-encoded and credential shapes never registered', () => {
    const redactor = new Redactor(['abc+def/ghi=jkl']);
    expect(redactor.redact('q=abc%2Bdef%2Fghi%3Djkl')).toBe('q=[REDACTED]');
    expect(redactor.redact('Authorization: Bearer someothertoken123')).toBe('Authorization: Bearer [REDACTED]');
    expect(redactor.redact('{"api_key":"xyz123456"}')).toBe('{"api_key":"[REDACTED]"}');
  });

  it('redacts every string inside a value', () => {
    const redactor = new Redactor([token]);
    expect(redactor.redactDeep({ a: [`x ${token}`], b: { c: token, n: 1 } })).toEqual({ a: ['x [REDACTED]'], b: { c: '[REDACTED]', n: 1 } });
  });
});
