/**
 * Bearer-token auth: the token a tablet got at enrolment, checked against its stored sha256.
 * Missing, unknown or revoked tokens answer 401 unauthorized.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../api-error';
import { hashSecret } from '../site/secrets';
import type { AppEnv, AppServices } from './app-env';

/** Refresh `last_seen_at` at most once a minute, so reads do not turn into a write each. */
const TOUCH_INTERVAL_MS = 60_000;

export function bearerAuth(deps: AppServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new ApiError('unauthorized', 'a device token is required (Authorization: Bearer ...)');
    const device = await deps.store.getDeviceByTokenHash(hashSecret(match[1]));
    if (!device || device.revoked) throw new ApiError('unauthorized', 'this device token is unknown or revoked');
    const now = deps.now();
    if (device.lastSeenAt === null || now - device.lastSeenAt >= TOUCH_INTERVAL_MS) {
      await deps.store.transaction(device.siteId, (tx) => tx.touchDevice(device.id, now));
    }
    c.set('device', device);
    await next();
  };
}
