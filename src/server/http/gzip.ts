/**
 * Issue 9 §7 (pulls gzipped) and issue 10 §9 (measured under load): answers of 1 KiB or more of a
 * compressible type are gzipped when the client accepts it, in one call to zlib on libuv's thread
 * pool, off the event loop, at zlib's fastest level. Measured with bench/load.ts (100 buildings ×
 * 20 tablets at ten times the real rate), Hono's `compress()` took about a third of the server's
 * main thread: with no Content-Length to go by, it piped every JSON answer, a two-line push result
 * too, through a web `CompressionStream` chunk by chunk.
 */
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import { parseAccept } from 'hono/utils/accept';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Smaller bodies are sent as they are (a push result, a pull with nothing new). */
export const GZIP_THRESHOLD_BYTES = 1024;
/** zlib's fastest level: within a few per cent of level 6 on sync JSON, at a fraction of the time. */
const GZIP_LEVEL = 1;

const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
const VARY_ACCEPT_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i;

/** Whether an Accept-Encoding header accepts gzip (explicitly, or by `*`, with q > 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const accepts = parseAccept(header);
  const named = accepts.find((a) => a.type.toLowerCase() === 'gzip');
  const q = named ? named.q : (accepts.find((a) => a.type === '*')?.q ?? 0);
  return q > 0;
}

export function gzipResponses(thresholdBytes = GZIP_THRESHOLD_BYTES): MiddlewareHandler {
  return async (c, next) => {
    await next();
    let res = c.res;
    if (c.req.method === 'HEAD' || res.status === 204 || res.status === 206 || res.status === 304 || !res.body) return;
    if (res.headers.has('Content-Encoding') || res.headers.has('Transfer-Encoding')) return;
    const type = res.headers.get('Content-Type');
    if (!type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) return;
    if (NO_TRANSFORM.test(res.headers.get('Cache-Control') ?? '')) return;
    // The answer depends on Accept-Encoding whenever it could be compressed: caches must know.
    const vary = res.headers.get('Vary');
    if (vary !== '*' && !(vary && VARY_ACCEPT_ENCODING.test(vary)))
      c.header('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    if (!acceptsGzip(c.req.header('Accept-Encoding'))) return;
    res = c.res;
    const declared = res.headers.get('Content-Length');
    if (declared !== null && Number(declared) < thresholdBytes) return;
    const plain = Buffer.from(await res.arrayBuffer());
    if (plain.length < thresholdBytes) {
      c.res = new Response(plain, res);
      return;
    }
    const zipped = await gzipAsync(plain, { level: GZIP_LEVEL });
    c.res = new Response(zipped, res);
    c.res.headers.set('Content-Encoding', 'gzip');
    c.res.headers.set('Content-Length', String(zipped.length));
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}
