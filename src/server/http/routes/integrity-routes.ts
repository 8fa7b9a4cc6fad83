/**
 * D5, O1: `GET /api/v1/integrity?staffId=...`, the chain check of `npm run verify` for the token's
 * building, for the section chief and the property office manager (and the admin who set the
 * building up). The person is a claim until issue 9: the tablet names who is signed in, the server
 * checks that person is active staff of the token's building with one of those roles, and refuses
 * anyone else (a desk person) with 403 `forbidden_role`.
 */
import { Hono } from 'hono';
import type { Role } from '../../../domain/entities';
import type { IntegrityResponse } from '../../../domain/integrity';
import { ApiError } from '../../api-error';
import { verifyBuilding } from '../../integrity/verify';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';

/** Who may run the chain check on a tablet. */
export const INTEGRITY_ROLES: readonly Role[] = ['chief', 'manager', 'admin'];

export function integrityRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', bearerAuth(deps), (c) => {
    const siteId = c.get('device').siteId;
    const staffId = c.req.query('staffId') ?? c.req.header('X-Staff-Id') ?? '';
    if (staffId === '') throw new ApiError('bad_request', 'staffId (the person signed in) is required');
    // A claim until issue 9 proves who is at the tablet.
    const person = deps.store.getRow('staff', staffId);
    const role = person?.row['role'];
    if (!person || person.siteId !== siteId || person.deleted || person.row['active'] !== true)
      throw new ApiError('forbidden_role', 'staffId is not active staff of this building');
    if (!INTEGRITY_ROLES.includes(role as Role))
      throw new ApiError('forbidden_role', 'only the section chief or the manager may check the chain (D5, O1)', {
        role,
      });
    const site = deps.store.getRow('site', siteId);
    const now = deps.now();
    const body: IntegrityResponse = {
      building: verifyBuilding(deps.store, siteId, String(site?.row['name'] ?? ''), now),
      serverTime: now,
    };
    return c.json(body);
  });
  return app;
}
