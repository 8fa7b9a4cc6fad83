/**
 * Issue 9 §6: what the admin's device list reads and the revocation it writes (table `devices`,
 * columns `revoked_at`, `revoked_by`, `pending_ops` of migration 0007). A revoked device's token
 * is refused by bearer auth (http/auth.ts) at its very next request.
 */
import type Database from 'better-sqlite3';
import type { DeviceKind } from '../../domain/api';
import type { Synchronous } from './store';
import { sqliteRows, type DeviceAdminRow, type SqliteValues } from './store-rows';

export interface DeviceAdminRecord {
  id: string;
  siteId: string;
  name: string;
  kind: DeviceKind;
  createdAt: number;
  lastSeenAt: number | null;
  /** The unsent op count the device reported at its last sync request, if it did. */
  pendingOps: number | null;
  revoked: boolean;
  revokedAt: number | null;
  revokedBy: string | null;
}

/** The store's read of the device list (StoreReads extends it). */
export interface DeviceAdminReads {
  /** Every device of the building, oldest first, revoked ones too. */
  listDevices(siteId: string): Promise<DeviceAdminRecord[]>;
}

/** The store's writes of revocation and reported outboxes (StoreWrites extends it). */
export interface DeviceAdminWrites {
  /** Revoke a device of the building; false when it holds no such device or it was already revoked. */
  revokeDevice(siteId: string, deviceId: string, revokedAt: number, revokedBy: string): Promise<boolean>;
  /** Record the unsent op count a device reported (X-Outbox-Pending). */
  setDevicePendingOps(deviceId: string, pendingOps: number): Promise<void>;
}

/** The SQLite implementation over the store's connection. */
export function sqliteDeviceAdmin(db: Database.Database): Synchronous<DeviceAdminReads & DeviceAdminWrites> {
  const list = db.prepare<[string], DeviceAdminRow<SqliteValues>>(
    `SELECT id, site_id, name, kind, created_at, last_seen_at, pending_ops, revoked, revoked_at, revoked_by
     FROM devices WHERE site_id = ? ORDER BY created_at, id`,
  );
  const revoke = db.prepare(
    'UPDATE devices SET revoked = 1, revoked_at = ?, revoked_by = ? WHERE site_id = ? AND id = ? AND revoked = 0',
  );
  const pending = db.prepare('UPDATE devices SET pending_ops = ? WHERE id = ? AND pending_ops IS NOT ?');
  return {
    listDevices: (siteId) => list.all(siteId).map(sqliteRows.deviceAdmin),
    revokeDevice: (siteId, deviceId, revokedAt, revokedBy) =>
      revoke.run(revokedAt, revokedBy, siteId, deviceId).changes === 1,
    setDevicePendingOps: (deviceId, pendingOps) => {
      pending.run(pendingOps, deviceId, pendingOps);
    },
  };
}
