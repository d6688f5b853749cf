import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAppServices } from '../main/app-services';
import { chromiumPdfPrinter } from '../main/services/reports/pdf-printer';
import { defaultDataDir } from '../main/data-dir';
import { startBuiltInSandbox } from '../main/demo-entry';
import { keychainServiceFromEnv, osKeychain } from '../main/services/secrets/os-keychain';
import { keychainUnavailableHint } from '../main/services/secrets/keychain-help';
import { DEFAULT_KEYCHAIN_SERVICE } from '../main/services/secrets/secret-store';
import { startBrowserHost } from './browser-host';
import { rerunWithKeyringIfNeeded, stopWithKeyringParent } from './keyring-reexec';
import { HOST_USAGE, parseHostArgs, UsageError } from './host-args';

/** `npm run browser`: the console's main-process services in Node, the renderer in any browser. */
async function main(): Promise<void> {
  let args;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof UsageError ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const rerun = rerunWithKeyringIfNeeded(root);
  if (rerun) process.exit(await rerun);
  const rendererDir = resolve(root, 'out/renderer');
  const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;
  const dataDir = resolve(args.dataDir ?? defaultDataDir());

  const services = buildAppServices({
    dataDir,
    keytar: osKeychain,
    keychainService: keychainServiceFromEnv(),
    clipboard: null,
    allowLoopback: args.allowLoopback,
    startSandbox: () => startBuiltInSandbox(args.faults),
    // The browser host has no shell; the renderer's own anchor opens allowed links.
    openExternal: async () => false,
    version,
    echoLog: true,
    printPdf: chromiumPdfPrinter(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  });
  if (args.allowLoopback) process.stderr.write('WARNING: --allow-loopback is on: profiles may point at plain-http 127.0.0.1 servers. Testing only.\n');
  // Say it here, not only when a token is first saved: the terminal is where the fix is typed.
  await osKeychain.findCredentials(keychainServiceFromEnv() ?? DEFAULT_KEYCHAIN_SERVICE).catch(() => {
    process.stderr.write(`WARNING: The OS keychain could not be reached, so tokens cannot be saved. ${keychainUnavailableHint()}\n`);
  });
  // Last resort: a bug in one request must not take down the host and the sandbox with it (a crash
  // during the write checks would leave test administrators behind). Log it and keep serving.
  process.on('uncaughtException', (error) => services.logger.error('host', 'uncaught exception (still serving)', error));
  process.on('unhandledRejection', (reason) => services.logger.error('host', 'unhandled rejection (still serving)', reason));
  if (args.sandbox) await services.sandbox.start();

  const host = await startBrowserHost({ services, rendererDir, port: args.port });
  process.stdout.write(`CONSOLE_URL=${host.consoleUrl}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await services.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  stopWithKeyringParent(() => void stop());
}

void main().catch((error: unknown) => {
  process.stderr.write(`The browser host could not start: ${error instanceof Error ? error.message : String(error)}\n${HOST_USAGE}\n`);
  process.exit(1);
});
