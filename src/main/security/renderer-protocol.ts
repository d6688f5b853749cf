import { readStatic } from './static-files';
import { CONTENT_SECURITY_POLICY } from './window-options';

/**
 * The packaged renderer is served from app://console/ instead of file://. The origin is then
 * the same on every install (spaces, `%`, non-ASCII folders, lower-case drive letters), so the
 * IPC sender check compares one fixed origin rather than two spellings of a file path.
 */
export const RENDERER_SCHEME = 'app';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://console`;
export const RENDERER_URL = `${RENDERER_ORIGIN}/index.html`;

/** Privileges for protocol.registerSchemesAsPrivileged: a standard, secure origin for CSP 'self'. */
export const RENDERER_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** Answers app://console/<path> from the built renderer folder; anything else is 404. */
export async function serveRenderer(rendererDir: string, request: { url: string }): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return notFound();
  }
  if (!isAppOrigin(url)) return notFound();
  // readStatic is total: a malformed %-escape or a path outside the folder is 'bad-path'.
  const file = await readStatic(rendererDir, url.pathname);
  if (typeof file === 'string') return notFound();
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: { 'content-type': file.type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
  });
}

/** Whether a frame URL is our renderer: the fixed app origin, or the dev server in a dev build. */
export function isRendererUrl(frameUrl: string, devServerUrl: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (isAppOrigin(url)) return true;
  return devServerUrl !== undefined && url.origin === new URL(devServerUrl).origin;
}

// WHATWG URL gives a non-special scheme an opaque origin ("null"), so compare scheme and host.
function isAppOrigin(url: URL): boolean {
  return url.protocol === `${RENDERER_SCHEME}:` && url.host === 'console';
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
