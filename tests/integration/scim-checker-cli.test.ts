import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimCheckRunSchema } from '../../src/shared/scim-check';
import { startThreatLockerSimulator, type ThreatLockerSimulator } from '../../sandbox/threatlocker/threatlocker-simulator';
import { startBrokenScimServer, type BrokenScimServer } from '../support/broken-scim-servers';
import { seedScimUsers } from '../support/scim-seed';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a person would (async: the simulators live in this process and must keep serving). */
function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
    const child = spawn('node_modules/.bin/tsx', ['scripts/scim-check.ts', ...args], {
      cwd: process.cwd(),
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let sim: ThreatLockerSimulator;
let broken: BrokenScimServer;

beforeAll(async () => {
  sim = await startThreatLockerSimulator({ seed: 11 });
  await seedScimUsers(sim.scimUrl, sim.scimToken, 2);
  broken = await startBrokenScimServer({ fault: 'string-total' });
});
afterAll(async () => {
  await sim?.stop();
  await broken?.stop();
});

describe('scim-check CLI', () => {
  it('exits 0 with a text report when no check fails, warns about loopback http, never prints the token', async () => {
    const r = await cli(['--url', sim.scimUrl], { SCIM_TOKEN: sim.scimToken });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PASS\s+1\s+Accepts the configured token/);
    expect(r.stdout).toMatch(/PASSED: 14 pass, 0 warn, 0 fail, 0 skip/);
    expect(r.stderr).toMatch(/warning: plain http to a loopback address/);
    expect(r.stdout + r.stderr).not.toContain(sim.scimToken);
  });

  it('prints parseable JSON with --json', async () => {
    const r = await cli(['--url', sim.scimUrl, '--json'], { SCIM_TOKEN: sim.scimToken });
    expect(r.code, r.stderr).toBe(0);
    const run = scimCheckRunSchema.parse(JSON.parse(r.stdout));
    expect(run.summary.fail).toBe(0);
    expect(run.results).toHaveLength(14);
    expect(r.stdout + r.stderr).not.toContain(sim.scimToken);
  });

  it('runs the write checks with --write --yes and leaves nothing behind', async () => {
    const before = sim.controls.listUsers().length;
    const r = await cli(['--url', sim.scimUrl, '--write', '--yes', '--json'], { SCIM_TOKEN: sim.scimToken });
    expect(r.code, r.stderr).toBe(0);
    const run = scimCheckRunSchema.parse(JSON.parse(r.stdout));
    expect(run.write).toBe(true);
    expect(run.summary).toMatchObject({ fail: 0, warn: 0, skip: 0 });
    expect(run.leftovers).toEqual([]);
    expect(sim.controls.listUsers()).toHaveLength(before);
    expect(sim.controls.listGroups()).toEqual([]);
  });

  it('exits 1 when a check fails', async () => {
    const r = await cli(['--url', broken.url], { SCIM_TOKEN: broken.token });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+4\s+List users/);
    expect(r.stdout).toMatch(/FAILED:/);
    expect(r.stdout + r.stderr).not.toContain(broken.token);
  });

  it('exits 2 on bad arguments', async () => {
    const token = 'cli-canary-token-8c0ffee1234567';
    const cases: [string[], Record<string, string | undefined>, RegExp][] = [
      [['--url', 'http://example.com/scim/v2'], { SCIM_TOKEN: token }, /Plain http is refused/],
      [['--url', sim.scimUrl], { SCIM_TOKEN: undefined }, /SCIM_TOKEN is not set/],
      [[], { SCIM_TOKEN: token }, /--url is required/],
      [['--url', sim.scimUrl, '--bogus'], { SCIM_TOKEN: token }, /Unknown option/],
      [['--url', 'not a url'], { SCIM_TOKEN: token }, /not a valid URL/],
      [['--url', sim.scimUrl, '--write'], { SCIM_TOKEN: token }, /--write needs --yes/],
    ];
    const results = await Promise.all(cases.map(([args, env]) => cli(args, env)));
    results.forEach((r, i) => {
      expect(r.code, `case ${i}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(cases[i]![2]);
      expect(r.stdout + r.stderr).not.toContain(token);
    });
  });

  it('prints help with exit 0', async () => {
    const r = await cli(['--help'], { SCIM_TOKEN: undefined });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SCIM_TOKEN/);
    expect(r.stdout).toMatch(/--write/);
  });
});
