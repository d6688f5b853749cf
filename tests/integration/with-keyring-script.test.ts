/**
 * scripts/with-keyring.sh on Linux without a desktop session: the private keyring's folder is
 * removed on every way out (clean exit, failure, Ctrl-C to the process group, SIGTERM to the
 * script), and the run prints nothing of its own. Real dbus-run-session and gnome-keyring.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const linuxWithKeyringTools = process.platform === 'linux' && existsSync('/usr/bin/dbus-run-session') && existsSync('/usr/bin/gnome-keyring-daemon');
const cleanup: string[] = [];
afterEach(async () => {
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function run(command: string[]) {
  const tmp = await mkdtemp(join(tmpdir(), 'tloc-wk-'));
  cleanup.push(tmp);
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.TLOC_KEYRING_READY;
  const child = spawn('bash', [join(root, 'scripts/with-keyring.sh'), ...command], { env, detached: true });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const keyringDirs = () => readdirSync(tmp).filter((f) => f.startsWith('tloc-keyring.'));
  return { child, exited, keyringDirs, output: () => output };
}

describe.skipIf(!linuxWithKeyringTools)('scripts/with-keyring.sh', () => {
  it('removes the keyring folder after a clean exit and after a failing command, printing nothing of its own', async () => {
    const ok = await run(['node', '-e', 'const { Entry } = require("@napi-rs/keyring"); const e = new Entry("tloc-wk", "a"); e.setPassword("v"); console.log("read " + e.getPassword())']);
    expect(await ok.exited).toBe(0);
    expect(ok.output().trim()).toBe('read v');
    expect(ok.keyringDirs()).toEqual([]);

    const failing = await run(['bash', '-c', 'exit 7']);
    expect(await failing.exited).toBe(7);
    expect(failing.keyringDirs()).toEqual([]);
  }, 60_000);

  it('removes the keyring folder on Ctrl-C (SIGINT to the process group) while the command runs', async () => {
    const r = await run(['sleep', '30']);
    await expect.poll(() => r.keyringDirs().length, { timeout: 20_000 }).toBe(1);
    await new Promise((ok) => setTimeout(ok, 500)); // the command has started
    process.kill(-r.child.pid!, 'SIGINT');
    await r.exited;
    await expect.poll(() => r.keyringDirs(), { timeout: 10_000 }).toEqual([]);
  }, 60_000);
});
