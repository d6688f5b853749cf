import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { APP_NAME } from '../../src/main/data-dir';

// Packaging needs Electron's Windows/macOS zips from GitHub, which this machine cannot reach;
// what can be checked here is the configuration itself, with electron-builder's own schema check.
const root = resolve(import.meta.dirname, '../..');

async function loadConfig() {
  return getConfig(root, resolve(root, 'electron-builder.yml'), null);
}

describe('electron-builder configuration (npm run package:win / package:mac)', () => {
  it("passes electron-builder's schema validation, and a misspelt fuse does not", async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const typo = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } } as never;
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('sets the security fuses at package time', async () => {
    const { electronFuses } = await loadConfig();
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('builds a per-user NSIS installer and arm64 + x64 dmgs, with the keychain module outside the asar', async () => {
    const config = await loadConfig();
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false });
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.asarUnpack).toContain('**/node_modules/@napi-rs/keyring*/**');
  });

  it('names the app as the README and the browser host do, so both use one data folder', async () => {
    const config = await loadConfig();
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { productName?: string };
    expect(config.productName).toBe(APP_NAME);
    expect(pkg.productName).toBe(APP_NAME);
  });
});
