import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

function runCli(args: string[]): ChildProcessWithoutNullStreams {
  // tsx registers as a Node loader hook with --import (tsx >= 4, Node >= 20.6).
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], { cwd: root, env: process.env });
  children.push(child);
  return child;
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

function readyLines(child: ChildProcessWithoutNullStreams): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no SANDBOX_READY within 20 s; stderr: ${err}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('SANDBOX_READY\n')) return;
      clearTimeout(timer);
      const values: Record<string, string> = {};
      for (const line of out.split('\n')) {
        const at = line.indexOf('=');
        if (at > 0) values[line.slice(0, at)] = line.slice(at + 1);
      }
      resolve(values);
    });
    child.on('exit', (code) => reject(new Error(`cli exited with ${code} before SANDBOX_READY; stderr: ${err}`)));
  });
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('sandbox/cli.ts', () => {
  it('prints the endpoints and tokens, serves them, and exits 0 on SIGTERM', async () => {
    const child = runCli(['--users', '50']);
    const values = await readyLines(child);
    expect(Object.keys(values)).toEqual([
      'OKTA_URL',
      'OKTA_TOKEN',
      'THREATLOCKER_URL',
      'THREATLOCKER_PORTAL_TOKEN',
      'SCIM_URL',
      'SCIM_TOKEN',
    ]);
    for (const key of ['OKTA_URL', 'THREATLOCKER_URL', 'SCIM_URL']) expect(values[key]).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);

    const okta = await fetch(`${values.OKTA_URL}/api/v1/users?limit=1`, {
      headers: { authorization: `SSWS ${values.OKTA_TOKEN}`, accept: 'application/json' },
    });
    expect(okta.status).toBe(200);

    const roles = await fetch(`${values.THREATLOCKER_URL}/portalapi/UserRoles/UserRolesGetByParameters`, {
      method: 'POST',
      headers: { authorization: values.THREATLOCKER_PORTAL_TOKEN!, 'content-type': 'application/json' },
      body: JSON.stringify({ pageNumber: 1, pageSize: 10 }),
    });
    expect(roles.status).toBe(200);

    const scim = await fetch(`${values.SCIM_URL}/Users?startIndex=1&count=1`, {
      headers: { authorization: `Bearer ${values.SCIM_TOKEN}` },
    });
    expect(scim.status).toBe(200);

    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });

  it.each([
    [['--users', 'abc'], /--users/],
    [['--users', '100001'], /--users/],
    [['--groups', '10001'], /--groups/],
    [['--seed'], /--seed/],
    [['--colour', 'blue'], /--colour/],
  ])('exits 2 with a message for %j', async (args, message) => {
    const { code, stderr, stdout } = await exitOf(runCli(args));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).not.toContain('SANDBOX_READY');
  });
});

describe('sandbox/cli.ts --faults', () => {
  it('switches faults on from the start and says which', async () => {
    const child = runCli(['--users', '5', '--faults', 'okta:5xx=1,threatlocker:malformed=1']);
    const values = await readyLines(child);
    expect(values.FAULTS_OKTA).toBe('5xx=1');
    expect(values.FAULTS_THREATLOCKER).toBe('malformed=1');
    const users = () => fetch(`${values.OKTA_URL}/api/v1/users?limit=1`, { headers: { authorization: `SSWS ${values.OKTA_TOKEN}` } });
    expect((await users()).status).toBe(500);
    expect((await users()).status).toBe(200);
    const scim = await fetch(`${values.SCIM_URL}/Users?count=1`, { headers: { authorization: `Bearer ${values.SCIM_TOKEN}` } });
    await expect(scim.json()).rejects.toThrow();
  });

  it('refuses a bad SPEC with exit code 2 and says what to fix', async () => {
    const { code, stderr } = await exitOf(runCli(['--faults', 'okta:teapot=1']));
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown fault "teapot"');
  });
});
