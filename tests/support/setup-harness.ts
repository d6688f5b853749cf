/**
 * Builds the app's services with src/main/app-services.ts (real HTTP, real keychain, real
 * files) around a sandbox the test started, so a test can "restart" the app on the same
 * data dir while the simulated Okta and ThreatLocker keep running.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '../../src/shared/errors';
import type { RequestOf, ResultOf } from '../../src/shared/ipc-contract';
import { stepOfView, type SetupStepId, type SetupView, type StepViewOf } from '../../src/shared/setup';
import { buildAppServices } from '../../src/main/app-services';
import { toRunningSandbox } from '../../src/main/demo-entry';
import type { EventBus } from '../../src/main/ipc/event-bus';
import { createDispatch } from '../../src/main/ipc/handle';
import type { HttpClient, HttpRequestOptions } from '../../src/main/services/net/http-client';
import { ProfileStore } from '../../src/main/services/profiles/profile-store';
import type { SandboxService } from '../../src/main/services/sandbox/sandbox-service';
import { osKeychain } from '../../src/main/services/secrets/os-keychain';
import { SecretStore, type KeytarLike } from '../../src/main/services/secrets/secret-store';
import type { Sandbox } from '../../sandbox/index';

export interface RecordedRequest {
  method: string;
  url: string;
  json: unknown;
}

export interface Harness {
  dataDir: string;
  store: ProfileStore;
  secrets: SecretStore;
  events: EventBus;
  sandbox: SandboxService;
  requests: RecordedRequest[];
  progress: { stepId: string; message: string }[];
  /** Called with each request just before it is sent (e.g. to arm a sandbox fault for that one request). */
  onRequest?: (r: RecordedRequest) => void;
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
function recording(http: HttpClient, log: RecordedRequest[], hook: () => Harness['onRequest']): HttpClient {
  return {
    request: ((opts: HttpRequestOptions) => {
      const r = { method: opts.method ?? 'GET', url: String(opts.url), json: opts.json };
      log.push(r);
      hook()?.(r);
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
  const requests: RecordedRequest[] = [];
  const built: { harness?: Harness } = {};
  const keytar = opts.keytar ?? osKeychain;
  const services = buildAppServices({
    dataDir: opts.dataDir,
    keytar,
    keychainService: opts.keychainService,
    clipboard: null,
    allowLoopback: false,
    // The test owns the sandbox: a "restart" of the app must not stop it.
    startSandbox: async () => toRunningSandbox(opts.sandbox, async () => undefined),
    openExternal: async () => false,
    version: 'test',
    http: { backoffBaseMs: 20, ...(opts.maxRetries !== undefined ? { maxRetries: opts.maxRetries } : {}), decorate: (c) => recording(c, requests, () => built.harness?.onRequest) },
  });
  // Stateless views of the same files and keychain the app uses, for tests that set things up.
  const store = new ProfileStore(opts.dataDir);
  const secrets = new SecretStore(keytar, services.redactor, opts.keychainService);
  const dispatch = createDispatch(services.handlers, services.logger);
  const progress: { stepId: string; message: string }[] = [];
  services.events.subscribe((event, payload) => {
    if (event === 'setup:progress') progress.push(payload as { stepId: string; message: string });
  });
  const call = (async (channel: string, payload: unknown) => dispatch(channel, payload, { trusted: true, description: 'test' })) as Harness['call'];
  const ok = (async (channel: string, payload: unknown) => {
    const env = await dispatch(channel, payload, { trusted: true, description: 'test' });
    if (!env.ok) throw Object.assign(new Error(`${channel}: ${env.error.code} ${env.error.message}`), { envelope: env.error });
    return env.value;
  }) as Harness['ok'];
  const harness: Harness = { dataDir: opts.dataDir, store, secrets, events: services.events, sandbox: services.sandbox, requests, progress, call, ok };
  built.harness = harness;
  return harness;
}

/** The harness on a fresh data dir around a running sandbox, with the sandbox profile started. */
export async function startSandboxProfile(sandbox: Sandbox, keychainService: string): Promise<{ h: Harness; profileId: string }> {
  const h = await buildHarness({ dataDir: await newDataDir(), keychainService, sandbox });
  return { h, profileId: (await h.sandbox.start()).profile.id };
}

/**
 * The harness around the provisioned sandbox (`startSandbox({ provisioned: true })`), its profile
 * pointed at the sandbox's finished app as step 2 would leave it: what the Status screen reads.
 */
export async function provisionedStatusProfile(sandbox: Sandbox, keychainService: string): Promise<{ h: Harness; profileId: string }> {
  const h = await buildHarness({ dataDir: await newDataDir(), keychainService, sandbox, keytar: memoryKeytar() });
  const profileId = (await h.sandbox.start()).profile.id;
  const appId = sandbox.provisioned?.appId;
  if (!appId) throw new Error('provisionedStatusProfile needs startSandbox({ provisioned: true })');
  await h.store.update(profileId, (p) => ({
    ...p,
    setup: { steps: { ...p.setup.steps, 'create-app': { status: 'verified', updatedAt: new Date().toISOString(), data: { appId, appName: 'x' } } } },
  }));
  return { h, profileId };
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

/** One step of a setup view, typed by its id; a view without it is a test failure, said plainly. */
export function step<K extends SetupStepId>(view: SetupView, id: K): StepViewOf<K> {
  const found = stepOfView(view, id);
  if (!found) throw new Error(`the setup view has no step "${id}"`);
  return found;
}
