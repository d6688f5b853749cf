import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { Redactor } from '../log/redactor';
import { isLoopbackHost } from '../net/host-policy';
import { normalizeScimBaseUrl } from './scim-url';

describe('SCIM base URL rules', () => {
  it('knows the loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['example.com', '10.0.0.1', '::2', 'localhost.example.com', '128.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('accepts https, strips the trailing slash, and allows loopback http only when asked', () => {
    expect(normalizeScimBaseUrl(' https://portalapi.d.threatlocker.com/scim/v2/ ')).toEqual({
      base: 'https://portalapi.d.threatlocker.com/scim/v2',
      insecureLoopback: false,
    });
    expect(normalizeScimBaseUrl('http://[::1]:8080/scim', { allowHttpLoopback: true })).toEqual({ base: 'http://[::1]:8080/scim', insecureLoopback: true });
    expect(normalizeScimBaseUrl('http://localhost:1/scim', { allowHttpLoopback: true }).insecureLoopback).toBe(true);
  });

  it('refuses http to other hosts, credentials, queries and other schemes', () => {
    const refused = (url: string, allow = true) => {
      try {
        normalizeScimBaseUrl(url, { allowHttpLoopback: allow });
        return undefined;
      } catch (e) {
        return e instanceof AppError ? e.code : 'other';
      }
    };
    expect(refused('http://example.com/scim')).toBe('VALIDATION');
    expect(refused('http://192.168.1.10/scim')).toBe('VALIDATION');
    expect(refused('http://127.0.0.1/scim', false)).toBe('VALIDATION');
    expect(refused('https://u:p@example.com/scim')).toBe('VALIDATION');
    expect(refused('https://example.com/scim?x=1')).toBe('VALIDATION');
    expect(refused('file:///etc/passwd')).toBe('VALIDATION');
    expect(refused('')).toBe('VALIDATION');
  });

  it('redacts the token, its URL-encoded form and bearer headers', () => {
    const redactor = new Redactor(['abc+def/ghi=jkl']);
    const redact = (text: string) => redactor.redact(text);
    expect(redact('x abc+def/ghi=jkl y')).toBe('x [REDACTED] y');
    expect(redact('q=abc%2Bdef%2Fghi%3Djkl')).toBe('q=[REDACTED]');
    expect(redact('Authorization: Bearer someothertoken123')).toBe('Authorization: Bearer [REDACTED]');
  });
});
