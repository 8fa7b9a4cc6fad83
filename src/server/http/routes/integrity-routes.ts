/**
 * D5, O1: `GET /api/v1/integrity?staffId=...`, the chain check of `npm run verify` for the token's
 * building, for the section chief and the property office manager (and the admin who set the
 * building up). Issue 9 §3: the person is proven by the proof headers (auth/actor-auth.ts): active
 * staff of the token's building with one of those roles; anyone else (a desk person) gets 403
 * `forbidden_role`, an unproven request 403 `actor_unproven`.
 */
import { Hono } from 'hono';
import type { Role } from '../../../domain/entities';
import type { IntegrityResponse } from '../../../domain/integrity';
import { actorAuth } from '../../auth/actor-auth';
import { verifyBuilding } from '../../integrity/verify';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';

/** Who may run the chain check on a tablet. */
export const INTEGRITY_ROLES: readonly Role[] = ['chief', 'manager', 'admin'];

export function integrityRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Issue 9 §3: the person is proven by the request's proof headers (actorAuth), no longer claimed.
  app.get('/', bearerAuth(deps), actorAuth(deps, { roles: INTEGRITY_ROLES }), async (c) => {
    const siteId = c.get('device').siteId;
    const site = await deps.store.getRow(siteId, 'site', siteId);
    const now = deps.now();
    const body: IntegrityResponse = {
      building: await verifyBuilding(deps.store, siteId, site?.row.name ?? '', now),
      serverTime: now,
    };
    return c.json(body);
  });
  return app;
}
