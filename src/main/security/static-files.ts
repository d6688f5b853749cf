import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export type StaticResult = { body: Buffer; type: string } | 'not-found' | 'bad-path';

/**
 * Reads a file of the built renderer: 'not-found' for anything outside its folder or missing,
 * 'bad-path' for a path that is not valid percent-encoding (any web page can send one with an
 * <img src>, so it must be an answer, never a throw).
 */
export async function readStatic(root: string, urlPath: string): Promise<StaticResult> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return 'bad-path';
  }
  if (decoded.includes('\0')) return 'bad-path';
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = join(root, relative);
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep)) return 'not-found';
  try {
    return { body: await readFile(full), type: types[extname(full)] ?? 'application/octet-stream' };
  } catch {
    return 'not-found';
  }
}
