/**
 * Issue 9 §3, §6: the admin API (paths in ADMIN_PATHS). Admin actions happen only online: every
 * request carries the admin's proof headers, checked by actorAuth (wrong proofs count towards the
 * lockout), and every action is recorded in `admin_actions` with the device that made it. Staff
 * and settings rows are written by the server and reach the tablets with their next pull.
 */
import { Hono } from 'hono';
import {
  AssignBuildingRequest,
  CreateBuildingRequest,
  type BuildingListResponse,
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
import {
  assertAdministersAll,
  assignToBuilding,
  buildingsOfPerson,
  createBuilding,
  otherRowsOfPerson,
} from '../../site/company-service';
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
    // Issue 10 §1: a person's name is the same in every building they work in (role and active
    // stay per building); renaming someone linked writes several buildings, under the store-wide lock.
    const target = await staffRowOf(deps.store, siteId, c.req.param('id'));
    const others = req.name === undefined ? [] : await otherRowsOfPerson(deps.store, target);
    await assertAdministersAll(deps.store, siteId, c.get('actor').id, others);
    const rename = others.length > 0;
    const staff = await deps.store.transaction(rename ? null : siteId, async (tx) => {
      const written = await updateStaff(tx, deps.clock, siteId, target.id, req, now);
      await record(tx, c, 'staff.update', written.id, now);
      if (req.name !== undefined) {
        for (const other of await otherRowsOfPerson(tx, target)) {
          if (other.row.name !== req.name)
            await updateStaff(tx, deps.clock, other.siteId, other.id, { name: req.name }, now);
        }
      }
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
    // Issue 10 §1: the same person in other buildings keeps one PIN: their rows change together,
    // under the store-wide lock when there are any (several buildings are written).
    const others = await otherRowsOfPerson(deps.store, target);
    await assertAdministersAll(deps.store, siteId, c.get('actor').id, others);
    const linked = others.length > 0;
    const staff = await deps.store.transaction(linked ? null : siteId, async (tx) => {
      // The role may have changed while the PIN was hashed: the length rule holds for the row written.
      const current = await staffRowOf(tx, siteId, target.id);
      if (current.row.role !== target.row.role) throw new ApiError('conflict', 'the role changed; try again');
      const written = await setStaffPin(tx, deps.clock, siteId, target.id, secrets, now);
      await record(tx, c, 'staff.pin', target.id, now);
      for (const other of await otherRowsOfPerson(tx, current)) {
        await setStaffPin(tx, deps.clock, other.siteId, other.id, secrets, now);
      }
      return written;
    });
    const body: AdminStaffResponse = { staff, serverTime: now };
    return c.json(body);
  });

  // Issue 10 §1: the buildings of the company this admin administers; creating one.
  app.get('/buildings', async (c) => {
    const me = await staffRowOf(deps.store, c.get('device').siteId, c.get('actor').id);
    const buildings = (await buildingsOfPerson(deps.store, me)).filter((b) => b.role === 'admin');
    const body: BuildingListResponse = { buildings, serverTime: deps.now() };
    return c.json(body);
  });

  app.post('/buildings', async (c) => {
    const req = await readJson(c, CreateBuildingRequest);
    const now = deps.now();
    const acting = { siteId: c.get('device').siteId, deviceId: c.get('device').id, staffId: c.get('actor').id };
    // A new building: the store-wide lock (its own does not exist yet; names are checked across all).
    const building = await deps.store.transaction(null, (tx) => createBuilding(tx, deps.clock, acting, req, now));
    return c.json({ building, serverTime: now }, 201);
  });

  // Issue 10 §1: a chief, manager or admin of this building also works in another one.
  app.post('/staff/:id/buildings', async (c) => {
    const req = await readJson(c, AssignBuildingRequest);
    const now = deps.now();
    const acting = { siteId: c.get('device').siteId, deviceId: c.get('device').id, staffId: c.get('actor').id };
    const staffId = c.req.param('id');
    const assigned = await deps.store.transaction(null, (tx) =>
      assignToBuilding(tx, deps.clock, acting, staffId, req.siteId, now),
    );
    const person = await staffRowOf(deps.store, acting.siteId, staffId);
    const body: BuildingListResponse = { buildings: await buildingsOfPerson(deps.store, person), serverTime: now };
    return c.json({ ...body, assignedStaffId: assigned.id }, 201);
  });

  app.get('/staff/:id/buildings', async (c) => {
    const person = await staffRowOf(deps.store, c.get('device').siteId, c.req.param('id'));
    const body: BuildingListResponse = {
      buildings: await buildingsOfPerson(deps.store, person),
      serverTime: deps.now(),
    };
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
