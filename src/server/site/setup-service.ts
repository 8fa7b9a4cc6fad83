/**
 * First run (POST /api/v1/setup): the building, its first admin and this browser as its first
 * tablet, in one transaction. `createSite` is the same without the first-run guard: the store
 * holds many buildings of one company even though setup creates only the first.
 */
import type { SetupRequest, SetupResponse } from '../../domain/api';
import { Site, Staff, type SiteSettings } from '../../domain/entities';
import { newId } from '../../domain/ids';
import { ApiError } from '../api-error';
import type { Store } from '../store/store';
import type { ServerClock } from '../sync/server-clock';
import { insertServerRow } from '../sync/server-rows';
import { createDevice } from './devices';

export interface CreatedSite {
  siteId: string;
  adminStaffId: string;
  deviceId: string;
  token: string;
}

/** Create a building with its admin and first device. Runs in its own transaction. */
export function createSite(store: Store, clock: ServerClock, req: SetupRequest, nowMs: number): CreatedSite {
  return store.transaction(() => insertSite(store, clock, req, nowMs));
}

/** First-run setup: refused with 409 already_set_up once any building exists. */
export function setupFirstSite(store: Store, clock: ServerClock, req: SetupRequest, nowMs: number): SetupResponse {
  const created = store.transaction(() => {
    if (store.hasAnySite()) throw new ApiError('already_set_up', 'this server already has a building');
    return insertSite(store, clock, req, nowMs);
  });
  return {
    siteId: created.siteId,
    deviceId: created.deviceId,
    token: created.token,
    adminStaffId: created.adminStaffId,
    serverTime: nowMs,
  };
}

function insertSite(store: Store, clock: ServerClock, req: SetupRequest, nowMs: number): CreatedSite {
  const siteId = newId();
  const settings: SiteSettings = req.site;
  // Parsed again as whole rows so a server row can never be one the tablets would refuse.
  const site = Site.omit({ updatedAt: true, deleted: true }).parse({ ...settings, id: siteId, siteId });
  insertServerRow(store, clock, 'site', site, nowMs);
  const adminStaffId = newId();
  const admin = Staff.omit({ updatedAt: true, deleted: true }).parse({
    id: adminStaffId,
    siteId,
    name: req.admin.name,
    role: 'admin',
    pinHash: req.admin.pinHash,
    active: true,
  });
  insertServerRow(store, clock, 'staff', admin, nowMs);
  const device = createDevice(store, siteId, req.deviceName, nowMs);
  return { siteId, adminStaffId, ...device };
}
