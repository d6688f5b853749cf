/**
 * The status join against the provisioned sandbox over real HTTP: what an admin would see after
 * setup, including a user deleted by hand in ThreatLocker and a SCIM token revoked mid-run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { readStatusOnce } from '../../src/main/services/status/status-standalone';

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
