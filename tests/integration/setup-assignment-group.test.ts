import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepOfView, type StepView } from '../../src/shared/setup';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { testKeychainService } from '../support/keychain';
import { type Harness, startSandboxProfile, step } from '../support/setup-harness';

/**
 * Step 8 assigns the app through its own group (filled by a group rule from the pushed groups)
 * and pushes only the role groups, as Okta recommends; an old-style setup is flagged.
 */
describe('step 8: assignment group separate from the pushed groups', () => {
  const keychain = testKeychainService();
  let sb: Sandbox;
  let h: Harness;
  let profileId: string;
  let appId: string;
  let pushedIds: string[];

  beforeAll(async () => {
    sb = await startSandbox({ users: 80, groups: 15 });
    ({ h, profileId } = await startSandboxProfile(sb, keychain.service));
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
    await keychain.cleanup();
  });

  const run = (stepId: StepView['id'], input: Record<string, unknown> = {}) => h.ok('setup:runStep', { profileId, stepId, input });
  const play = (stepId: StepView['id']) => h.ok('sandbox:playStep', { profileId, stepId });
  const provisioned = () => new Set(sb.threatlocker.controls.listUsers().map((u) => u.userName.toLowerCase()));

  it('a new setup assigns the app through "ThreatLocker — provisioned" and pushes only the picked groups', async () => {
    appId = step(await run('create-app'), 'create-app').data.appId as string;
    await play('enable-scim');
    await play('scim-connection');
    await play('to-app');
    const { groups } = await h.ok('setup:searchGroups', { profileId, query: 'ThreatLocker' });
    pushedIds = groups.map((g) => g.id);
    expect(pushedIds.length).toBeGreaterThan(1);
    const view = await run('push-groups', { groupIds: pushedIds });
    const s = step(view, 'push-groups');
    expect(s.status, s.detail).toBe('verified');
    expect(s.why).toMatch(/does not support assigning and pushing the same group/);

    const assigned = sb.okta.state.appGroups(appId).map((g) => g.id);
    const assignment = s.data.assignmentGroup as { id: string; name: string };
    expect(assignment.name).toBe('ThreatLocker — provisioned');
    expect(assigned).toEqual([assignment.id]);
    expect(pushedIds).not.toContain(assignment.id);
    expect(sb.okta.state.pushMappings(appId).map((m) => m.sourceGroupId).sort()).toEqual([...pushedIds].sort());
    // The search never offers the assignment group for pushing.
    expect((await h.ok('setup:searchGroups', { profileId, query: 'ThreatLocker' })).groups.map((g) => g.id)).not.toContain(assignment.id);

    await sb.okta.controls.whenIdle();
    const rule = sb.okta.state.store.rules.find((r) => r.id === s.data.assignmentRule?.id)!;
    expect(rule.name).toBe(`ThreatLocker assignment ${appId}`);
    expect(rule.name.length).toBeLessThanOrEqual(50);
    expect(rule.status).toBe('ACTIVE');
    expect(rule.groupIds).toEqual([assignment.id]);
  }, 60_000);

  it('a user added to a pushed group later is assigned through the rule and provisioned; removed, deprovisioned', async () => {
    const group = sb.okta.state.store.groupsById.get(pushedIds[0]!)!;
    const outsider = sb.okta.state.store.users.find((u) => u.status === 'ACTIVE' && !sb.okta.state.store.isMember(group, u) && u.profile.primaryPhone)!;
    const api = (method: string, path: string) => fetch(`${sb.okta.url}${path}`, { method, headers: { authorization: `SSWS ${sb.okta.apiToken}` } });
    expect((await api('PUT', `/api/v1/groups/${group.id}/users/${outsider.id}`)).status).toBe(204);
    await sb.okta.controls.whenIdle();
    const email = outsider.profile.email.toLowerCase();
    expect(provisioned()).toContain(email);
    const tlGroup = sb.threatlocker.controls.listGroups().find((g) => g.displayName === group.name)!;
    expect(JSON.stringify(tlGroup)).toContain(email);

    expect((await api('DELETE', `/api/v1/groups/${group.id}/users/${outsider.id}`)).status).toBe(204);
    await sb.okta.controls.whenIdle();
    const after = sb.threatlocker.controls.listGroups().find((g) => g.displayName === group.name)!;
    expect(JSON.stringify(after)).not.toContain(email);
  }, 60_000);

  it('an old-style setup (a pushed group also assigned) is flagged in step 8 and the summary, with the fix', async () => {
    const api = (method: string, path: string) => fetch(`${sb.okta.url}${path}`, { method, headers: { authorization: `SSWS ${sb.okta.apiToken}`, 'content-type': 'application/json' }, body: '{}' });
    expect((await api('PUT', `/api/v1/apps/${appId}/groups/${pushedIds[0]}`)).status).toBe(200);
    const view = await run('push-groups');
    const s = step(view, 'push-groups');
    expect(s.status).toBe('failed');
    const name = sb.okta.state.store.groupsById.get(pushedIds[0]!)!.name;
    expect(s.data.oldStyle).toEqual([name]);
    const flag = s.findings.find((f) => f.label === `${name}: assigned and pushed (old style)`)!;
    expect(flag.outcome).toBe('fail');
    expect(flag.hint).toContain('Assignments -> Groups -> remove');
    expect(flag.hint).toContain('ThreatLocker — provisioned');
    const row = view.summary.find((r) => r.setting === 'App assigned through')!;
    expect(row.verification).toBe('failed');
    expect(row.value).toContain(`old style: ${name} assigned and pushed`);
  }, 60_000);

  it('re-running with fewer groups shows the groups the rule would drop and changes nothing until confirmed', async () => {
    const api = (method: string, path: string) => fetch(`${sb.okta.url}${path}`, { method, headers: { authorization: `SSWS ${sb.okta.apiToken}`, 'content-type': 'application/json' }, body: '{}' });
    // Undo the old-style assignment the previous test made.
    expect((await api('DELETE', `/api/v1/apps/${appId}/groups/${pushedIds[0]}`)).status).toBe(204);
    const ruleId = step(await h.ok('setup:get', { profileId }), 'push-groups').data.assignmentRule!.id;
    const before = JSON.stringify(sb.okta.state.store.rules.find((r) => r.id === ruleId));
    const dropped = sb.okta.state.store.groupsById.get(pushedIds[1]!)!.name;
    const fewer = pushedIds.filter((id) => id !== pushedIds[1]);
    const s = step(await run('push-groups', { groupIds: fewer }), 'push-groups');
    expect(s.status).toBe('failed');
    expect(s.detail).toContain(`"${dropped}"`);
    expect(s.data.ruleRemovalNeedsConfirmation).toEqual([{ id: pushedIds[1], name: dropped }]);
    expect(JSON.stringify(sb.okta.state.store.rules.find((r) => r.id === ruleId))).toBe(before);

    const ok = step(await run('push-groups', { confirmRuleRemoval: true }), 'push-groups');
    const rule = sb.okta.state.store.rules.find((r) => r.id === ruleId)!;
    expect(rule.expression).toBe(`isMemberOfAnyGroup(${[...fewer].sort().map((id) => `"${id}"`).join(', ')})`);
    expect(rule.status).toBe('ACTIVE');
    expect(ok.data.ruleRemovalNeedsConfirmation ?? null).toBeNull();
  }, 60_000);

  it('a rule with the console\'s name that fills another group is reported and never touched', async () => {
    const other = sb.okta.state.store.groups.find((g) => g.type === 'OKTA_GROUP' && !pushedIds.includes(g.id) && !g.name.includes('provisioned'))!;
    const post = (path: string, body: unknown) => fetch(`${sb.okta.url}${path}`, { method: 'POST', headers: { authorization: `SSWS ${sb.okta.apiToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // A second profile's view: its saved rule id is forgotten, and an admin's rule holds the name.
    const mine = sb.okta.state.store.rules.find((r) => r.name === `ThreatLocker assignment ${appId}`)!;
    mine.name = 'renamed by an admin';
    const res = await post('/api/v1/groups/rules', {
      type: 'group_rule', name: `ThreatLocker assignment ${appId}`,
      conditions: { expression: { value: `isMemberOfAnyGroup("${pushedIds[0]}")`, type: 'urn:okta:expression:1.0' } },
      actions: { assignUserToGroups: { groupIds: [other.id] } },
    });
    const foreign = (await res.json()) as { id: string };
    const snapshot = JSON.stringify(sb.okta.state.store.rules.find((r) => r.id === foreign.id));
    // Change the selection so the console would want to rewrite its rule.
    const s = step(await run('push-groups', { groupIds: pushedIds, confirmRuleRemoval: true }), 'push-groups');
    expect(JSON.stringify(sb.okta.state.store.rules.find((r) => r.id === foreign.id))).toBe(snapshot);
    // The console's own rule (found by its saved id, whatever its name) is the one brought up to date.
    expect(mine.expression).toBe(`isMemberOfAnyGroup(${[...pushedIds].sort().map((id) => `"${id}"`).join(', ')})`);
    expect(s.data.assignmentRule?.id).toBe(mine.id);
  }, 60_000);

  it('a failed rule update switches the rule back on, so its members keep the app', async () => {
    const ruleId = step(await h.ok('setup:get', { profileId }), 'push-groups').data.assignmentRule!.id;
    const rule = sb.okta.state.store.rules.find((r) => r.id === ruleId)!;
    const before = rule.expression;
    expect(rule.status).toBe('ACTIVE');
    h.onRequest = (r) => {
      // Okta's answer to the PUT is lost (not valid JSON): the update did not happen.
      if (r.method === 'PUT' && r.url.includes(`/groups/rules/${ruleId}`)) sb.okta.faults.nextMalformed = 1;
    };
    const sent = h.requests.length;
    try {
      const view = await h.ok('setup:runStep', { profileId, stepId: 'push-groups', input: { groupIds: [pushedIds[0]!], confirmRuleRemoval: true } });
      expect(step(view, 'push-groups').status).toBe('failed');
    } finally {
      h.onRequest = undefined;
    }
    const calls = h.requests.slice(sent).filter((r) => r.url.includes(`/groups/rules/${ruleId}`)).map((r) => `${r.method} ${r.url.replace(/^.*\/rules\/[^/]+/, '')}`);
    expect(calls).toEqual(['POST /lifecycle/deactivate', 'PUT ', 'POST /lifecycle/activate']);
    expect(rule.expression).toBe(before);
    expect(rule.status).toBe('ACTIVE');
  }, 60_000);

  it('an app label of 29+ characters gives a rule name Okta accepts (at most 50 characters)', async () => {
    const sb2 = await startSandbox({ users: 30, groups: 8 });
    try {
      const { h: h2, profileId: p2 } = await startSandboxProfile(sb2, keychain.service);
      const label = 'ThreatLocker administrators for Contoso Europe';
      const app = stepOfView(await h2.ok('setup:runStep', { profileId: p2, stepId: 'create-app', input: { appLabel: label } }), 'create-app')!;
      expect(app.status, app.detail).toBe('verified');
      for (const id of ['enable-scim', 'scim-connection', 'to-app'] as const) await h2.ok('sandbox:playStep', { profileId: p2, stepId: id });
      const { groups } = await h2.ok('setup:searchGroups', { profileId: p2, query: 'ThreatLocker' });
      const s = stepOfView(await h2.ok('setup:runStep', { profileId: p2, stepId: 'push-groups', input: { groupIds: groups.map((g) => g.id) } }), 'push-groups')!;
      expect(s.status, s.detail).toBe('verified');
      const rule = sb2.okta.state.store.rules.find((r) => r.id === s.data.assignmentRule?.id)!;
      expect(rule.name.length).toBeLessThanOrEqual(50);
      expect(rule.status).toBe('ACTIVE');
    } finally {
      await sb2.stop();
    }
  }, 60_000);

  it('with no rule of its own, a rule that only has the console\'s name stops step 8 with what to do, and nothing is written', async () => {
    const sb3 = await startSandbox({ users: 30, groups: 8 });
    try {
      const { h: h3, profileId: p3 } = await startSandboxProfile(sb3, keychain.service);
      const app = stepOfView(await h3.ok('setup:runStep', { profileId: p3, stepId: 'create-app', input: { appLabel: 'ThreatLocker' } }), 'create-app')!;
      for (const id of ['enable-scim', 'scim-connection', 'to-app'] as const) await h3.ok('sandbox:playStep', { profileId: p3, stepId: id });
      const { groups } = await h3.ok('setup:searchGroups', { profileId: p3, query: 'ThreatLocker' });
      const other = sb3.okta.state.store.groups.find((g) => g.type === 'OKTA_GROUP' && !groups.some((p) => p.id === g.id))!;
      // Another admin's rule holds the name the console would give its own, and fills another group.
      const res = await fetch(`${sb3.okta.url}/api/v1/groups/rules`, {
        method: 'POST',
        headers: { authorization: `SSWS ${sb3.okta.apiToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'group_rule', name: `ThreatLocker assignment ${app.data.appId}`,
          conditions: { expression: { value: `isMemberOfAnyGroup("${groups[0]!.id}")`, type: 'urn:okta:expression:1.0' } },
          actions: { assignUserToGroups: { groupIds: [other.id] } },
        }),
      });
      const foreign = (await res.json()) as { id: string };
      const before = JSON.stringify(sb3.okta.state.store.rules);
      const s = stepOfView(await h3.ok('setup:runStep', { profileId: p3, stepId: 'push-groups', input: { groupIds: groups.map((g) => g.id) } }), 'push-groups')!;
      expect(s.status).toBe('failed');
      expect(s.detail).toContain(`A group rule named "ThreatLocker assignment ${app.data.appId}" exists but does not fill "ThreatLocker — provisioned"`);
      expect(s.hint).toContain(`Directory -> Groups -> Rules: ${foreign.id}`);
      expect(JSON.stringify(sb3.okta.state.store.rules)).toBe(before);
      expect(sb3.okta.state.store.apps.get(app.data.appId!)?.pushMappings.size).toBe(0);
    } finally {
      await sb3.stop();
    }
  }, 60_000);

  it('a group rule whose target group was deleted is listed with "(deleted group)", and the other rules still are', async () => {
    const post = (path: string, body: unknown) => fetch(`${sb.okta.url}${path}`, { method: 'POST', headers: { authorization: `SSWS ${sb.okta.apiToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const target = (await (await post('/api/v1/groups', { profile: { name: 'Soon deleted' } })).json()) as { id: string };
    const rule = (await (await post('/api/v1/groups/rules', {
      type: 'group_rule', name: 'Fills a group that goes away',
      conditions: { expression: { value: `isMemberOfAnyGroup("${pushedIds[0]}")`, type: 'urn:okta:expression:1.0' } },
      actions: { assignUserToGroups: { groupIds: [target.id] } },
    })).json()) as { id: string };
    sb.okta.state.store.removeGroup(target.id);
    const { rules } = await h.ok('setup:listGroupRules', { profileId });
    expect(rules.find((r) => r.id === rule.id)!.groups).toEqual([{ id: target.id, name: '(deleted group)' }]);
    expect(rules.length).toBeGreaterThan(1);
  }, 60_000);
});
