// `npm start`: the Electron console. Electron 45 downloads its binary on first launch; where that
// download cannot happen (CI boxes, locked-down machines), say so plainly and open the same
// console in the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startPlan } from './start-plan.mjs';

const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));

function electronInstalled() {
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

function tryDownloadElectron() {
  process.stderr.write('Fetching the Electron binary (first launch)...\n');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8' });
  if (result.status === 0 && electronInstalled()) return true;
  const reason = `${result.stderr ?? ''}`.split('\n').find((line) => line.trim()) ?? 'unknown error';
  process.stderr.write(`Electron could not be downloaded here (${reason.trim()}).\n`);
  return false;
}

const electronAvailable = electronInstalled() || tryDownloadElectron();
const steps = startPlan({ electronAvailable, args: process.argv.slice(2) });
if (!electronAvailable) process.stderr.write('Starting the same console in the browser host instead: open the CONSOLE_URL below.\n');

let child = null;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child?.kill(signal));
for (const { command, args, options } of steps) {
  child = spawn(command, args, options);
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 0)));
  if (code !== 0) process.exit(code);
}
