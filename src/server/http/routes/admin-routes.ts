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
import type { Role } from '../../../domain/entities';
import { ApiError } from '../../api-error';
import { actorAuth } from '../../auth/actor-auth';
import { hashPinFor } from '../../auth/pin-service';
import { insertStaff, setStaffPin, staffRowOf, updateSite, updateStaff } from '../../auth/staff-admin';
import type { DeviceAdminRecord } from '../../store/device-admin';
import type { AppEnv, AppServices } from '../app-env';
import { bearerAuth } from '../auth';
import type { Context } from 'hono';
import { readJson } from '../read-body';

/** Mounted at `/api/v1/admin`. */
export function adminRoutes(deps: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', bearerAuth(deps), actorAuth(deps, { roles: ['admin'] }));

  /** Record the action with its device and person (§6), inside the caller's transaction. */
  const record = (c: Context<AppEnv>, action: string, target: string | null, at: number) =>
    deps.store.insertAdminAction({
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
    const staff = deps.store.transaction(() => {
      const written = insertStaff(deps.store, deps.clock, c.get('device').siteId, { ...req, secrets }, now);
      record(c, 'staff.create', written.id, now);
      return written;
    });
    const body: AdminStaffResponse = { staff, serverTime: now };
    return c.json(body, 201);
  });

  app.patch('/staff/:id', async (c) => {
    const req = await readJson(c, AdminUpdateStaffRequest);
    const now = deps.now();
    const staff = deps.store.transaction(() => {
      const written = updateStaff(deps.store, deps.clock, c.get('device').siteId, c.req.param('id'), req, now);
      record(c, 'staff.update', written.id, now);
      return written;
    });
    const body: AdminStaffResponse = { staff, serverTime: now };
    return c.json(body);
  });

  app.post('/staff/:id/pin', async (c) => {
    const req = await readJson(c, AdminSetPinRequest);
    const siteId = c.get('device').siteId;
    const target = staffRowOf(deps.store, siteId, c.req.param('id'));
    const secrets = await hashPinFor(deps.pinHasher, target.row['role'] as Role, req.pin);
    const now = deps.now();
    const staff = deps.store.transaction(() => {
      // The role may have changed while the PIN was hashed: the length rule holds for the row written.
      const current = staffRowOf(deps.store, siteId, target.id);
      if (current.row['role'] !== target.row['role']) throw new ApiError('conflict', 'the role changed; try again');
      const written = setStaffPin(deps.store, deps.clock, siteId, target.id, secrets, now);
      record(c, 'staff.pin', target.id, now);
      return written;
    });
    const body: AdminStaffResponse = { staff, serverTime: now };
    return c.json(body);
  });

  app.patch('/site', async (c) => {
    const req = await readJson(c, AdminSiteRequest);
    const now = deps.now();
    const siteId = c.get('device').siteId;
    const site = deps.store.transaction(() => {
      const written = updateSite(deps.store, deps.clock, siteId, req, now);
      record(c, 'site.update', siteId, now);
      return written;
    });
    return c.json({ site, serverTime: now });
  });

  app.get('/devices', (c) => {
    const device = c.get('device');
    const devices = deps.store.listDevices(device.siteId).map((d) => toSummary(d, device.id));
    const body: DeviceListResponse = { devices, serverTime: deps.now() };
    return c.json(body);
  });

  app.post('/devices/:id/revoke', (c) => {
    const device = c.get('device');
    const targetId = c.req.param('id');
    // An admin cannot cut off the tablet they are standing at (it would lock them out of this page).
    if (targetId === device.id) throw new ApiError('conflict', 'this is the device making the request');
    const now = deps.now();
    const revoked = deps.store.transaction(() => {
      const target = deps.store.listDevices(device.siteId).find((d) => d.id === targetId);
      if (!target) throw new ApiError('not_found', 'no such device');
      if (!target.revoked) {
        deps.store.revokeDevice(device.siteId, targetId, now, c.get('actor').id);
        record(c, 'device.revoke', targetId, now);
      }
      return deps.store.listDevices(device.siteId).find((d) => d.id === targetId) ?? target;
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
