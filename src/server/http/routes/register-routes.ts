/**
 * GET /api/v1/registers/:register.csv (F1, F2, F3): a register of the token's building as CSV in
 * UTF-8 with a BOM, streamed (register-export.ts). The filters are the tablet's, in the same query
 * parameters (register-filters.ts): a malformed one is a 400 naming each field. Only the token's
 * own building is ever read: a `siteId` naming another is refused 403 without saying whether that
 * building exists. Registers are the desk's own records (the desk keeps F1-F3), so any enrolled
 * tablet may export them for any person of the building, proven by the request's proof headers
 * (issue 9 §3): the export is read in someone's name, never anonymously.
 */
import { Hono } from 'hono';
import { isRegisterName, parseRegisterFilters } from '../../../domain/register-filters';
import { ApiError } from '../../api-error';
import { actorAuth } from '../../auth/actor-auth';
import { CSV_LANGS, type CsvLang } from '../../registers/csv-labels';
import { registerCsvStream } from '../../registers/register-export';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';

export function registerRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', bearerAuth(deps), actorAuth(deps));

  app.get('/:file', async (c) => {
    const file = c.req.param('file');
    const register = file.endsWith('.csv') ? file.slice(0, -'.csv'.length) : '';
    if (!isRegisterName(register)) {
      throw new ApiError('not_found', `no such register: ${file} (tenants.csv, repairs.csv or duty.csv)`);
    }
    const device = c.get('device');
    const siteId = c.req.query('siteId');
    if (siteId !== undefined && siteId !== device.siteId) {
      throw new ApiError('forbidden', "a device exports only its own building's registers");
    }
    const parsed = parseRegisterFilters((name) => c.req.query(name));
    const langParam = c.req.query('lang') ?? 'zh-Hant';
    const lang = (CSV_LANGS as readonly string[]).includes(langParam) ? (langParam as CsvLang) : null;
    if (!parsed.ok || lang === null) {
      const fields = { ...(parsed.ok ? {} : parsed.errors), ...(lang === null ? { lang: 'unknown' } : {}) };
      const names = Object.entries(fields).map(([f, why]) => `${f}: ${why}`);
      throw new ApiError('bad_request', `malformed filters: ${names.join('; ')}`, { fields });
    }
    const stream = await registerCsvStream(deps.store, {
      siteId: device.siteId,
      register,
      filters: parsed.filters,
      lang,
    });
    const day = new Date(deps.now()).toISOString().slice(0, 10);
    return c.body(stream, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${register}-${day}.csv"`,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  return app;
}
