/**
 * Issue 10 §1: the office overview of a person who works in several buildings (a manager or chief
 * covering them, the company's admin): their buildings side by side with each one's figures, and
 * opening another of them on this office device. Online only, proven like every request made in a
 * person's name (actor-auth.ts); the buildings are the person's own, whatever the request names.
 */
import { Hono } from 'hono';
import type { BuildingListResponse } from '../../../domain/api';
import { Id } from '../../../domain/entities';
import { ApiError } from '../../api-error';
import { actorAuth, staffOfBuilding } from '../../auth/actor-auth';
import { MULTI_BUILDING_ROLES, buildingsOfPerson, openBuildingOnDevice } from '../../site/company-service';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';

/** Mounted at `/api/v1/office`. */
export function officeRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', bearerAuth(deps), actorAuth(deps, { roles: MULTI_BUILDING_ROLES }));

  const me = async (siteId: string, staffId: string) => {
    const row = await staffOfBuilding(deps.store, siteId, staffId);
    if (!row) throw new ApiError('not_found', 'no such staff member');
    return row;
  };

  app.get('/buildings', async (c) => {
    const device = c.get('device');
    if (device.kind !== 'office') throw new ApiError('forbidden', 'the buildings overview is on office devices');
    const now = deps.now();
    const person = await me(device.siteId, c.get('actor').id);
    const body: BuildingListResponse = {
      buildings: await buildingsOfPerson(deps.store, person, { figuresAt: now }),
      serverTime: now,
    };
    return c.json(body);
  });

  app.post('/buildings/:siteId/device', async (c) => {
    const target = Id.safeParse(c.req.param('siteId'));
    if (!target.success) throw new ApiError('bad_request', 'the building id is not an id', { field: 'siteId' });
    const device = c.get('device');
    const now = deps.now();
    const person = await me(device.siteId, c.get('actor').id);
    // The new device belongs to the building opened: its lock, not the requesting device's.
    const opened = await deps.store.transaction(target.data, (tx) =>
      openBuildingOnDevice(tx, device, person, target.data, now),
    );
    return c.json(opened, 201);
  });

  return app;
}
