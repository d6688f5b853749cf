import { defineConfig } from '@playwright/test';

/**
 * e2e runs the real renderer in Debian's Chromium through the browser host. The "electron"
 * project runs the same specs against the desktop app where an Electron binary is installed,
 * and says plainly that it was skipped where none is.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'off', screenshot: 'only-on-failure' },
  projects: [
    { name: 'browser-host', use: { host: 'browser' } as never },
    { name: 'electron', use: { host: 'electron' } as never },
  ],
});
