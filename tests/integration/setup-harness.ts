/**
 * Builds the wizard's services the way src/main/app-services.ts does (real HTTP, real keychain,
 * real files) around a sandbox the test started, so a test can "restart" the app on the same
 * data dir while the simulated Okta and ThreatLocker keep running.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '../../src/shared/errors';
import type { RequestOf, ResultOf } from '../../src/shared/ipc-contract';
import { EventBus } from '../../src/main/ipc/event-bus';
import { createDispatch, type Handlers } from '../../src/main/ipc/handle';
import { setupHandlers } from '../../src/main/ipc/setup.ipc';
import { SetupService } from '../../src/main/services/setup/setup-service';
import { ScimCheckService } from '../../src/main/services/scim/scim-check-service';
import { createLogger } from '../../src/main/services/log/logger';
import { Redactor } from '../../src/main/services/log/redactor';
import { HostPolicy } from '../../src/main/services/net/host-policy';
import { createHttpClient, type HttpClient, type HttpRequestOptions } from '../../src/main/services/net/http-client';
import { ProfileClients } from '../../src/main/services/profile-clients';
import { ProfileStore } from '../../src/main/services/profiles/profile-store';
import { profileUrlRules } from '../../src/main/services/profiles/url-rules';
import { ProfilesService } from '../../src/main/services/profiles/profiles-service';
import { SandboxService, type RunningSandbox } from '../../src/main/services/sandbox/sandbox-service';
import { osKeychain } from '../../src/main/services/secrets/os-keychain';
import { SecretStore, type KeytarLike } from '../../src/main/services/secrets/secret-store';
import type { Sandbox } from '../../sandbox/index';

export function asRunning(sb: Sandbox): RunningSandbox {
  return {
    oktaUrl: sb.okta.url,
    oktaApiToken: sb.okta.apiToken,
    threatlockerUrl: sb.threatlocker.url,
    threatlockerInstance: sb.threatlocker.instance,
    portalToken: sb.threatlocker.portalToken,
    scimUrl: sb.threatlocker.scimUrl,
    get scimToken() {
      return sb.threatlocker.scimToken;
    },
    handle: sb,
    // The test owns the sandbox: a "restart" of the app must not stop it.
    stop: async () => undefined,
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  json: unknown;
}

export interface Harness {
  dataDir: string;
  store: ProfileStore;
  secrets: SecretStore;
  profiles: ProfilesService;
  events: EventBus;
  sandbox: SandboxService;
  requests: RecordedRequest[];
  progress: { stepId: string; message: string }[];
  call<C extends 'setup:get' | 'setup:runStep' | 'setup:searchGroups' | 'setup:listGroupRules' | 'sandbox:playStep'>(
    channel: C,
    payload: RequestOf<C>,
  ): Promise<Envelope<ResultOf<C>>>;
  /** Like call, but throws the error envelope. */
  ok<C extends 'setup:get' | 'setup:runStep' | 'setup:searchGroups' | 'setup:listGroupRules' | 'sandbox:playStep'>(
    channel: C,
    payload: RequestOf<C>,
  ): Promise<ResultOf<C>>;
}

/** Records every request (method, URL, JSON body) so tests can check what was sent. */
function recording(http: HttpClient, log: RecordedRequest[]): HttpClient {
  return {
    request: ((opts: HttpRequestOptions) => {
      log.push({ method: opts.method ?? 'GET', url: String(opts.url), json: opts.json });
      return http.request(opts);
    }) as HttpClient['request'],
    paginate: (opts) => {
      log.push({ method: 'GET', url: String(opts.url), json: undefined });
      return http.paginate(opts);
    },
    close: () => http.close(),
  };
}

export async function newDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tloc-setup-'));
}

export async function buildHarness(opts: { dataDir: string; keychainService: string; sandbox: Sandbox; maxRetries?: number; keytar?: KeytarLike }): Promise<Harness> {
  const redactor = new Redactor();
  const logger = createLogger({ redactor, echo: false });
  const events = new EventBus();
  const policy = new HostPolicy({ allowLoopback: false });
  const requests: RecordedRequest[] = [];
  const http = recording(createHttpClient({ policy, logger, backoffBaseMs: 20, ...(opts.maxRetries !== undefined ? { maxRetries: opts.maxRetries } : {}) }), requests);
  const store = new ProfileStore(opts.dataDir);
  const secrets = new SecretStore(opts.keytar ?? osKeychain, redactor, opts.keychainService);
  const profiles = new ProfilesService(store, secrets, profileUrlRules(policy));
  const sandbox = new SandboxService({
    start: async () => asRunning(opts.sandbox),
    profiles,
    store,
    secrets,
    allowOrigin: (origin) => policy.allowOrigin(origin),
    events,
    logger,
  });
  const clients = new ProfileClients({ store, secrets, http, policy });
  const handlers = setupHandlers(
    new SetupService({
      clients,
      store,
      secrets,
      events,
      scimChecks: new ScimCheckService({ store, secrets, allowLoopback: false }),
      allowLoopback: false,
      sandboxHandle: () => sandbox.current?.handle ?? null,
    }),
  );
  const dispatch = createDispatch(handlers as unknown as Handlers, logger);
  const progress: { stepId: string; message: string }[] = [];
  events.subscribe((event, payload) => {
    if (event === 'setup:progress') progress.push(payload as { stepId: string; message: string });
  });
  const call = (async (channel: string, payload: unknown) => dispatch(channel, payload, { trusted: true, description: 'test' })) as Harness['call'];
  const ok = (async (channel: string, payload: unknown) => {
    const env = await dispatch(channel, payload, { trusted: true, description: 'test' });
    if (!env.ok) throw Object.assign(new Error(`${channel}: ${env.error.code} ${env.error.message}`), { envelope: env.error });
    return env.value;
  }) as Harness['ok'];
  return { dataDir: opts.dataDir, store, secrets, profiles, events, sandbox, requests, progress, call, ok };
}

/** The harness on a fresh data dir around a running sandbox, with the sandbox profile started. */
export async function startSandboxProfile(sandbox: Sandbox, keychainService: string): Promise<{ h: Harness; profileId: string }> {
  const h = await buildHarness({ dataDir: await newDataDir(), keychainService, sandbox });
  return { h, profileId: (await h.sandbox.start()).profile.id };
}

/** A keychain in memory, for scripts that run the wizard without an OS keychain. */
export function memoryKeytar(): KeytarLike {
  const items = new Map<string, string>();
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    getPassword: async (service, account) => items.get(key(service, account)) ?? null,
    setPassword: async (service, account, password) => void items.set(key(service, account), password),
    deletePassword: async (service, account) => items.delete(key(service, account)),
    findCredentials: async (service) =>
      [...items].filter(([k]) => k.startsWith(`${service}\u0000`)).map(([k, password]) => ({ account: k.slice(service.length + 1), password })),
  };
}
