import { request, type Dispatcher } from 'undici';

/** What okta-auth-js expects back from its httpRequestClient (see its fetchRequest). */
export interface OAuthHttpResult {
  status: number;
  responseText: string;
  responseJSON?: unknown;
  responseType?: 'json';
  headers: Record<string, string>;
}

export type OAuthHttpClient = (method: string, url: string, args: { headers?: Record<string, string>; data?: unknown }) => Promise<OAuthHttpResult>;

/** An OAuth answer is a few KB (tokens, discovery, keys); anything far larger is not Okta. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * okta-auth-js's HTTP hook, sent through the console's one outbound dispatcher (proxy, bundled
 * and OS roots) instead of the SDK's global fetch. Like the SDK's own client it resolves 2xx and
 * rejects with the result otherwise, so the SDK builds its OAuthError from the body.
 */
export function oauthHttpClient(dispatcher: Dispatcher, timeoutMs = 30_000): OAuthHttpClient {
  // undici's request follows no redirects: a token answer that redirects is refused, not chased.
  return async (method, url, args) => {
    const headers = args.headers ?? {};
    let body = args.data;
    const type = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    if (body !== undefined && typeof body !== 'string') {
      body = type === 'application/x-www-form-urlencoded'
        ? new URLSearchParams(body as Record<string, string>).toString()
        : JSON.stringify(body);
    }
    const res = await request(url, {
      method: method.toUpperCase() as Dispatcher.HttpMethod,
      headers,
      ...(body !== undefined ? { body: body as string } : {}),
      dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        res.body.destroy();
        throw new Error(`The OAuth answer from ${new URL(url).origin} was larger than ${MAX_BODY_BYTES / 1024} KB.`);
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
    const result: OAuthHttpResult = { status: res.statusCode, responseText: text, headers: flat };
    if (/json/i.test(flat['content-type'] ?? '')) {
      try {
        result.responseJSON = JSON.parse(text);
        result.responseType = 'json';
      } catch {
        // Left as text: the SDK reports it as an unreadable answer.
      }
    }
    const failed = res.statusCode < 200 || res.statusCode >= 300 || (result.responseJSON as { error?: unknown } | undefined)?.error;
    if (failed) throw result;
    return result;
  };
}
