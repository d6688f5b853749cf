import { afterEach } from 'vitest';
import { HostPolicy } from '../../src/main/services/net/host-policy';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../src/main/services/net/http-client';
import { fakeTime, memoryLogger, startLoopback, type LoopbackHandler, type LoopbackServer } from './loopback';

/** The HTTP client's test files share this: loopback servers and clients closed after each test. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Runs `close` after the current test (a client or server the test made itself). */
export function onCleanup(close: () => Promise<void>): void {
  cleanups.push(close);
}

export async function server(handler: LoopbackHandler): Promise<LoopbackServer> {
  const s = await startLoopback(handler);
  cleanups.push(() => s.close());
  return s;
}

/** A client on a fake clock (sleeps return at once and advance `time`), with a memory logger. */
export function client(policy: HostPolicy, extra: Partial<HttpClientOptions> = {}) {
  const logger = memoryLogger();
  const time = fakeTime();
  const http = createHttpClient({ policy, logger, sleep: time.sleep, now: time.now, random: () => 0.5, ...extra });
  cleanups.push(() => http.close());
  return { http, logger, time };
}

export function allowed(...servers: LoopbackServer[]): HostPolicy {
  const policy = new HostPolicy();
  for (const s of servers) policy.allowOrigin(s.url);
  return policy;
}

export const okta = (http: HttpClient, url: string, extra: Record<string, unknown> = {}) =>
  http.request({ url, purpose: 'okta', headers: { authorization: 'SSWS 00abcdefghijklmnop' }, ...extra });
