import { request as undiciRequest, type Dispatcher } from 'undici';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../log/logger';
import { checkUrl, type HostPolicyConfig, type UrlPurpose } from './host-policy';
import { withoutCredentials } from './http-credentials';
import type { RawResponse } from './http-decode';
import { serviceNames } from './http-errors';
import type { HttpMethod } from './http-types';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export interface SendDeps {
  dispatcher: Dispatcher;
  policy: HostPolicyConfig;
  logger: Logger;
  maxBodyBytes: number;
}

export interface SendRequest {
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  purpose: UrlPurpose;
  signal: AbortSignal;
}

/**
 * One attempt: sends the request, follows redirects (each hop checked against the allowlist,
 * credentials dropped on a hop to another origin) and reads the body up to the size cap.
 */
export async function sendWithRedirects(deps: SendDeps, req: SendRequest): Promise<RawResponse> {
  const { method, purpose } = req;
  let url = req.url;
  let currentMethod = method;
  let currentBody = req.body;
  let currentHeaders = { ...req.headers };
  for (let hop = 0; ; hop++) {
    const res = await undiciRequest(url, {
      method: currentMethod,
      headers: currentHeaders,
      body: currentBody ?? null,
      signal: req.signal,
      dispatcher: deps.dispatcher,
    });
    const resHeaders = flattenHeaders(res.headers);
    if (REDIRECT_STATUSES.has(res.statusCode) && resHeaders['location']) {
      await res.body.dump().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) {
        throw new AppError('BAD_RESPONSE', `${serviceNames[purpose]} redirected ${method} ${req.url.pathname} more than ${MAX_REDIRECTS} times.`, {
          hint: 'The address may be wrong; check it in the profile.',
        });
      }
      let target: URL;
      try {
        target = new URL(resHeaders['location'], url);
      } catch {
        throw new AppError('BAD_RESPONSE', `${serviceNames[purpose]} redirected to an invalid address.`);
      }
      // Every hop must itself be allowed: a redirect must not walk us off the allowlist.
      checkUrl(deps.policy, target, purpose);
      // The token was issued for the first origin; another origin never sees it.
      if (target.origin !== url.origin) currentHeaders = withoutCredentials(currentHeaders);
      if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && currentMethod === 'POST')) {
        currentMethod = 'GET';
        currentBody = undefined;
        delete currentHeaders['content-type'];
      }
      deps.logger.info(`net:${purpose}`, `${method} ${url.href} -> ${res.statusCode} redirect to ${target.href}`);
      url = target;
      continue;
    }
    const body = await readCapped(res.body, resHeaders, deps.maxBodyBytes, () => tooLarge(deps.maxBodyBytes, purpose, method, url));
    return { status: res.statusCode, headers: resHeaders, body, url };
  }
}

/** Reads a body, refusing one that declares or turns out larger than the cap. */
async function readCapped(
  body: Dispatcher.ResponseData['body'],
  headers: Record<string, string>,
  maxBytes: number,
  tooBig: () => AppError,
): Promise<Buffer> {
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(body);
    throw tooBig();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > maxBytes) {
      discard(body);
      throw tooBig();
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBodyBytes: number, purpose: UrlPurpose, method: string, url: URL): AppError {
  return new AppError(
    'BAD_RESPONSE',
    `${serviceNames[purpose]} sent more than ${Math.round(maxBodyBytes / 1024 / 1024)} MB for ${method} ${url.pathname}.`,
    { hint: 'Narrow the request (filter or smaller pages); a proxy may also be answering instead of the service.' },
  );
}

/** Stops reading a body we refuse; the error a destroyed stream emits has no one to hear it. */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => undefined);
  body.destroy();
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
