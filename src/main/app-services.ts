import { join } from 'node:path';
import type { Handlers } from './ipc/handle';
import { EventBus } from './ipc/event-bus';
import { appHandlers } from './ipc/app.ipc';
import { profilesHandlers } from './ipc/profiles.ipc';
import { DamagedProfiles } from './services/profiles/damaged-profiles';
import { oktaSignInChangesTo, oktaSignInHandlers } from './ipc/okta-sign-in.ipc';
import { secretsHandlers } from './ipc/secrets.ipc';
import { sandboxHandlers, sandboxStateTo } from './ipc/sandbox.ipc';
import { oktaHandlers } from './ipc/okta.ipc';
import { scimHandlers } from './ipc/scim.ipc';
import { setupHandlers, setupProgressTo } from './ipc/setup.ipc';
import { SetupService } from './services/setup/setup-service';
import { ScimCheckService } from './services/scim/scim-check-service';
import { reportsHandlers } from './ipc/reports.ipc';
import { reviewHandlers } from './ipc/review.ipc';
import { ReviewService } from './services/review/review-service';
import type { PdfPrinter } from './services/reports/pdf-printer';
import { createLogger, type Logger } from './services/log/logger';
import { Redactor } from './services/log/redactor';
import { HostPolicy } from './services/net/host-policy';
import { createHttpClient, type HttpClient } from './services/net/http-client';
import { envProxyResolver, OutboundDispatcher, redactProxyCredentials, trustedCertificates, type ProxyResolver } from './services/net/outbound';
import { ProfileStore } from './services/profiles/profile-store';
import { ProfilesService } from './services/profiles/profiles-service';
import { profileUrlRules } from './services/profiles/url-rules';
import { ClipboardGuard, type ClipboardLike } from './services/secrets/clipboard-guard';
import { OktaOAuthService } from './services/okta-oauth/okta-oauth-service';
import { OktaSignIns } from './services/okta-oauth/okta-sign-ins';
import { SecretStore, type KeytarLike } from './services/secrets/secret-store';
import { SecretsService } from './services/profiles/secrets-service';
import { SandboxService, type RunningSandbox } from './services/sandbox/sandbox-service';
import { ProfileClients } from './services/profile-clients';
import { statusEventsTo, statusHandlers } from './ipc/status.ipc';
import { StatusService } from './services/status/status-service';
import { StatusActions } from './services/status/status-actions';
import { StatusSnapshots } from './services/status/status-snapshots';

export interface AppServicesOptions {
  dataDir: string;
  keytar: KeytarLike;
  keychainService?: string;
  /** null where no system clipboard is reachable (the browser host). */
  clipboard: ClipboardLike | null;
  allowLoopback: boolean;
  startSandbox: () => Promise<RunningSandbox>;
  openExternal: (url: string) => Promise<boolean>;
  version: string;
  echoLog?: boolean;
  /**
   * Outbound network: the desktop app resolves the proxy through Electron (OS settings, PAC);
   * default HTTPS_PROXY/NO_PROXY. extraCa: PEM roots trusted on top of bundled + OS stores.
   */
  network?: { resolveProxy?: ProxyResolver; extraCa?: string[] };
  /** Tests: faster backoff / fewer retries, and a wrapper that records every request. */
  http?: { backoffBaseMs?: number; maxRetries?: number; decorate?: (client: HttpClient) => HttpClient };
  /** Prints a report to PDF: Electron's printToPDF in the app, Chromium's in the browser host. */
  printPdf?: PdfPrinter;
}

export interface AppServices {
  handlers: Handlers;
  events: EventBus;
  logger: Logger;
  redactor: Redactor;
  sandbox: SandboxService;
  /** Custom Okta domains confirmed on a profile, which the system browser may also open. */
  customOktaDomains: ReadonlySet<string>;
  dispose(): Promise<void>;
}

/**
 * The composition root shared by the Electron main process and the browser host: every
 * service is built here from its dependencies, and nothing below knows which host runs it.
 */
