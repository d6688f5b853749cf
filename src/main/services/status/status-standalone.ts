import { Redactor } from '../log/redactor';
import { createLogger, type Logger } from '../log/logger';
import { HostPolicy } from '../net/host-policy';
import { createHttpClient, type HttpClient } from '../net/http-client';
import { OktaClient } from '../okta/okta-client';
import type { SourceState } from '../../../shared/provisioning-status';
import { ScimReader } from './scim-reader';
import { fetchStatusSources, type FetchResult } from './status-fetch';
import { joinStatus, type JoinResult } from './status-join';

export interface StandaloneOptions {
  oktaUrl: string;
  oktaToken: string;
  appId: string;
  scimUrl: string;
  scimToken: string;
  /** Plain http to 127.0.0.1 (the sandbox); as scim-check, never for other hosts. */
  allowLoopback: boolean;
  onProgress?: (states: SourceState[]) => void;
  /** Tests and the benchmark: see every request the Okta client sends. */
  decorate?: (http: HttpClient) => HttpClient;
  logger?: Logger;
  signal?: AbortSignal;
}

/**
 * One refresh outside the app (the `status` command and the benchmark): the same fetch and the
 * same join as the Status screen, so the command's verdicts equal the screen's.
 */
export async function readStatusOnce(opts: StandaloneOptions): Promise<{ fetched: FetchResult; join: JoinResult; joinMs: number }> {
  const redactor = new Redactor([opts.oktaToken, opts.scimToken]);
  const policy = new HostPolicy({ allowLoopback: opts.allowLoopback });
  policy.allowOrigin(new URL(opts.oktaUrl).origin);
  const logger = opts.logger ?? createLogger({ redactor, level: 'warn' });
  const base = createHttpClient({ policy, logger });
  const http = opts.decorate ? opts.decorate(base) : base;
  const okta = new OktaClient({ orgUrl: opts.oktaUrl, http, getToken: async () => ({ kind: 'SSWS', value: opts.oktaToken }) });
  const scim = new ScimReader({ baseUrl: opts.scimUrl, token: opts.scimToken, allowHttpLoopback: opts.allowLoopback });
  try {
    const fetched = await fetchStatusSources({
      okta,
      scim,
      appId: opts.appId,
      signal: opts.signal ?? new AbortController().signal,
      onProgress: opts.onProgress ?? (() => undefined),
    });
    const started = performance.now();
    const join = joinStatus(fetched.sources);
    return { fetched, join, joinMs: performance.now() - started };
  } finally {
    await scim.close();
    await base.close();
  }
}
