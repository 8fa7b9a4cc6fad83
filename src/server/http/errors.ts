/**
 * Central error mapping (STYLE.md #4): every failure leaves the server as
 * `{error: {code, message, details}}` with the status from the shared code table.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { ErrorBody, HttpErrorCode } from '../../domain/errors';
import { ApiError } from '../api-error';
import { describeError, type Logger } from '../logger';
import type { AppEnv } from './app-env';

/** The JSON error response for `err`. */
export function errorResponse(c: Context<AppEnv>, err: ApiError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message, details: err.details ?? null } };
  return c.json(body, err.status as 400);
}

/** The JSON error response for a code from the shared table (src/domain/errors.ts). */
export function apiError(c: Context<AppEnv>, code: HttpErrorCode, message: string, details?: unknown): Response {
  return errorResponse(c, new ApiError(code, message, details));
}

/** A 400 for a body or query that failed its zod schema; `details` are the zod issues. */
export function validationError(error: z.ZodError): ApiError {
  return new ApiError('bad_request', 'the request does not match the expected shape', error.issues);
}

/** Hono's onError: expected refusals keep their code; anything else is a logged 500. */
export function makeErrorHandler(logger: Logger) {
  return (err: Error, c: Context<AppEnv>): Response => {
    if (err instanceof ApiError) return errorResponse(c, err);
    logger.error('unhandled error', { requestId: c.get('requestId'), path: c.req.path, ...describeError(err) });
    return apiError(c, 'internal', 'the server failed to handle this request');
  };
}
