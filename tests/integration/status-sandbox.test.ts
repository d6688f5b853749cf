/**
 * The status join against the provisioned sandbox over real HTTP: what an admin would see after
 * setup, including a user deleted by hand in ThreatLocker and a SCIM token revoked mid-run.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { readStatusOnce } from '../../src/main/services/status/status-standalone';

const root = fileURLToPath(new URL('../..', import.meta.url));
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/status.ts', ...args], { cwd: root, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('status against the provisioned sandbox', () => {
  let sb: Sandbox;
  const read = (scimToken = sb.threatlocker.scimToken) =>
    readStatusOnce({ oktaUrl: sb.okta.url, oktaToken: sb.okta.apiToken, appId: sb.provisioned!.appId, scimUrl: sb.threatlocker.scimUrl, scimToken, allowLoopback: true });

  beforeAll(async () => {
    sb = await startSandbox({ provisioned: true });
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
  });

  it('classifies provisioned admins, failed pushes with Okta\'s reason, the deactivated leaver and the local admins', async () => {
    const { fetched, join } = await read();
    expect(fetched.failed).toEqual([]);
    expect(join.counts.matching).toBeGreaterThan(3);
    const failed = join.people.filter((p) => p.row.cls === 'failed');
    expect(failed).toHaveLength(3);
    for (const f of failed) expect(f.row.reason).toMatch(/primaryPhone/);
    expect(join.counts.deactivated).toBe(1);
    expect(join.people.filter((p) => p.row.cls === 'local').map((p) => p.row.userName).sort()).toEqual(['msp.owner@acme-msp.example', 'msp.tech@acme-msp.example']);
    expect(join.groups).toHaveLength(2);
    for (const g of join.groups) expect(g, JSON.stringify(g)).toMatchObject({ status: "ACTIVE", missingInTl: [], ok: true });
  }, 60_000);

  it('the status command gives the same verdicts as the join, exits 1 when someone needs attention and 2 on bad arguments', async () => {
    const { join } = await read();
    const env = { OKTA_TOKEN: sb.okta.apiToken, SCIM_TOKEN: sb.threatlocker.scimToken };
    const args = ['--okta-url', sb.okta.url, '--app-id', sb.provisioned!.appId, '--scim-url', sb.threatlocker.scimUrl];
    const run = await cli([...args, '--json'], env);
    expect(run.code).toBe(1);
    const printed = JSON.parse(run.stdout) as { counts: unknown; people: { key: string; cls: string }[] };
    expect(printed.counts).toEqual(join.counts);
    expect(Object.fromEntries(printed.people.map((p) => [p.key, p.cls]))).toEqual(Object.fromEntries(join.people.map((p) => [p.row.key, p.row.cls])));
    expect(run.stdout).not.toContain(sb.threatlocker.scimToken);
    expect((await cli(['--okta-url', sb.okta.url], env)).code).toBe(2);
    expect((await cli(['--okta-url', 'http://example.com', '--app-id', 'x1', '--scim-url', sb.threatlocker.scimUrl], env)).stderr).toMatch(/must use https/);
    const partial = await cli(args, { ...env, SCIM_TOKEN: 'revoked' });
    expect(partial.code).toBe(2);
    expect(partial.stdout).toMatch(/PARTIAL: could not read ThreatLocker: SCIM Users/);
  }, 60_000);

  it('a user deleted by hand from ThreatLocker (SCIM DELETE) shows as missing with the reason', async () => {
    const before = await read();
    const victim = before.join.people.find((p) => p.row.cls === 'matching' && p.tlUser)!;
    const res = await fetch(`${sb.threatlocker.scimUrl}/Users/${victim.tlUser!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${sb.threatlocker.scimToken}` } });
    expect(res.status).toBe(204);
    const after = await read();
    expect(after.join.byKey.get(victim.row.key)!.row).toMatchObject({ cls: 'missing', reason: expect.stringContaining('removed in ThreatLocker by hand') });
  }, 60_000);

  it('a rejected SCIM token ends in a partial result naming the ThreatLocker sources, with the reason on every person', async () => {
    const { fetched, join } = await read('wrong-token');
    expect(fetched.failed.sort()).toEqual(['scim-groups', 'scim-users']);
    expect(fetched.states.find((s) => s.source === 'okta-app-users')!.state).toBe('done');
    expect(join.people.find((p) => p.row.cls === 'missing')!.row.reason).toMatch(/rejected the SCIM token/);
  }, 60_000);
});
