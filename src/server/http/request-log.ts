/** One structured log line per request, a request id, and `X-Server-Time` on every response (T1). */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, AppServices } from './app-env';

const REQUEST_ID_PATTERN = /^[\w.-]{1,100}$/;

export function requestLog(deps: AppServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('X-Request-Id');
    const requestId = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('X-Request-Id', requestId);
    c.header('X-Server-Time', String(deps.now()));
    deps.logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      requestId,
    });
  };
}
