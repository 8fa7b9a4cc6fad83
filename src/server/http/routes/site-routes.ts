/**
 * Health, first-run setup, enrolment codes, enrolment and the staff list. Thin: validate with the
 * shared schema, call a service, let the central handler map errors.
 */
import { Hono } from 'hono';
import {
  CreateEnrolmentCodeRequest,
  EnrolRequest,
  SetupRequest,
  type HealthResponse,
  type StaffListResponse,
} from '../../../domain/api';
import { ApiError } from '../../api-error';
import { createEnrolmentCode, enrolDevice } from '../../site/enrolment-service';
import { setupFirstSite } from '../../site/setup-service';
import { listStaff } from '../../site/staff-service';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';
import { readJson } from '../read-body';
import { checkStore } from '../store-guard';

export function siteRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const auth = bearerAuth(deps);

  app.get('/health', (c) => {
    // Issue 9 §8: a damaged store is never reported ok; `?deep=1` proves a read and a write.
    const deep = c.req.query('deep') === '1';
    checkStore(deps.store, deep);
    const body: HealthResponse = {
      status: 'ok',
      version: deps.version,
      setUp: deps.store.hasAnySite(),
      serverTime: deps.now(),
      ...(deep ? { store: 'ok' as const } : {}),
    };
    return c.json(body);
  });

  app.post('/setup', async (c) => {
    const req = await readJson(c, SetupRequest);
    return c.json(setupFirstSite(deps.store, deps.clock, req, deps.now()), 201);
  });

  app.post('/enrolment-codes', auth, async (c) => {
    const req = await readJson(c, CreateEnrolmentCodeRequest);
    const siteId = c.get('device').siteId;
    const input = { siteId, actorStaffId: req.actorStaffId, deviceKind: req.deviceKind };
    return c.json(createEnrolmentCode(deps.store, input, deps.now()), 201);
  });

  app.post('/enrol', async (c) => {
    const req = await readJson(c, EnrolRequest);
    return c.json(enrolDevice(deps.store, req, deps.now()), 201);
  });

  app.get('/sites/:siteId/staff', auth, (c) => {
    const siteId = c.req.param('siteId');
    if (siteId !== c.get('device').siteId) throw new ApiError('forbidden', 'this device belongs to another building');
    const body: StaffListResponse = { staff: listStaff(deps.store, siteId), serverTime: deps.now() };
    return c.json(body);
  });

  return app;
}
