/** Reading a JSON body and checking it against the shared zod schema (STYLE.md #4). */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../api-error';
import type { AppEnv } from './app-env';
import { validationError } from './errors';

/** The parsed body, or an ApiError 400 for invalid JSON or a body the schema refuses. */
export async function readJson<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> {
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
