import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `npm run sandbox -- --provisioned`: a finished setup whose provisioning engine keeps running,
 * and the trap it lets a script show: a full PUT of the app stops provisioning silently.
 */
describe('sandbox --provisioned', () => {
  let sb: Sandbox;
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${sb.okta.url}${path}`, {
      method,
      headers: { authorization: `SSWS ${sb.okta.apiToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const tlUserNames = () => new Set(sb.threatlocker.controls.listUsers().map((u) => u.userName.toLowerCase()));
  /** An active Okta user with a phone, in none of the pushed groups yet. */
  const newcomer = (skip: Set<string>) => {
    const store = sb.okta.state.store;
    const pushed = sb.provisioned!.pushedGroupIds.map((id) => store.groupsById.get(id)!);
    return store.users.find((u) => u.status === 'ACTIVE' && u.profile.primaryPhone && !skip.has(u.id) && pushed.every((g) => !store.isMember(g, u)))!;
  };

  beforeAll(async () => {
    sb = await startSandbox({ provisioned: true });
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
  });

  it('seeds the setup the wizard makes: SCIM on, assignment group, pushed role groups, users provisioned, some in ERROR, one deactivated', () => {
    const { appId, assignmentGroupId, pushedGroupIds } = sb.provisioned!;
    expect(sb.okta.controls.getScimConnection(appId)?.baseUrl).toBe(sb.threatlocker.scimUrl);
    expect(sb.okta.state.appGroups(appId).map((g) => g.id)).toEqual([assignmentGroupId]);
    expect(sb.okta.state.pushMappings(appId).map((m) => m.sourceGroupId).sort()).toEqual([...pushedGroupIds].sort());
    const appUsers = [...sb.okta.state.store.apps.get(appId)!.users.values()];
    expect(appUsers.filter((u) => u.syncState === 'SYNCHRONIZED').length).toBeGreaterThan(3);
    expect(appUsers.filter((u) => u.syncState === 'ERROR').length).toBe(3);
    const tl = sb.threatlocker.controls.listUsers();
    expect(tl.filter((u) => u.active === false)).toHaveLength(1);
    // The MSP's own local admins are still there, untouched.
    expect(tl.map((u) => u.userName)).toContain('msp.owner@acme-msp.example');
  });

  it('a profile change while "Update User Attributes" is off leaves the app user OUT_OF_SYNC', async () => {
    const { appId } = sb.provisioned!;
    const app = sb.okta.state.store.apps.get(appId)!;
    const synced = [...app.users.values()].find((u) => u.syncState === 'SYNCHRONIZED')!;
    sb.okta.controls.setToAppFeatures(appId, { updateUserAttributes: false });
    expect((await api('POST', `/api/v1/users/${synced.userId}`, { profile: { title: 'Changed' } })).status).toBe(200);
    const listed = (await (await api('GET', `/api/v1/apps/${appId}/users/${synced.userId}`)).json()) as { syncState: string };
    expect(listed.syncState).toBe('OUT_OF_SYNC');
    sb.okta.controls.setToAppFeatures(appId, { updateUserAttributes: true });
  });

  it('a user added to a pushed group reaches ThreatLocker; after a full PUT of the app (its GET sent back) one added the same way never does', async () => {
    const { appId, pushedGroupIds } = sb.provisioned!;
    const first = newcomer(new Set());
    expect((await api('PUT', `/api/v1/groups/${pushedGroupIds[0]}/users/${first.id}`)).status).toBe(204);
    await sb.okta.controls.whenIdle();
    expect(tlUserNames()).toContain(first.profile.email.toLowerCase());

    const got = await (await api('GET', `/api/v1/apps/${appId}`)).json();
    expect((await api('PUT', `/api/v1/apps/${appId}`, got)).status).toBe(200); // no error, as in real orgs
    const second = newcomer(new Set([first.id]));
    expect((await api('PUT', `/api/v1/groups/${pushedGroupIds[0]}/users/${second.id}`)).status).toBe(204);
    await sb.okta.controls.whenIdle();
    expect(tlUserNames()).not.toContain(second.profile.email.toLowerCase());
    expect(sb.okta.controls.getScimConnection(appId)).toBeNull();
  });

  it('the command line takes --org-type and --provisioned and prints OKTA_APP_ID', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--provisioned', '--org-type', 'developer', '--users', '60'], { cwd: root, env: process.env });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no SANDBOX_READY: ${text}`)), 30_000);
        child.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          if (text.includes('SANDBOX_READY')) {
            clearTimeout(timer);
            resolve(text);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
      });
      expect(out).toMatch(/^OKTA_APP_ID=0oa\w+$/m);
      expect(out).toMatch(/^OKTA_ORG_TYPE=developer$/m);
    } finally {
      child.kill('SIGTERM');
    }
    const bad = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--org-type', 'free'], { cwd: root, env: process.env });
    let stderr = '';
    bad.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => bad.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--org-type must be enterprise or developer; got "free"');
  }, 60_000);
});
