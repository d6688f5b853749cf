import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const linuxWithKeyringTools = process.platform === 'linux' && existsSync('/usr/bin/dbus-run-session') && existsSync('/usr/bin/gnome-keyring-daemon');
const cleanup: string[] = [];
afterEach(async () => {
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Starts `npm run browser`'s host as a user on a machine without a desktop session would. */
async function startHeadlessHost(pathDirs: string) {
  const dataDir = await mkdtemp(join(tmpdir(), 'tloc-keyring-'));
  cleanup.push(dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: pathDirs, TLOC_KEYCHAIN_SERVICE: 'ThreatLocker Okta Console (tests)' };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.TLOC_KEYRING_READY;
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/host/cli.ts'), '--data-dir', dataDir], { cwd: root, env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((ok, fail) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /CONSOLE_URL=(\S+)/.exec(stdout);
      if (match) ok(match[1]!);
    });
    child.once('exit', (code) => fail(new Error(`host exited with ${code}: ${stderr}`)));
  });
  return { child, dataDir, url, stderr: () => stderr };
}

/** Processes whose command line mentions `text` (the data dir names this run's processes). */
function processesWith(text: string): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return cmd.includes(text) ? [`${pid} ${cmd}`] : [];
      } catch {
        return [];
      }
    });
}

describe.skipIf(!linuxWithKeyringTools)('the browser host on Linux without a desktop session', () => {
  it('re-runs itself with a private keyring, says so, and leaves nothing running after a SIGTERM', async () => {
    const host = await startHeadlessHost(process.env.PATH ?? '/usr/bin:/bin');
    expect(host.stderr()).toContain('starting a private gnome-keyring for this run through scripts/with-keyring.sh');
    expect(host.stderr()).toContain('kept only until the console stops');
    expect(host.stderr()).not.toContain('could not be reached');

    const exited = new Promise((ok) => host.child.once('exit', ok));
    host.child.kill('SIGTERM');
    await exited;
    await expect.poll(() => processesWith(host.dataDir), { timeout: 10_000 }).toEqual([]);
  }, 60_000);

  it('without gnome-keyring on the PATH, says in the terminal which command and packages fix it', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'tloc-path-'));
    cleanup.push(bin);
    await symlink(process.execPath, join(bin, 'node'));
    const host = await startHeadlessHost(bin);
    try {
      expect(host.stderr()).toContain('WARNING: The OS keychain could not be reached');
      expect(host.stderr()).toContain('bash scripts/with-keyring.sh npm run browser');
      expect(host.stderr()).toContain('apt install gnome-keyring dbus');
    } finally {
      const exited = new Promise((ok) => host.child.once('exit', ok));
      host.child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
