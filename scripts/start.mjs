// `npm start`: the Electron console. Where no Electron binary could be installed (CI boxes,
// locked-down machines), say so plainly and open the same console in the browser host instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronAvailable = false;
try {
  electronAvailable = typeof require('electron') === 'string';
} catch {
  electronAvailable = false;
}

const args = process.argv.slice(2);
const [command, commandArgs] = electronAvailable
  ? ['npx', ['electron-vite', 'preview', '--', ...args]]
  : ['npm', ['run', 'browser', '--', ...args]];
if (!electronAvailable) {
  process.stderr.write('Electron binary not installed on this machine: starting the console in the browser host instead.\n');
}
const child = spawn(command, commandArgs, { stdio: 'inherit', shell: process.platform === 'win32' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
