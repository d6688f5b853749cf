/**
 * The console's real OktaClient against an independent mock built from Okta's own OpenAPI spec
 * (Stoplight Prism on ../shared/okta-openapi/management-minimal.yaml, on loopback). Every
 * operation the wizard uses must be accepted by the spec; the PUT body is the one the console
 * really builds (withArticleValues on a realistic GET, with real Okta's nulls), not a copy.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktaSimulator } from '../../sandbox/okta/okta-simulator';
import { OKTA_SPEC_PATH } from '../support/openapi-validator';
import { AppError } from '../../src/shared/errors';
import { HostPolicy } from '../../src/main/services/net/host-policy';
import { createHttpClient, type HttpClient } from '../../src/main/services/net/http-client';
import { memoryLogger } from '../support/loopback';
import { OktaClient } from '../../src/main/services/okta/okta-client';
import { buildCreateAppBody, withArticleValues, type AppChoices } from '../../src/main/services/setup/app-settings';
import { ruleExpression } from '../../src/main/services/setup/steps/assignment-group';
import { startPrismMock, startRecorder, type Exchange, type PrismMock } from '../support/prism-mock';

const hasSpec = existsSync(OKTA_SPEC_PATH);
if (!hasSpec) console.warn(`[okta-prism] ${OKTA_SPEC_PATH} is absent: skipping the Prism contract run.`);

const choices: AppChoices = { label: 'ThreatLocker', defaultRelayState: '/changed', hideTile: true };
const APP = '0oa1a2b3c4d5e6f7g8h9';
const GROUP = '00g1a2b3c4d5e6f7g8h9';
const USER = '00u1a2b3c4d5e6f7g8h9';

describe.skipIf(!hasSpec)('OktaClient vs Prism on Okta\'s OpenAPI spec', () => {
  let prism: PrismMock;
  let recorder: { url: string; stop: () => Promise<void> };
  let http: HttpClient;
  let okta: OktaClient;
  /** What GET /api/v1/apps/{id} returns in a real org: the sandbox's copy, nulls included. */
  let realisticGet: Record<string, unknown>;
  const log: Exchange[] = [];

  beforeAll(async () => {
    const sim = await startOktaSimulator({ users: 3, groups: 2 });
    try {
      const headers = { authorization: `SSWS ${sim.apiToken}`, 'content-type': 'application/json' };
      const made = (await (await fetch(`${sim.url}/api/v1/apps`, { method: 'POST', headers, body: JSON.stringify(buildCreateAppBody('d', { ...choices, defaultRelayState: '' })) })).json()) as { id: string };
      realisticGet = (await (await fetch(`${sim.url}/api/v1/apps/${made.id}`, { headers })).json()) as Record<string, unknown>;
    } finally {
      await sim.stop();
    }
    prism = await startPrismMock(OKTA_SPEC_PATH);
    recorder = await startRecorder(prism.url, log);
    const policy = new HostPolicy();
    policy.allowOrigin(recorder.url);
    http = createHttpClient({ policy, logger: memoryLogger(), maxRetries: 0 });
    okta = new OktaClient({ orgUrl: recorder.url, getToken: async () => ({ kind: 'SSWS', value: '00prism-contract-token' }), http });
  }, 120_000);
  afterAll(async () => {
    await http?.close();
    await recorder?.stop();
    await prism?.stop();
  });

  /**
   * Runs one client call and returns what went over the wire. Prism makes its answers up from
   * the schemas, so an answer the client's own schema refuses (BAD_RESPONSE) is not the point
   * here; what Prism says about the request is.
   */
  async function exchange(work: () => Promise<unknown>): Promise<Exchange[]> {
    const before = log.length;
    try {
      await work();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    return log.slice(before);
  }

  const first = async <T,>(items: AsyncIterable<T>) => {
    for await (const x of items) return x;
    return undefined;
  };

  const operations: [string, () => Promise<unknown>][] = [
    ['listApplications (q)', () => first(okta.listApps({ q: 'ThreatLocker' }))],
    ['createApplication', () => okta.createSamlApp(buildCreateAppBody('d', choices))],
    ['getApplication', () => okta.getApp(APP)],
    ['replaceApplication (the console\'s body from a realistic GET)', () => okta.replaceApp(APP, withArticleValues(realisticGet, buildCreateAppBody('d', choices)))],
    ['activateApplication', () => okta.activateApp(APP)],
    ['listApplicationKeys', () => okta.listAppKeys(APP)],
    ['previewSAMLmetadataForApplication (kid)', () => okta.getSamlMetadata(APP, 'kid-1')],
    ['listApplicationUsers (expand=user)', () => first(okta.listAppUsers(APP, { expand: 'user' }))],
    ['listApplicationGroupAssignments', () => first(okta.listAppGroups(APP))],
    ['assignGroupToApplication', () => okta.assignGroupToApp(APP, GROUP)],
    ['getFeatureForApplication', () => okta.getFeature(APP, 'USER_PROVISIONING')],
    ['getDefaultProvisioningConnectionForApplication', () => okta.getDefaultConnection(APP)],
    ['listGroupPushMappings', () => first(okta.listGroupPushMappings(APP))],
    ['createGroupPushMapping', () => okta.createGroupPushMapping(APP, { sourceGroupId: GROUP, targetGroupName: 'ThreatLocker Admins', status: 'ACTIVE' })],
    ['listUsers (search)', () => first(okta.listUsers({ search: 'profile.primaryPhone pr' }))],
    ['getUser', () => okta.getUser(USER)],
    ['updateUser (partial profile)', () => okta.updateUserProfile(USER, { primaryPhone: '+1 555 0100' })],
    ['listGroups (q)', () => first(okta.listGroups({ q: 'ThreatLocker', limit: 50 }))],
    ['getGroup', () => okta.getGroup(GROUP)],
    ['listGroupUsers', () => first(okta.listGroupMembers(GROUP))],
    ['listGroupRules', () => first(okta.listGroupRules({ expand: 'groupIdToGroupNameMap' }))],
    ['addGroup', () => okta.createGroup({ name: 'ThreatLocker — provisioned', description: 'Assigns the app' })],
    ['createGroupRule', () => okta.createGroupRule({
      name: 'ThreatLocker: pushed groups to app',
      conditions: { expression: { value: ruleExpression([GROUP]), type: 'urn:okta:expression:1.0' } },
      actions: { assignUserToGroups: { groupIds: [GROUP] } },
    })],
    ['activateGroupRule', () => okta.setGroupRuleActive('0pr1a2b3c4d5e6f7g8h9', true)],
    ['listLogEvents', () => first(okta.listLogs({ since: new Date(Date.now() - 3_600_000), filter: 'eventType eq "application.provision.user.push"' }))],
  ];

  it.each(operations)('%s: the spec accepts the request', async (_name, work) => {
    const sent = await exchange(work);
    expect(sent.length).toBeGreaterThan(0);
    for (const e of sent) {
      expect(e.violations, `${e.method} ${e.path}`).toEqual([]);
      expect(e.status, `${e.method} ${e.path}`).toBeLessThan(400);
    }
  });

  it('fails when a null is put back in the PUT body (as a GET echoed without normalising would)', async () => {
    const body = withArticleValues(realisticGet, buildCreateAppBody('d', choices));
    (body.accessibility as Record<string, unknown>).errorRedirectUrl = null;
    const sent = await exchange(() => okta.replaceApp(APP, body));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.status).toBeGreaterThanOrEqual(400);
    expect(sent[0]!.violations.join('\n')).toMatch(/errorRedirectUrl must be string/);
    // And the GET itself, echoed: what the console used to send.
    const echoed = await exchange(() => okta.replaceApp(APP, { ...realisticGet }));
    expect(echoed[0]!.violations.length).toBeGreaterThan(0);
  });
});
