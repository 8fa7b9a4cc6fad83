/** Reading a JSON body and checking it against the shared zod schema (STYLE.md #4). */
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../api-error';
import type { AppEnv } from './app-env';
import { validationError } from './errors';

/** `application/json`, any case, with or without parameters (`; charset=utf-8`). */
const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Issue 9 §7: a JSON endpoint takes only `Content-Type: application/json`. Besides saying clearly
 * what is wrong, this stops a web page on another site from posting to the API: a cross-site form
 * or `fetch` may send `text/plain` without asking, but `application/json` needs a CORS preflight,
 * which this server never grants.
 */
export function requireJsonContentType(c: Context<AppEnv>): void {
  const type = c.req.header('Content-Type') ?? '';
  if (!JSON_MEDIA_TYPE.test(type.trim())) {
    throw new ApiError('unsupported_media_type', 'the request body must be sent as Content-Type: application/json', {
      contentType: type === '' ? null : type.slice(0, 100),
    });
  }
}

/**
 * Middleware for every API route that takes a JSON body: POST, PUT and PATCH always, DELETE when it
 * carries a body. app.ts leaves out the photo upload, whose body is the image with its own type.
 */
export function jsonBodiesOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    const length = c.req.header('Content-Length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('Transfer-Encoding') !== undefined;
    const sendsBody = method === 'POST' || method === 'PUT' || method === 'PATCH' || (method === 'DELETE' && hasBody);
    if (sendsBody) requireJsonContentType(c);
    await next();
  };
}

/**
 * The parsed body, or an ApiError: 415 without a JSON Content-Type, 400 for invalid JSON or a body
 * the schema refuses.
 */
export async function readJson<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> {
  requireJsonContentType(c);
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'the request body is not valid JSON');
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** The parsed query string, or an ApiError 400. */
export function readQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw validationError(result.error);
  return result.data;
}
