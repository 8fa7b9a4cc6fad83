/**
 * O3: the per-person figures for office PCs and exports. `GET /people.csv?month=yyyy-MM` answers
 * CSV in UTF-8 with a BOM; only the token's building is ever read, and only for an active section
 * chief or manager of it (403 `forbidden_role`). Issue 9 §3: the viewer is proven by the request's
 * proof headers (auth/actor-auth.ts), no longer claimed in the query.
 */
import { Hono } from 'hono';
import { actorAuth } from '../../auth/actor-auth';
import { checkFigureReader, peopleCsv } from '../../reports/people-report';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';

export const REPORTS_PATH = '/api/v1/reports';

export function reportRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', bearerAuth(deps), actorAuth(deps));

  app.get('/people.csv', async (c) => {
    const month = c.req.query('month') ?? '';
    const siteId = c.get('device').siteId;
    await checkFigureReader(deps.store, siteId, c.get('actor').id);
    const csv = await peopleCsv(deps.store, siteId, month);
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="people-${month}.csv"`,
    });
  });

  return app;
}
