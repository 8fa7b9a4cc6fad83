/** POST /sync/push and GET /sync/pull (docs/architecture.md "Sync protocol"), both behind bearer auth. */
import { Hono } from 'hono';
import { PullQuery, PushRequest } from '../../../domain/sync-protocol';
import { pullChangesJson } from '../../sync/pull-service';
import { pushOps } from '../../sync/push-service';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';
import { readJson, readQuery } from '../read-body';

export function syncRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', bearerAuth(deps));

  app.post('/push', async (c) => {
    const req = await readJson(c, PushRequest);
    const device = c.get('device');
    const res = pushOps(
      { store: deps.store, clock: deps.clock, siteId: device.siteId, deviceId: device.id, nowMs: deps.now() },
      req,
    );
    // D3: Web Push of the escalations this push committed, after the answer (never blocks it).
    deps.escalationPush?.afterPush(device.siteId, req.ops, res);
    // Issue 9 §1: the generation in the body too (the header is set for every answer in app.ts).
    return c.json({ ...res, generation: deps.store.generation() });
  });

  app.get('/pull', (c) => {
    const query = readQuery(c, PullQuery);
    const json = pullChangesJson(deps.store, c.get('device').siteId, query, deps.now());
    return c.body(json, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });

  return app;
}
