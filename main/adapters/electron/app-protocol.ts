/**
 * The app:// protocol that serves the built renderer (dist/renderer) instead of file://, so the
 * page has a real origin, a CSP header and no access to the rest of the disk. The scheme must be
 * registered as privileged before the app is ready; the handler is installed after.
 */
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, parseUrl } from './app-url.js';

/** The CSP sent as a header with every response; renderer/index.html carries the same as a meta tag, minus frame-ancestors (ignored there). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Registers app:// as a standard, secure scheme. Call before app 'ready'. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const DOT_DOT_SEGMENT = /(?:\/|%2f|%5c|\\)(?:\.|%2e){2}(?:\/|%2f|%5c|\\|\?|#|$)/i;

/**
 * Maps an app:// URL to a file under root, or null when it is not ours or would leave root
 * (`..`, encoded `%2e%2e` or `%2f`, backslashes, NUL). Pure, apart from path arithmetic.
 */
export function resolveAppPath(rawUrl: string, root: string): string | null {
  // The URL parser silently folds `..` away; a request that tried it is refused outright.
  if (DOT_DOT_SEGMENT.test(rawUrl)) return null;
  const url = parseUrl(rawUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.username || url.password || url.port) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  return file.startsWith(base + path.sep) ? file : null;
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY },
  });
}

/** The request handler for protocol.handle: GET/HEAD of files under root, with the CSP header. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveAppPath(request.url, root);
    if (file === null) return plain(403, 'Forbidden');
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()];
    if (!type) return plain(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return plain(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  };
}

/** Serves root over app://. Call after app 'ready'. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}
