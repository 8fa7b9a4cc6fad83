/**
 * Serving the built PWA from `dist/`. Navigations to app routes fall back to index.html (the app
 * shell routes on the client), never for /api. The service worker, the shell and the manifest must
 * be revalidated on every load so an update is noticed; hashed assets never change and are cached
 * for a year. Source maps are never served (issue 9 §7), even when a build left one in `dist/`.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context, Handler } from 'hono';
import type { AppEnv } from './app-env';
import { apiError } from './errors';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function cacheControlFor(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? IMMUTABLE : NO_CACHE;
}

function isSourceMap(urlPath: string): boolean {
  return extname(urlPath).toLowerCase() === '.map';
}

function isNavigation(c: Context<AppEnv>): boolean {
  if (c.req.header('Sec-Fetch-Mode') === 'navigate') return true;
  return (c.req.header('Accept') ?? '').includes('text/html');
}

async function fileAt(path: string): Promise<{ path: string; size: number; mtimeMs: number } | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? { path, size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

/** A GET handler serving `distDir`, with SPA fallback for navigations. */
export function serveDist(distDir: string): Handler<AppEnv> {
  const root = resolve(distDir);
  const indexHtml = resolve(root, 'index.html');

  return async (c) => {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(c.req.path);
    } catch {
      return apiError(c, 'bad_request', 'malformed path');
    }
    const wanted = resolve(root, `.${urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath}`);
    // A path that escapes dist/ (../) is treated as missing rather than read.
    const inside = wanted === root || wanted.startsWith(root + sep);
    let file = inside ? await fileAt(wanted) : null;
    let servedPath = urlPath;
    if (!file && isNavigation(c) && extname(urlPath) === '') {
      file = await fileAt(indexHtml);
      servedPath = '/index.html';
    }
    // Issue 9 §7: a source map would hand out the app's sources; it is as missing as any other.
    if (isSourceMap(urlPath)) file = null;
    if (!file) return apiError(c, 'not_found', `no such file: ${urlPath}`);

    const etag = `W/"${file.size.toString(16)}-${Math.trunc(file.mtimeMs).toString(16)}"`;
    c.header('Content-Type', contentTypeFor(file.path));
    c.header('Cache-Control', cacheControlFor(servedPath));
    c.header('ETag', etag);
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
    return c.body(await readFile(file.path), 200);
  };
}