export function buildAppServices(opts: AppServicesOptions): AppServices {
  const redactor = new Redactor();
  const logger = createLogger({ redactor, file: join(opts.dataDir, 'logs', 'console.log'), echo: opts.echoLog ?? false });
  const events = new EventBus();
  const policy = new HostPolicy({ allowLoopback: opts.allowLoopback });
  const { decorate = (client: HttpClient) => client, ...tuning } = opts.http ?? {};
  const outbound = new OutboundDispatcher({
    resolveProxy: opts.network?.resolveProxy ?? envProxyResolver(),
    ca: trustedCertificates(opts.network?.extraCa),
    onRoute: (origin, proxy) => logger.info('net', `${origin}: ${proxy ? `through the proxy ${redactProxyCredentials(proxy)}` : 'direct (no proxy)'}`),
  });
  const http = decorate(createHttpClient({ policy, logger, dispatcher: outbound, ...tuning }));
  const store = new ProfileStore(opts.dataDir);
  const secretStore = new SecretStore(opts.keytar, redactor, opts.keychainService);
  const clipboard = opts.clipboard ? new ClipboardGuard(opts.clipboard) : null;
  const profiles = new ProfilesService(store, secretStore, profileUrlRules(policy));
  const secrets = new SecretsService(secretStore, store, clipboard);
  const sandbox = new SandboxService({
    start: opts.startSandbox,
    profiles,
    store,
    secrets: secretStore,
    allowOrigin: (origin) => policy.allowOrigin(origin),
    onStateChange: sandboxStateTo(events),
    logger,
  });
  const oauth = new OktaOAuthService({
    secrets: secretStore,
    redactor,
    dispatcher: outbound,
    openBrowser: async (url) => void (await opts.openExternal(url)),
    // Plain http only for the sandbox's own provider, or everywhere loopback is allowed for testing.
    allowLoopbackHttp: (origin) => opts.allowLoopback || sandbox.current?.oidc?.issuer === origin,
  });
  const signIns = new OktaSignIns(oauth, {
    openBrowser: opts.openExternal,
    onChange: oktaSignInChangesTo(events),
    suggestedClientId: () => sandbox.current?.oidc?.clientId,
  });
  const clients = new ProfileClients({ store, secrets: secretStore, http, policy, oauth, sandboxIssuer: () => sandbox.current?.oidc?.issuer });

  const scimChecks = new ScimCheckService({ store, secrets: secretStore, allowLoopback: opts.allowLoopback, dispatcher: outbound });
  const setup = new SetupService({
    clients,
    store,
    secrets: secretStore,
    onProgress: setupProgressTo(events),
    scimChecks,
    allowLoopback: opts.allowLoopback,
    sandboxHandle: () => sandbox.current?.handle ?? null,
  });

  const statusDeps = { clients, secrets: secretStore, allowLoopback: opts.allowLoopback, dispatcher: outbound };
  const status = new StatusService({ ...statusDeps, snapshots: new StatusSnapshots(opts.dataDir), ...statusEventsTo(events) });
  const statusActions = new StatusActions({ ...statusDeps, status, sandboxHandle: () => sandbox.current?.handle ?? null });

  const handlers: Handlers = {
    ...appHandlers({ version: opts.version, dataDir: opts.dataDir, allowLoopback: opts.allowLoopback, canCopySecrets: clipboard !== null, openExternal: opts.openExternal }),
    ...profilesHandlers(profiles, new DamagedProfiles(store, secretStore, profiles)),
    ...secretsHandlers(secrets),
    ...sandboxHandlers(sandbox),
    ...oktaHandlers(clients),
    ...oktaSignInHandlers({
      clients,
      oauth,
      signIns,
      issuerFor: (profile) => (profile.sandbox && sandbox.current?.oidc ? sandbox.current.oidc.issuer : profile.okta.orgUrl),
    }),
    ...scimHandlers({ clients, checks: scimChecks, events }),
    ...setupHandlers(setup),
    ...statusHandlers(status, statusActions),
    ...reportsHandlers({ setup, clients, secrets: secretStore, redactor, version: opts.version }),
    ...reviewHandlers(new ReviewService({
      store,
      redact: (text) => redactor.redact(text),
      version: opts.version,
      // The last complete status snapshot, read from disk (no network).
      statusOf: async (profile) => {
        const card = await status.card(profile.id);
        return card ? { at: card.takenAt, counts: card.counts } : undefined;
      },
      ...(opts.printPdf && { printPdf: opts.printPdf }),
    })),
  };

  return {
    handlers,
    events,
    logger,
    redactor,
    sandbox,
    customOktaDomains: policy.customOktaDomains,
    async dispose() {
      // Checks first: their clean-up needs the network (and the sandbox, if that is the target).
      await scimChecks.cancelAll();
      await status.cancelAll();
      await clipboard?.dispose();
      await sandbox.stop();
      await outbound.close();
    },
  };
}
