/**
 * D3: Web Push for escalations (README "REST API"). GET /push/vapid-public-key answers the server's
 * VAPID public key, or 204 when the server has none (the app then relies on its in-app path);
 * POST /push/subscriptions stores a browser's subscription for the signed-in chief or manager;
 * DELETE /push/subscriptions removes one. All behind the tablet's bearer token.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../../../domain/row-base';
import { ApiError } from '../../api-error';
import { actorAuth } from '../../auth/actor-auth';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';
import { readJson } from '../read-body';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A push service's endpoint: https, or http on this machine only (a local push service in tests). */
const Endpoint = z
  .string()
  .max(2000)
  .url()
  .refine((raw) => {
    // zod's url() accepts some strings the URL parser refuses (found by the fuzzer, issue 9 §12):
    // those are a bad endpoint (400), never a throw.
    if (!URL.canParse(raw)) return false;
    const url = new URL(raw);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, 'the endpoint must be an https URL of a push service');

const Base64Url = z
  .string()
  .regex(/^[A-Za-z0-9_-]+=*$/)
  .max(200);

export const PushSubscriptionRequest = z.object({
  endpoint: Endpoint,
  keys: z.object({ p256dh: Base64Url, auth: Base64Url }),
  /**
   * The signed-in person the browser notifies; optional, and when sent it must be the person the
   * proof headers prove (issue 9 §3).
   */
  staffId: Id.optional(),
});

const PushUnsubscribeRequest = z.object({ endpoint: Endpoint });

export function pushRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', bearerAuth(deps));

  app.get('/vapid-public-key', (c) => {
    if (!deps.vapid) return c.body(null, 204);
    return c.json({ publicKey: deps.vapid.publicKey });
  });

  // D3: escalations go to chiefs and managers only; issue 9 §3: the person is proven, not claimed.
  app.post('/subscriptions', actorAuth(deps, { roles: ['chief', 'manager'] }), async (c) => {
    const req = await readJson(c, PushSubscriptionRequest);
    const device = c.get('device');
    const actor = c.get('actor');
    if (req.staffId !== undefined && req.staffId !== actor.id) {
      throw new ApiError('forbidden_role', 'staffId must be the person the proof headers name');
    }
    await deps.store.transaction(device.siteId, (tx) =>
      tx.savePushSubscription({
        endpoint: req.endpoint,
        siteId: device.siteId,
        deviceId: device.id,
        staffId: actor.id,
        p256dh: req.keys.p256dh,
        auth: req.keys.auth,
        createdAt: deps.now(),
      }),
    );
    return c.json({ endpoint: req.endpoint, staffId: actor.id }, 201);
  });

  app.delete('/subscriptions', async (c) => {
    const req = await readJson(c, PushUnsubscribeRequest);
    const siteId = c.get('device').siteId;
    if (!(await deps.store.transaction(siteId, (tx) => tx.deletePushSubscription(siteId, req.endpoint)))) {
      throw new ApiError('not_found', 'no such subscription in this building');
    }
    return c.body(null, 204);
  });

  return app;
}
