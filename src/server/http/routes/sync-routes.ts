/** POST /sync/push and GET /sync/pull (docs/architecture.md "Sync protocol"), both behind bearer auth. */
import { Hono } from 'hono';
import { OUTBOX_PENDING_HEADER } from '../../../domain/api';
import { PullQuery, PushEnvelope } from '../../../domain/sync-protocol';
import { pullChangesJson } from '../../sync/pull-service';
import { pushOpsDetailed } from '../../sync/push-service';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';
import { readJson, readQuery } from '../read-body';

export function syncRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', bearerAuth(deps));
  // Issue 9 §6: the tablet reports its unsent op count, which the admin's device list shows.
  app.use('*', async (c, next) => {
    const pending = c.req.header(OUTBOX_PENDING_HEADER);
    if (pending !== undefined && /^\d{1,9}$/.test(pending)) {
      const device = c.get('device');
      await deps.store.transaction(device.siteId, (tx) => tx.setDevicePendingOps(device.id, Number(pending)));
    }
    await next();
  });

  app.post('/push', async (c) => {
    // Issue 9 §5: only the envelope is checked whole; each op is checked on its own (push-op.ts).
    const req = await readJson(c, PushEnvelope);
    const device = c.get('device');
    const { response, ops } = await pushOpsDetailed(
      {
        store: deps.store,
        clock: deps.clock,
        siteId: device.siteId,
        deviceId: device.id,
        nowMs: deps.now(),
        logger: deps.logger,
        requestId: c.get('requestId'),
      },
      req,
    );
    // D3: Web Push of the escalations this push committed, after the answer (never blocks it).
    deps.escalationPush?.afterPush(device.siteId, ops, response);
    // Issue 9 §1: the generation in the body too (the header is set for every answer in app.ts).
    return c.json({ ...response, generation: deps.store.generation() });
  });

  app.get('/pull', async (c) => {
    const query = readQuery(c, PullQuery);
    const device = c.get('device');
    const json = await pullChangesJson(deps.store, device.siteId, query, deps.now(), device.kind);
    return c.body(json, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });

  return app;
}
