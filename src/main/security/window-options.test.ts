import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, secureWindowOptions } from './window-options';

describe('secureWindowOptions', () => {
  it('turns on every Electron security default', () => {
    const prefs = secureWindowOptions('/app/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('has a CSP that allows no remote or inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://acme-admin.okta.com/admin/app/x/instance/0oa1/', true],
    ['https://portal.d.threatlocker.com/', true],
    ['https://threatlocker.kb.help/saml-integration', true],
    ['http://acme.okta.com/', false],
    ['https://okta.com.evil.example/', false],
    ['https://user:pw@acme.okta.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe('npm run dev', () => {
  it('lets the React-refresh preamble and HMR run in development only, so the dev window is not blank', async () => {
    expect(DEV_CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'unsafe-inline'");
    expect(DEV_CONTENT_SECURITY_POLICY).toContain('ws://localhost:*');
    const config = (await import('../../../electron.vite.config')).default as any;
    const plugin = config.renderer.plugins.flat().find((p: any) => p?.name === 'tloc-dev-csp-meta');
    expect(plugin.apply).toBe('serve'); // never in a build: built pages keep the meta CSP
    const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(plugin.transformIndexHtml(html)).not.toContain('Content-Security-Policy');
  });
});
