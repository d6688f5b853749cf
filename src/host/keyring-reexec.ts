import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const onPath = (command: string): boolean => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));

/**
 * On Linux without a desktop session no Secret Service runs, so no token could be saved. Where
 * gnome-keyring and dbus are installed, this re-runs the host under scripts/with-keyring.sh (a
 * private D-Bus session and an unlocked gnome-keyring for this run) and says so. Resolves with
 * the child's exit code when it did, or null when the host should start as it is.
 */
export function rerunWithKeyringIfNeeded(root: string): Promise<number> | null {
  const env = process.env;
  if (process.platform !== 'linux' || env.DBUS_SESSION_BUS_ADDRESS || env.TLOC_KEYRING_READY) return null;
  if (!onPath('dbus-run-session') || !onPath('gnome-keyring-daemon')) return null;
  process.stderr.write(
    'No desktop session (no D-Bus session bus), so no OS keychain: starting a private gnome-keyring for this run through scripts/with-keyring.sh.\n' +
      'Tokens you save in it are kept only until the console stops.\n',
  );
  const child = spawn('bash', [join(root, 'scripts/with-keyring.sh'), process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...env, [PARENT_ENV]: String(process.pid) },
  });
  // A signal must not reach dbus-run-session (it would die and leave its bus and keyring
  // running): this process just exits, and the host below notices and stops cleanly.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
  return new Promise((resolveCode) => child.on('exit', (code, signal) => resolveCode(code ?? (signal ? 1 : 0))));
}

const PARENT_ENV = 'TLOC_KEYRING_PARENT_PID';

/** In the re-run host: calls `stop` once the process that re-ran it has gone. */
export function stopWithKeyringParent(stop: () => void): void {
  const parent = Number(process.env[PARENT_ENV]);
  if (!Number.isInteger(parent) || parent <= 1) return;
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      clearInterval(timer);
      stop();
    }
  }, 500);
  timer.unref();
}
