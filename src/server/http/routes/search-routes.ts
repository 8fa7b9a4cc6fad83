/**
 * `GET /api/v1/search?q=…&from=&to=&kind=&severity=&status=&staffId=&location=&limit=&cursor=`
 * (D5, issue 8 point 7): full-text search over every record of the token's building, newest first.
 * A bad parameter answers 400 naming it (`details.param`).
 */
import { Hono } from 'hono';
import { actorAuth } from '../../auth/actor-auth';
import { searchBuilding } from '../../search/search-service';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';

export function searchRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Issue 9 §3: who searches is proven by the request's proof headers, never claimed.
  app.get('/', bearerAuth(deps), actorAuth(deps), async (c) => {
    // Only the token's own building is ever searched: the site comes from the device, never the URL.
    const siteId = c.get('device').siteId;
    return c.json(await searchBuilding(deps.store, siteId, c.req.query(), deps.now()));
  });
  return app;
}
