import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildAppServices, type AppServices, type AppServicesOptions } from '../../src/main/app-services';
import { osKeychain } from '../../src/main/services/secrets/os-keychain';

/**
 * The app's services as the browser host builds them, on a test data folder and a test keychain
 * service: no clipboard, no shell, no sandbox (a test that needs one passes startSandbox).
 */
export function testAppServices(
  opts: Pick<AppServicesOptions, 'dataDir' | 'keychainService'> & Partial<AppServicesOptions>,
): AppServices {
  return buildAppServices({
    keytar: osKeychain,
    clipboard: null,
    allowLoopback: false,
    startSandbox: () => Promise.reject(new Error('not in this test')),
    openExternal: async () => false,
    version: 'test',
    ...opts,
  });
}

/** A built renderer of one index.html in `<dataDir>/renderer`, for the browser host to serve. */
export async function fakeRendererDir(dataDir: string): Promise<string> {
  const rendererDir = join(dataDir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><html><head><script type="module" src="./app.js"></script></head></html>');
  return rendererDir;
}
