import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRendererUrl, serveRenderer } from './renderer-protocol';

describe('the app://console renderer origin', () => {
  it('trusts our origin whatever folder the app is installed in, and the dev server only when given', () => {
    expect(isRendererUrl('app://console/index.html', undefined)).toBe(true);
    expect(isRendererUrl('app://console/index.html#/profiles', undefined)).toBe(true);
    // What loadFile gave before: the spelling depended on the install path and the drive letter.
    expect(isRendererUrl('file:///C:/Program%20Files/el%20100%/out/renderer/index.html', undefined)).toBe(false);
    expect(isRendererUrl('app://evil/index.html', undefined)).toBe(false);
    expect(isRendererUrl('https://evil.example/', undefined)).toBe(false);
    expect(isRendererUrl('not a url', undefined)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
  });

  it('serves files of the renderer folder only, with the CSP', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tloc renderer 100% ü-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    const ok = await serveRenderer(dir, { url: 'app://console/index.html' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await ok.text()).toContain('<title>x</title>');
    for (const url of ['app://console/../../etc/passwd', 'app://console/%2e%2e/%2e%2e/etc/passwd', 'app://console/%E0%A4%A', 'app://other/index.html', 'app://console/missing.js']) {
      expect((await serveRenderer(dir, { url })).status, url).toBe(404);
    }
  });
});
