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
import { actorAuth } from '../../auth/actor-auth';
import { SETUP_CODE_MESSAGE, isSetupCode, setupFirstSite } from '../../site/setup-service';
import { listStaff } from '../../site/staff-service';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';
import { readJson } from '../read-body';
import { checkStore } from '../store-guard';

/** The `setupCode` of a body that may not even be JSON (a cross-site text/plain post). */
function setupCodeOf(text: string): unknown {
  try {
    const raw: unknown = JSON.parse(text);
    return typeof raw === 'object' && raw !== null && Object.hasOwn(raw, 'setupCode')
      ? (raw as { setupCode: unknown }).setupCode
      : undefined;
  } catch {
    return undefined;
  }
}

export function siteRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const auth = bearerAuth(deps);
  const setupCode = deps.setupCode ?? null;

  app.get('/health', async (c) => {
    // Issue 9 §8: a damaged store is never reported ok; `?deep=1` proves a read and a write.
    const deep = c.req.query('deep') === '1';
    await checkStore(deps.store, deep);
    const body: HealthResponse = {
      status: 'ok',
      version: deps.version,
      setUp: await deps.store.hasAnySite(),
      serverTime: deps.now(),
      generation: deps.store.generation(),
      ...(deep ? { store: 'ok' as const } : {}),
    };
    return c.json(body);
  });

  app.post('/setup', async (c) => {
    // Issue 9 §7: the setup code is checked before anything else of the body is looked at; a
    // server that has its building says so (409), with or without a code.
    if (!isSetupCode(setupCode, setupCodeOf(await c.req.text()))) {
      if (await deps.store.hasAnySite()) throw new ApiError('already_set_up', 'this server already has a building');
      throw new ApiError('setup_code_invalid', SETUP_CODE_MESSAGE);
    }
    const req = await readJson(c, SetupRequest);
    const guard = { setupCode, hasher: deps.pinHasher };
    return c.json(await setupFirstSite(deps.store, deps.clock, req, deps.now(), guard), 201);
  });

  // Issue 9 §3, §6: only a proven admin creates codes, and the action is recorded with its device.
  app.post('/enrolment-codes', auth, actorAuth(deps, { roles: ['admin'] }), async (c) => {
    const req = await readJson(c, CreateEnrolmentCodeRequest);
    const device = c.get('device');
    const now = deps.now();
    const input = { siteId: device.siteId, actorStaffId: c.get('actor').id, deviceKind: req.deviceKind };
    const created = await deps.store.transaction(device.siteId, async (tx) => {
      const code = await createEnrolmentCode(tx, input, now);
      await tx.insertAdminAction({
        siteId: device.siteId,
        deviceId: device.id,
        staffId: input.actorStaffId,
        action: 'enrolment.code',
        target: code.deviceKind ?? 'desk',
        at: now,
      });
      return code;
    });
    return c.json(created, 201);
  });

  app.post('/enrol', async (c) => {
    const req = await readJson(c, EnrolRequest);
    return c.json(await enrolDevice(deps.store, req, deps.now()), 201);
  });

  app.get('/sites/:siteId/staff', auth, async (c) => {
    const siteId = c.req.param('siteId');
    if (siteId !== c.get('device').siteId) throw new ApiError('forbidden', 'this device belongs to another building');
    const staff = await listStaff(deps.store, siteId, c.get('device').kind);
    const body: StaffListResponse = { staff, serverTime: deps.now() };
    return c.json(body);
  });

  return app;
}
