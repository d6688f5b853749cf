// What `npm start` runs, as plain argument lists for child_process.spawn WITHOUT a shell: each of
// the admin's arguments reaches the app as one argv entry on every OS (a shell would split
// `--data-dir "C:\Users\Jane Doe\x"` at the space on Windows, and Node 24 deprecates passing
// args with shell: true, DEP0190). Every step runs a JS entry point with this Node, so no .cmd
// shim (which needs a shell on Windows) is involved.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const binOf = (pkg, bin) => join(dirname(require.resolve(`${pkg}/package.json`)), bin);

/**
 * @param {{ electronAvailable: boolean, args: string[] }} opts
 * @returns {{ command: string, args: string[], options: { stdio: 'inherit', shell: false } }[]}
 */
export function startPlan({ electronAvailable, args }) {
  const node = process.execPath;
  const electronVite = binOf('electron-vite', 'bin/electron-vite.js');
  const step = (stepArgs) => ({ command: node, args: stepArgs, options: { stdio: 'inherit', shell: false } });
  if (electronAvailable) return [step([electronVite, 'preview', '--', ...args])];
  return [step([electronVite, 'build', '--logLevel', 'warn']), step([binOf('tsx', 'dist/cli.mjs'), 'src/host/cli.ts', ...args])];
}
