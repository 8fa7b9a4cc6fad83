/**
 * Issue 9 §8 at the HTTP layer: once the store met a corruption error, every request that would
 * write answers 503 `store_unavailable` before it is read, and a request during which the store
 * failed answers 503 too, whatever it would have said: a push whose ops were turned into per-op
 * refusals by a damaged file must not tell the tablet they were refused for good (it pushes them
 * again to a restored server). Health says it too (site-routes.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../api-error';
import type { Logger } from '../logger';
import type { Store } from '../store/store';
import { STORE_FAILED_MESSAGE } from '../store/store-health';
import type { AppEnv } from './app-env';
import { apiError } from './errors';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The 503 refusal while the store is failed. */
export function storeUnavailable(store: Store): ApiError {
  return new ApiError('store_unavailable', STORE_FAILED_MESSAGE, store.health.failure);
}

/**
 * Health's check: 503 while the store is failed; with `deep`, a read and a write rolled back
 * (Store.checkReadWrite), any failure of which is a 503 naming SQLite's code.
 */
export async function checkStore(store: Store, deep: boolean): Promise<void> {
  if (store.health.failure) throw storeUnavailable(store);
  if (!deep) return;
  try {
    await store.checkReadWrite();
  } catch (err) {
    if (store.health.failure) throw storeUnavailable(store);
    const code = (err as { code?: unknown }).code;
    throw new ApiError('store_unavailable', 'the database failed the health check (a read and a write)', {
      code: typeof code === 'string' ? code : null,
      message: err instanceof Error ? err.message : String(err),
    });
  }
}

/** Logs the failure once, with what an operator needs, when the store first fails. */
export function logStoreFailure(store: Store, logger: Logger): void {
  store.health.onFailure((failure) =>
    logger.error('the database is damaged; the server stops writing until a backup is restored', { ...failure }),
  );
}

/** Middleware for /api/*: see the module comment. */
export function storeGuard(store: Store): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (store.health.failure && !READ_METHODS.has(c.req.method)) throw storeUnavailable(store);
    const soundBefore = store.health.failure === null;
    await next();
    const failure = store.health.failure;
    if (failure && (soundBefore || c.res.status >= 500)) {
      c.res = apiError(c, 'store_unavailable', STORE_FAILED_MESSAGE, failure);
    }
  };
}
