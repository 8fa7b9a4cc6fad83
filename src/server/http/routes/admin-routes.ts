/**
 * Issue 9 §3, §6: the admin API (paths in ADMIN_PATHS). Admin actions happen only online: every
 * request carries the admin's proof headers, checked by actorAuth (wrong proofs count towards the
 * lockout), and every action is recorded in `admin_actions` with the device that made it. Staff
 * and settings rows are written by the server and reach the tablets with their next pull.
 */
import { Hono } from 'hono';
import {
  AdminCreateStaffRequest,
  AdminSetPinRequest,
  AdminSiteRequest,
  AdminUpdateStaffRequest,
  type AdminStaffResponse,
  type DeviceListResponse,
  type DeviceSummary,
} from '../../../domain/api';
import { ApiError } from '../../api-error';
import { actorAuth } from '../../auth/actor-auth';
import { hashPinFor } from '../../auth/pin-service';
import { insertStaff, setStaffPin, staffRowOf, updateSite, updateStaff } from '../../auth/staff-admin';
import type { DeviceAdminRecord } from '../../store/device-admin';
import type { StoreTx } from '../../store/store';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';
import type { Context } from 'hono';
import { readJson } from '../read-body';

/** Mounted at `/api/v1/admin`. */
export function adminRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', bearerAuth(deps), actorAuth(deps, { roles: ['admin'] }));

  /** Record the action with its device and person (§6), inside the caller's transaction. */
  const record = (tx: StoreTx, c: Context<AppEnv>, action: string, target: string | null, at: number) =>
    tx.insertAdminAction({
      siteId: c.get('device').siteId,
      deviceId: c.get('device').id,
      staffId: c.get('actor').id,
      action,
      target,
      at,
    });

  app.post('/staff', async (c) => {
    const req = await readJson(c, AdminCreateStaffRequest);
    const secrets = await hashPinFor(deps.pinHasher, req.role, req.pin);
    const now = deps.now();
    const siteId = c.get('device').siteId;
    const staff = await deps.store.transaction(siteId, async (tx) => {
      const written = await insertStaff(tx, deps.clock, siteId, { ...req, secrets }, now);
      await record(tx, c, 'staff.create', written.id, now);
      return written;
    });
    const body: AdminStaffResponse = { staff, serverTime: now };
    return c.json(body, 201);
  });

  app.patch('/staff/:id', async (c) => {
    const req = await readJson(c, AdminUpdateStaffRequest);
    const now = deps.now();
    const siteId = c.get('device').siteId;
    const staff = await deps.store.transaction(siteId, async (tx) => {
      const written = await updateStaff(tx, deps.clock, siteId, c.req.param('id'), req, now);
      await record(tx, c, 'staff.update', written.id, now);
      return written;
    });
    const body: AdminStaffResponse = { staff, serverTime: now };
    return c.json(body);
  });

  app.post('/staff/:id/pin', async (c) => {
    const req = await readJson(c, AdminSetPinRequest);
    const siteId = c.get('device').siteId;
    const target = await staffRowOf(deps.store, siteId, c.req.param('id'));
    const secrets = await hashPinFor(deps.pinHasher, target.row.role, req.pin);
    const now = deps.now();
    const staff = await deps.store.transaction(siteId, async (tx) => {
      // The role may have changed while the PIN was hashed: the length rule holds for the row written.
      const current = await staffRowOf(tx, siteId, target.id);
      if (current.row.role !== target.row.role) throw new ApiError('conflict', 'the role changed; try again');
      const written = await setStaffPin(tx, deps.clock, siteId, target.id, secrets, now);
      await record(tx, c, 'staff.pin', target.id, now);
      return written;
    });
    const body: AdminStaffResponse = { staff, serverTime: now };
    return c.json(body);
  });

  app.patch('/site', async (c) => {
    const req = await readJson(c, AdminSiteRequest);
    const now = deps.now();
    const siteId = c.get('device').siteId;
    const site = await deps.store.transaction(siteId, async (tx) => {
      const written = await updateSite(tx, deps.clock, siteId, req, now);
      await record(tx, c, 'site.update', siteId, now);
      return written;
    });
    return c.json({ site, serverTime: now });
  });

  app.get('/devices', async (c) => {
    const device = c.get('device');
    const devices = (await deps.store.listDevices(device.siteId)).map((d) => toSummary(d, device.id));
    const body: DeviceListResponse = { devices, serverTime: deps.now() };
    return c.json(body);
  });

  app.post('/devices/:id/revoke', async (c) => {
    const device = c.get('device');
    const targetId = c.req.param('id');
    // An admin cannot cut off the tablet they are standing at (it would lock them out of this page).
    if (targetId === device.id) throw new ApiError('conflict', 'this is the device making the request');
    const now = deps.now();
    const revoked = await deps.store.transaction(device.siteId, async (tx) => {
      const target = (await tx.listDevices(device.siteId)).find((d) => d.id === targetId);
      if (!target) throw new ApiError('not_found', 'no such device');
      if (!target.revoked) {
        await tx.revokeDevice(device.siteId, targetId, now, c.get('actor').id);
        await record(tx, c, 'device.revoke', targetId, now);
      }
      return (await tx.listDevices(device.siteId)).find((d) => d.id === targetId) ?? target;
    });
    return c.json({ device: toSummary(revoked, device.id), serverTime: now });
  });

  return app;
}

function toSummary(d: DeviceAdminRecord, currentId: string): DeviceSummary {
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    createdAt: d.createdAt,
    lastSeenAt: d.lastSeenAt,
    pendingOps: d.pendingOps,
    revokedAt: d.revoked ? (d.revokedAt ?? d.createdAt) : null,
    current: d.id === currentId,
  };
}
