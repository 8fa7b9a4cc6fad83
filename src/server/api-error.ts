/**
 * The one error a service throws for an expected refusal that answers the whole request
 * (STYLE.md #5). The HTTP layer maps it to `{error: {code, message, details}}` with the status
 * the shared code table gives (src/domain/errors.ts), so status and code never drift apart.
 */
import { HTTP_ERROR_STATUS, type HttpErrorCode } from '../domain/errors';

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = HTTP_ERROR_STATUS[code];
  }
}
