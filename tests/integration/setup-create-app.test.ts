import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newProfileInputSchema } from '../../src/shared/profile';
import { buildCreateAppBody } from '../../src/main/services/setup/app-settings';
import { normalizeInstance } from '../../src/main/services/threatlocker/threatlocker-urls';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { createAppRecord, validateAppBody } from '../../sandbox/okta/okta-apps';
import { loadOktaSpec, validateRequestBody } from '../support/openapi-validator';
import { testKeychainService } from '../support/keychain';
import { type Harness, startSandboxProfile, step } from '../support/setup-harness';

const ACS_D = 'https://portalapi.d.threatlocker.com/portalApi/AuthenticationSAML/AssertionConsumerService';

describe('step 2: the Okta SAML app', () => {
  const keychain = testKeychainService();
  let sb: Sandbox;
  let h: Harness;
  let profileId: string;

  beforeAll(async () => {
    sb = await startSandbox({ users: 60, groups: 15 });
    ({ h, profileId } = await startSandboxProfile(sb, keychain.service));
  }, 60_000);
  afterAll(async () => {
    await sb?.stop();
    await keychain.cleanup();
  });

  const createApp = (input: Record<string, unknown> = {}, id = profileId) => h.call('setup:runStep', { profileId: id, stepId: 'create-app', input });
  const appsLabelled = (label: string) => sb.okta.state.apps().filter((a) => a.label === label && a.status !== 'DELETED');

  it('creates the app with exactly the article\'s values, field by field', async () => {
    const env = await createApp();
    if (!env.ok) throw new Error(env.error.message);
    const view = step(env.value, 'create-app');
    expect(view.status, view.detail).toBe('verified');
    const app = sb.okta.state.app(view.data.appId as string) as Record<string, any>;
    expect(app.label).toBe('ThreatLocker');
    expect(app.signOnMode).toBe('SAML_2_0');
    expect(app.status).toBe('ACTIVE');
    const signOn = app.settings.signOn;
    expect(signOn.ssoAcsUrl).toBe(ACS_D); // Single sign-on URL
    expect(signOn.recipient).toBe(ACS_D);
    expect(signOn.destination).toBe(ACS_D);
    expect(signOn.audience).toBe('https://threatlocker.com'); // Audience URI (SP Entity ID)
    expect(signOn.defaultRelayState).toBe(''); // Default RelayState: blank
    expect(signOn.subjectNameIdFormat).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'); // Name ID format EmailAddress
    expect(app.credentials.userNameTemplate.template).toBe('${source.email}'); // Application username: Email
    expect(app.credentials.userNameTemplate.type).toBe('BUILT_IN');
    expect(app.credentials.userNameTemplate.pushStatus).toBe('PUSH'); // Update on: Create and update
    expect(signOn.responseSigned).toBe(true);
    expect(signOn.assertionSigned).toBe(true);
    expect(signOn.signatureAlgorithm).toBe('RSA_SHA256');
    expect(signOn.digestAlgorithm).toBe('SHA256');
    expect(app.visibility.hide).toEqual({ iOS: true, web: true }); // SP-initiated only: tile hidden
    expect(view.findings.filter((f) => f.outcome === 'fail')).toEqual([]);
    expect(view.deepLink?.url).toBe(`${sb.okta.url}/admin/app/${app.name}/instance/${app.id}/`);
  });

  it('sends a body that validates against createApplication in Okta\'s OpenAPI spec', async () => {
    const spec = await loadOktaSpec();
    const post = h.requests.find((r) => r.method === 'POST' && /\/api\/v1\/apps\?/.test(r.url));
    expect(post).toBeTruthy();
    if (!spec) {
      console.log('skipped: the Okta OpenAPI spec file is absent');
      return;
    }
    expect(validateRequestBody(spec, 'createApplication', post!.json)).toEqual([]);
    expect(validateRequestBody(spec, 'createApplication', buildCreateAppBody('g', { label: 'X', defaultRelayState: 'r', hideTile: false }))).toEqual([]);
  });

  it('re-running reuses the app (found by label) and applies new choices to it', async () => {
    const env = await createApp({ defaultRelayState: '/dashboard', hideTile: false });
    if (!env.ok) throw new Error(env.error.message);
    expect(step(env.value, 'create-app').status).toBe('verified');
    expect(appsLabelled('ThreatLocker')).toHaveLength(1);
    const app = appsLabelled('ThreatLocker')[0] as Record<string, any>;
    expect(app.settings.signOn.defaultRelayState).toBe('/dashboard');
    expect(app.visibility.hide).toEqual({ iOS: false, web: false });
  });

  it('a 429 storm ends in success or a clear retryable error, and never two apps', async () => {
    sb.okta.faults.next429 = 5;
    const env = await createApp({ appLabel: 'ThreatLocker 429' });
    sb.okta.faults.next429 = 0;
    if (!env.ok) throw new Error(env.error.message);
    const first = step(env.value, 'create-app');
    if (first.status !== 'verified') {
      expect(first.status).toBe('failed');
      expect(first.data.error).toMatchObject({ retryable: true });
      expect(first.hint).toBeTruthy();
      const again = await createApp({ appLabel: 'ThreatLocker 429' });
      expect(again.ok && step(again.value, 'create-app').status).toBe('verified');
    }
    expect(appsLabelled('ThreatLocker 429')).toHaveLength(1);
  }, 60_000);

  it('a 500 on the create call ends in a clear retryable error with no app left unknown', async () => {
    const label = 'ThreatLocker 500';
    const off = h.events.subscribe((_e, payload) => {
      if (String((payload as { message?: string }).message).startsWith('Creating')) sb.okta.faults.next5xx = 1;
    });
    const env = await createApp({ appLabel: label });
    off();
    if (!env.ok) throw new Error(env.error.message);
    const view = step(env.value, 'create-app');
    expect(view.status).toBe('failed');
    expect(view.detail).toMatch(/nothing was created/);
    expect(view.data.error).toMatchObject({ retryable: true });
    expect(appsLabelled(label)).toHaveLength(0);
    const again = await createApp({ appLabel: label });
    expect(again.ok && step(again.value, 'create-app').status).toBe('verified');
    expect(appsLabelled(label)).toHaveLength(1);
  }, 60_000);

  it('a 500 after Okta did create the app adopts that app instead of making a second', async () => {
    const label = 'ThreatLocker lost answer';
    const off = h.events.subscribe((_e, payload) => {
      if (!String((payload as { message?: string }).message).startsWith('Creating')) return;
      // Okta creates it, but the answer is lost (500): the app exists and the console does not know.
      const store = sb.okta.state.store;
      const rec = createAppRecord(store, validateAppBody(buildCreateAppBody('d', { label, defaultRelayState: '', hideTile: true })), true);
      store.apps.set(rec.id, rec);
      sb.okta.faults.next5xx = 1;
    });
    const env = await createApp({ appLabel: label });
    off();
    if (!env.ok) throw new Error(env.error.message);
    const view = step(env.value, 'create-app');
    expect(view.status, view.detail).toBe('verified');
    expect(h.progress.some((p) => p.message.startsWith('Okta did not confirm'))).toBe(true);
    expect(appsLabelled(label)).toHaveLength(1);
  }, 60_000);

  it('an existing app aimed at another instance fails with the instance it points at, untouched', async () => {
    const label = 'ThreatLocker other tenant';
    const res = await fetch(`${sb.okta.url}/api/v1/apps`, {
      method: 'POST',
      headers: { authorization: `SSWS ${sb.okta.apiToken}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(buildCreateAppBody('g', { label, defaultRelayState: '', hideTile: true })),
    });
    expect(res.status).toBe(200);
    const env = await createApp({ appLabel: label });
    if (!env.ok) throw new Error(env.error.message);
    const view = step(env.value, 'create-app');
    expect(view.status).toBe('failed');
    const f = view.findings.find((x) => x.label === 'ACS URL instance')!;
    expect(f.actual).toContain('"g"');
    expect(f.hint).toMatch(/instance/);
    expect((appsLabelled(label)[0] as Record<string, any>).settings.signOn.ssoAcsUrl).toContain('portalapi.g.');
    // Back to the real app for the tests below.
    await createApp({ appLabel: 'ThreatLocker' });
  });

  it('an app with the label that this profile did not create is shown, untouched, and used only once the admin confirms it', async () => {
    const label = 'ThreatLocker made by hand';
    const res = await fetch(`${sb.okta.url}/api/v1/apps`, {
      method: 'POST',
      headers: { authorization: `SSWS ${sb.okta.apiToken}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(buildCreateAppBody('d', { label, defaultRelayState: '/other-tenant', hideTile: true })),
    });
    const other = (await res.json()) as { id: string; created: string };
    const writes = () => h.requests.filter((r) => r.method !== 'GET' && r.url.includes(other.id));
    const env = await createApp({ appLabel: label });
    if (!env.ok) throw new Error(env.error.message);
    const asked = step(env.value, 'create-app');
    expect(asked.status).toBe('failed');
    expect(asked.detail).toContain(other.id);
    expect(asked.data.adoptCandidate).toEqual({ id: other.id, label, created: other.created });
    expect(asked.data.appId).not.toBe(other.id);
    expect(writes()).toEqual([]);
    expect((appsLabelled(label)[0] as Record<string, any>).settings.signOn.defaultRelayState).toBe('/other-tenant');

    const done = await createApp({ appLabel: label, confirmAdoptAppId: other.id });
    if (!done.ok) throw new Error(done.error.message);
    const s = step(done.value, 'create-app');
    expect(s.status, s.detail).toBe('verified');
    expect(s.data).toMatchObject({ appId: other.id, adopted: true });
    expect(s.data.adoptCandidate ?? null).toBeNull();
    expect(done.value.summary.find((r) => r.setting === 'App name')!.value).toContain('Adopted (made outside the console)');
    expect(s.detail).toMatch(/^Adopted \(made outside the console\)/);
    expect(appsLabelled(label)).toHaveLength(1);
  }, 60_000);

  describe('wrong inputs are caught before any call', () => {
    it('an instance that is not a letter', () => {
      expect(() => normalizeInstance('4')).toThrowError(/not a ThreatLocker instance/);
      try {
        normalizeInstance('d1');
      } catch (err) {
        expect((err as { code: string; hint: string }).code).toBe('VALIDATION');
        expect((err as { hint: string }).hint).toMatch(/Help .*ThreatLocker Access/);
      }
      expect(newProfileInputSchema.safeParse({ name: 'x', oktaOrgUrl: 'acme.okta.com', instance: '7' }).success).toBe(false);
    });

    it('a SCIM URL that is not https', async () => {
      const base = await h.store.get(profileId);
      const other = await h.store.save({ ...base, id: h.store.newId(), name: 'Plain http', sandbox: false, threatlocker: { ...base.threatlocker, scimUrl: 'http://scim.example.com/scim/v2' } });
      const sent = h.requests.length;
      const env = await h.call('setup:runStep', { profileId: other.id, stepId: 'prerequisites', input: {} });
      expect(env.ok).toBe(false);
      if (!env.ok) {
        expect(env.error.code).toBe('VALIDATION');
        expect(env.error.message).toMatch(/https:\/\//);
        expect(env.error.hint).toMatch(/API Url/);
      }
      expect(h.requests.length).toBe(sent);
    });

    it('a token saved for another profile', async () => {
      const base = await h.store.get(profileId);
      const other = await h.store.save({ ...base, id: h.store.newId(), name: 'Tenant B', setup: { steps: {} } });
      await h.secrets.set(other.id, 'scimBearerToken', sb.threatlocker.scimToken);
      const sent = h.requests.length;
      for (const stepId of ['prerequisites', 'create-app'] as const) {
        const env = await h.call('setup:runStep', { profileId: other.id, stepId, input: {} });
        expect(env.ok).toBe(false);
        if (!env.ok) {
          expect(env.error.code).toBe('VALIDATION');
          expect(env.error.message).toContain('Sandbox: Acme MSP');
          expect(env.error.hint).toMatch(/this tenant's/);
        }
      }
      expect(h.requests.length).toBe(sent);
      await h.secrets.delete(other.id, 'scimBearerToken');
    });
  });
});
