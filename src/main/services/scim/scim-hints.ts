import type { ScimExchange, ScimHttpFailure, ScimHttpResponse } from './scim-http';

/**
 * Cause + fix texts. Each names the most likely cause first, then where to look, because the
 * person reading it is usually in the ThreatLocker portal with the SCIM Integration sidebar open.
 */
export const hints = {
  auth:
    'ThreatLocker refused the token (401/403). Likely causes: the token was regenerated ("Generate API Token" ' +
    'invalidates the previous one; paste the newest token), the Enabled toggle in Integrations -> SCIM Integration ' +
    'is off, or the API Url belongs to another instance (compare the letter in Help -> "ThreatLocker Access (X)").',
  noTokenAccepted:
    'The server answered without any token: anyone who can reach it can read your administrators. ' +
    'Check that the URL is the SCIM API Url and that the integration requires its bearer token.',
  wrongTokenAccepted:
    'The server accepted a made-up token: it does not check credentials. Do not connect Okta until it does.',
  wrongPath:
    'Nothing answers at this path (404): the API Url path is likely wrong. Copy the API Url exactly from ' +
    'Integrations -> SCIM Integration (it ends in the SCIM base path, without /Users).',
  html:
    'The server answered with an HTML page instead of SCIM JSON: the URL points at the ThreatLocker portal (or a ' +
    'login/proxy page), not the SCIM API. Use the API Url from Integrations -> SCIM Integration.',
  notJson:
    'The body is not valid JSON. A proxy or gateway may have replaced the response, or the URL is not a SCIM API.',
  notScimJson: 'The body is JSON but not the expected SCIM resource; the URL may point at another API.',
  tls:
    'TLS failed: an HTTPS-inspecting proxy or an untrusted, expired or mismatched certificate. Check the proxy ' +
    "settings or trust the proxy's CA, and that the host name matches the certificate.",
  dns: 'The host name does not resolve. Check the API Url for typos and the DNS or VPN settings.',
  connect: 'Could not connect. Check the host name and port, a firewall, a proxy or VPN.',
  connectTimeout: (ms: number) =>
    `No connection within ${ms} ms. A firewall may be dropping the traffic, or a proxy is required.`,
  timeout: (ms: number) =>
    `No complete answer within ${ms} ms: the server stalled or is overloaded (Okta gives up too). Try again later; ` +
    'if it persists, contact ThreatLocker support.',
  tooLarge: (bytes: number) =>
    `The response exceeded the ${formatBytes(bytes)} cap and was cut off: the server is misbehaving, or the URL points ` +
    'at something that is not a SCIM API.',
  network: 'The connection broke before a complete answer. Check the network, proxy or VPN, then try again.',
  aborted: 'The run was cancelled.',
  redirect: (location: string | undefined) =>
    `The server redirected${location ? ` to ${location}` : ''}. Redirects are not followed (Okta does not follow them ` +
    'either, and the token must not be sent to another host). If that address is the real SCIM API, use it as the API Url.',
  rateLimited: 'Rate limited (429). Wait a minute and run the checks again.',
  serverError: (status: number) =>
    `ThreatLocker's SCIM service failed (${status}). Try again later; if it persists, contact ThreatLocker support.`,
  methodNotAllowed: (status: number) => `The server does not support this operation (${status}).`,
  badRequest: 'The server rejected the request (400); its detail says why. Okta sends the same request while provisioning.',
  noUsers:
    "Okta's test needs at least one user on the server. Assign one person to the Okta app (or run the write checks, " +
    'which create a temporary test user), then run again.',
  slow: (ms: number, limit: number) =>
    `Slow: ${ms} ms, Okta's suite expects under ${limit} ms. Provisioning will work but Okta's test may fail; ` +
    'a distant proxy or an overloaded server is the usual cause.',
  notRunFatal: 'Not run: an earlier request could not reach the server (see the first failed check).',
  notRunAuth: 'Not run: the configured token was not accepted (check 1).',
  cancelled: 'Not run: the run was cancelled.',
} as const;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export function hintForFailure(f: ScimHttpFailure, limits: { connectMs: number; totalMs: number; maxBodyBytes: number }): string {
  switch (f.kind) {
    case 'timeout':
      return hints.timeout(limits.totalMs);
    case 'connect-timeout':
      return hints.connectTimeout(limits.connectMs);
    case 'connect':
      return hints.connect;
    case 'dns':
      return hints.dns;
    case 'tls':
      return hints.tls;
    case 'too-large':
      return hints.tooLarge(limits.maxBodyBytes);
    case 'aborted':
      return hints.aborted;
    case 'network':
      return hints.network;
  }
}

/**
 * Hint for a response whose status or body was not what the check wanted.
 * `collection` is true for requests on a collection or discovery endpoint, where a 404 means the
 * base path is wrong; on /Users/{id} a 404 is about the id, not the URL.
 */
export function hintForResponse(r: ScimHttpResponse, opts: { collection: boolean }): string | undefined {
  if (r.status >= 300 && r.status < 400) return hints.redirect(safeLocation(r.location));
  // Before the HTML test: gateways answer 429 and 5xx with an HTML page, which says nothing about the URL.
  if (r.status === 429) return hints.rateLimited;
  if (r.status >= 500) return hints.serverError(r.status);
  if (looksLikeHtml(r)) return hints.html;
  if (r.status === 401 || r.status === 403) return hints.auth;
  if (r.status === 404 && opts.collection) return hints.wrongPath;
  if (r.status === 405 || r.status === 501) return hints.methodNotAllowed(r.status);
  if (r.status === 400) return hints.badRequest;
  if (r.jsonError !== undefined) return hints.notJson;
  return undefined;
}

export function looksLikeHtml(r: ScimHttpResponse): boolean {
  if (/text\/html|application\/xhtml/i.test(r.contentType)) return true;
  return /^\s*(<!doctype html|<html|<head|<body)/i.test(r.text.slice(0, 200));
}

/** Location headers are shown to people; keep them short and free of query strings. */
export function safeLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  try {
    const u = new URL(location, 'http://relative.invalid');
    const shown = u.host === 'relative.invalid' ? u.pathname : `${u.origin}${u.pathname}`;
    return shown.slice(0, 200);
  } catch {
    return location.slice(0, 100);
  }
}

/** One line describing what came back, for the result's `actual` field. */
export function describeExchange(ex: ScimExchange): string {
  if (!ex.ok) return `${ex.kind}: ${ex.message} (after ${ex.latencyMs} ms)`;
  const type = ex.contentType ? ex.contentType.split(';')[0] : 'no Content-Type';
  const parts = [`${ex.status} ${type}`];
  if (ex.status >= 300 && ex.status < 400) parts.push(`Location: ${safeLocation(ex.location) ?? '(none)'}`);
  if (ex.jsonError !== undefined) parts.push(`invalid JSON (${ex.jsonError.slice(0, 80)})`);
  const detail = scimErrorDetail(ex.json);
  if (detail) parts.push(`detail: ${detail}`);
  else if (ex.jsonError !== undefined || looksLikeHtml(ex)) parts.push(`body starts: ${snippet(ex.text)}`);
  return parts.join(', ');
}

export function scimErrorDetail(json: unknown): string | undefined {
  if (json && typeof json === 'object' && 'detail' in json) {
    const d = (json as { detail: unknown }).detail;
    if (typeof d === 'string' && d.trim()) return d.trim().slice(0, 200);
  }
  return undefined;
}

export function snippet(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}...` : flat);
}
