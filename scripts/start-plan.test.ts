import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startPlan } from './start-plan.mjs';

const tricky = ['--data-dir', 'C:\\Users\\Jane Doe\\tl console', '--note', 'a "quoted" & piped | 100% ünï'];

/** Runs Node with the plan's spawn options and returns the argv it received. */
function argvThrough(options: { shell: false }, args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', '--', ...args], { ...options, stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as string[]);
      } catch {
        reject(new Error(`unexpected output: ${out}`));
      }
    });
  });
}

describe('npm start (scripts/start.mjs)', () => {
  it.each([true, false])('passes every argument through as one entry, with no shell (Electron available: %s)', async (electronAvailable) => {
    const steps = startPlan({ electronAvailable, args: tricky });
    for (const step of steps) {
      expect(step.command).toBe(process.execPath);
      expect(step.options.shell).toBe(false);
    }
    expect(steps.at(-1)!.args.slice(-tricky.length)).toEqual(tricky);
    expect(await argvThrough(steps.at(-1)!.options, tricky)).toEqual(tricky);
  });

  it('opens the browser host after building when Electron is missing, the desktop app otherwise', () => {
    expect(startPlan({ electronAvailable: true, args: [] }).map((s) => s.args.slice(1))).toEqual([['preview', '--']]);
    expect(startPlan({ electronAvailable: false, args: [] }).map((s) => s.args.slice(1))).toEqual([['build', '--logLevel', 'warn'], ['src/host/cli.ts']]);
  });
});
