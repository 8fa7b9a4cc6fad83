/**
 * Issue 9 §3 (docs/security.md): the PIN checked by the server. `POST /auth/check` answers for a
 * person whose hash this tablet does not hold (an admin or manager at a desk tablet): the proof
 * headers alone prove the PIN (actorAuth). `POST /auth/upgrade` takes the PIN once, over HTTPS, for
 * a person whose stored hash predates issue 9 or is below the minimum cost: the server checks it
 * against that hash and stores a v2 hash with the proof key. Wrong attempts of both count towards
 * the person's lockout.
 */
import { Hono } from 'hono';
import { PinUpgradeRequest, type PinCheckResponse, type PinUpgradeResponse } from '../../../domain/api';
import { PinHash } from '../../../domain/entities';
import { MIN_PIN_ITERATIONS, PIN_ALG_V2, checkPin } from '../../../domain/pin';
import { ApiError } from '../../api-error';
import { actorAuth, lockedOut, staffOfBuilding, wrongPin } from '../../auth/actor-auth';
import { hashPinFor } from '../../auth/pin-service';
import { setStaffPin } from '../../auth/staff-admin';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';
import { readJson } from '../read-body';

/** Mounted at `/api/v1/auth`. */
export function authRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', bearerAuth(deps));

  app.post('/check', actorAuth(deps), (c) => {
    const body: PinCheckResponse = { staffId: c.get('actor').id, serverTime: deps.now() };
    return c.json(body);
  });

  app.post('/upgrade', async (c) => {
    const req = await readJson(c, PinUpgradeRequest);
    const device = c.get('device');
    const now = deps.now();
    const person = await staffOfBuilding(deps.store, device.siteId, req.staffId);
    const key = person ? await deps.store.getStaffKey(device.siteId, req.staffId) : undefined;
    if (key?.lockedUntil != null && key.lockedUntil > now) throw lockedOut(key.lockedUntil);
    const stored = PinHash.safeParse(person?.row.pinHash);
    if (!person || !stored.success) throw new ApiError('actor_unproven', 'the person is not proven by this PIN');
    const check = await checkPin(req.pin, stored.data);
    if (!check.ok) {
      throw wrongPin(
        await deps.store.transaction(device.siteId, (tx) => tx.recordProofFailure(device.siteId, req.staffId, now)),
      );
    }
    if (person.row.active !== true) throw new ApiError('forbidden_role', 'this person is not active');
    const current =
      stored.data.alg === PIN_ALG_V2 && stored.data.iterations >= MIN_PIN_ITERATIONS && key?.proofKey != null;
    if (current) {
      // Nothing to upgrade (another tablet did it first): the right PIN gets the stored hash.
      await deps.store.transaction(device.siteId, (tx) => tx.clearProofFailures(device.siteId, req.staffId));
      const body: PinUpgradeResponse = { pinHash: stored.data, serverTime: now };
      return c.json(body);
    }
    // A PIN too short for the role is not carried over: the admin sets a new one (weak_pin).
    const secrets = await hashPinFor(deps.pinHasher, person.row.role, req.pin);
    const written = await deps.store.transaction(device.siteId, async (tx) => {
      const staff = await setStaffPin(tx, deps.clock, device.siteId, req.staffId, secrets, now);
      await tx.insertAdminAction({
        siteId: device.siteId,
        deviceId: device.id,
        staffId: req.staffId,
        action: 'pin.upgrade',
        target: req.staffId,
        at: now,
      });
      return staff;
    });
    const body: PinUpgradeResponse = { pinHash: written.pinHash, serverTime: now };
    return c.json(body);
  });

  return app;
}
