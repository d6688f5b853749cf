import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../shared/errors';
import { OAUTH_REDIRECT_PATH as REDIRECT_PATH } from '../../../shared/okta-oauth';

/** How the console's work with a code ended: what the browser tab is told. Never a token. */
export type RedirectAnswer = { ok: true } | { ok: false; reason: string };

export interface RedirectResult {
  code: string;
  /** Answers the browser, once the code exchange and the ID-token checks have settled. */
  respond(answer: RedirectAnswer): void;
}

export interface LoopbackRedirect {
  /** http://127.0.0.1:<random port>/authorization-code/callback */
  redirectUri: string;
  /** Resolves with the code once a redirect carrying `state` arrives; rejects on error, tampering or timeout. */
  result: Promise<RedirectResult>;
  close(): Promise<void>;
}

const PAGE_STYLE = 'font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;line-height:1.5';

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The page shows text only: no script, no frame, no referrer carrying the code onwards.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
  });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body style="${PAGE_STYLE}"><h1>${escape(title)}</h1><p>${escape(text)}</p></body></html>`);
}

/**
 * Receives the authorization redirect as RFC 8252 section 7.3 describes: a one-shot HTTP server
 * on 127.0.0.1 (not "localhost", which a hosts file can point elsewhere), a random port, one
 * exact path. The browser gets a page saying what happened; the console gets the code. A request
 * with a state other than the one sent is refused and does not end the wait, so a stray or forged
 * request cannot cancel a real sign-in; it is still counted, and named if the wait times out.
 */
export async function listenForRedirect(opts: { state: string; timeoutMs: number; signal?: AbortSignal }): Promise<LoopbackRedirect> {
  let settle!: { resolve: (r: RedirectResult) => void; reject: (e: Error) => void };
  const result = new Promise<RedirectResult>((resolve, reject) => (settle = { resolve, reject }));
  let done = false;
  let tampered = 0;
  /** The browser's request that brought the code, held open until the console answers it. */
  let waiting: ServerResponse | undefined;
  const finish = (outcome: RedirectResult | Error) => {
    if (done) return;
    done = true;
    if (outcome instanceof Error) settle.reject(outcome);
    else settle.resolve(outcome);
    void close();
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== REDIRECT_PATH) {
      page(res, 404, 'Not the sign-in address', 'This address only receives the Okta sign-in redirect. Go back to the console.');
      return;
    }
    if (done) {
      page(res, 410, 'Sign-in already finished', 'This sign-in has already ended. Go back to the console; start again there if needed.');
      return;
    }
    const params = url.searchParams;
    if (params.get('state') !== opts.state) {
      tampered += 1;
      page(res, 400, 'Sign-in refused', 'The answer did not carry the state the console sent, so it was not accepted. Go back to the console and sign in again.');
      return;
    }
    const error = params.get('error');
    if (error) {
      const description = params.get('error_description') ?? '';
      page(res, 400, 'Sign-in did not complete', `Okta answered: ${error}${description ? ` (${description})` : ''}. Go back to the console.`);
      finish(new AppError('AUTH_FAILED', `Okta did not sign you in: ${error}${description ? ` (${description.slice(0, 200)})` : ''}.`, {
        hint: error === 'access_denied' ? 'Sign in again and allow the console access; check the app is assigned to you in Okta.' : 'Check the OIDC app settings in Okta (see the registration guide), then sign in again.',
      }));
      return;
    }
    const code = params.get('code');
    if (!code) {
      page(res, 400, 'Sign-in refused', 'The answer carried no authorization code. Go back to the console and sign in again.');
      finish(new AppError('AUTH_FAILED', 'Okta redirected back without an authorization code.', { hint: 'Sign in again.' }));
      return;
    }
    // The tab waits for the verdict: "signed in" only once the tokens are checked and saved.
    done = true;
    waiting = res;
    settle.resolve({
      code,
      respond: (answer) => {
        if (waiting !== res) return;
        waiting = undefined;
        if (answer.ok) page(res, 200, 'Signed in to the console', 'You can close this tab and go back to the ThreatLocker Okta Console.');
        else page(res, 502, 'Sign-in failed', `${answer.reason} Go back to the console for what to do next.`);
      },
    });
  });
  server.keepAliveTimeout = 500;

  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(timer);
      if (waiting) {
        page(waiting, 500, 'Sign-in ended', 'The console stopped before it could finish the sign-in. Go back to the console.');
        waiting = undefined;
      }
      server.close(() => resolve());
      server.closeAllConnections();
    });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const timer = setTimeout(() => {
    const seconds = Math.round(opts.timeoutMs / 1000);
    finish(new AppError('TIMEOUT', `Sign-in timed out: no answer from the browser within ${seconds} seconds${tampered ? ` (${tampered} answer${tampered === 1 ? '' : 's'} with a wrong state ${tampered === 1 ? 'was' : 'were'} refused)` : ''}.`, {
      hint: 'Start the sign-in again and finish it in the browser that opens.',
    }));
  }, opts.timeoutMs);
  opts.signal?.addEventListener('abort', () => finish(new AppError('AUTH_FAILED', 'Sign-in was cancelled.', { hint: 'Start it again when ready.' })), { once: true });

  return { redirectUri: `http://127.0.0.1:${port}${REDIRECT_PATH}`, result, close };
}
