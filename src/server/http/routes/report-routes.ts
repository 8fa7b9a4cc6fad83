/**
 * O3: the per-person figures for office PCs and exports. `GET /people.csv?month=yyyy-MM&staffId=`
 * answers CSV in UTF-8 with a BOM; only the token's building is ever read, and only for an active
 * section chief or manager of it (403 `forbidden_role`). The `staffId` of the viewer is a claim, like
 * the other actor claims, until issue 9 proves who is at the device.
 */
import { Hono } from 'hono';
import { ApiError } from '../../api-error';
import { checkFigureReader, peopleCsv } from '../../reports/people-report';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';

export const REPORTS_PATH = '/api/v1/reports';

export function reportRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', bearerAuth(deps));

  app.get('/people.csv', (c) => {
    const month = c.req.query('month') ?? '';
    const viewer = c.req.query('staffId') ?? '';
    if (viewer === '') throw new ApiError('bad_request', 'staffId (the person viewing) is required');
    const siteId = c.get('device').siteId;
    checkFigureReader(deps.store, siteId, viewer);
    const csv = peopleCsv(deps.store, siteId, month);
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="people-${month}.csv"`,
    });
  });

  return app;
}
