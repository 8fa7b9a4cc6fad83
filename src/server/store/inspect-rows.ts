/**
 * Test support only: what sqlite-inspect.ts and pg-inspect.ts read beyond the Store contract, as
 * column records and their mapping, written once for both dialects (the differences as in
 * store-rows.ts: a flag, and JSON read whole; pg-inspect.ts reads through the store's pool, so its
 * BIGINTs are numbers as well). Nothing in the server uses this module.
 */
import type { ColumnValues, Dialect } from './store-rows';

/** An admin action as stored (admin_actions). */
export interface StoredAdminAction {
  deviceId: string;
  staffId: string;
  action: string;
  target: string | null;
}

/** One op outcome as stored (device_ops), with what it names. */
export interface StoredDeviceOp {
  deviceId: string;
  counter: number;
  opHash: string;
  status: string;
  receivedAt: number | null;
  deviceTime: number | null;
  actorStaffId: string | null;
  table: string | null;
  rowId: string | null;
}

/** A row of any building, parsed. */
export interface StoredRowOfAnyBuilding {
  siteId: string;
  id: string;
  data: Record<string, unknown>;
  versions: Record<string, number>;
  seq: number;
  deleted: boolean;
}

export interface AdminActionRow {
  device_id: string;
  staff_id: string;
  action: string;
  target: string | null;
}

/** A row of device_ops read whole. */
export interface StoredDeviceOpRow {
  device_id: string;
  counter: number;
  op_hash: string;
  status: string;
  received_at: number | null;
  device_time: number | null;
  actor_staff_id: string | null;
  tbl: string | null;
  row_id: string | null;
}

export interface AnyBuildingRow<V extends ColumnValues> {
  site_id: string;
  id: string;
  data: V['json'];
  versions: V['json'];
  seq: number;
  deleted: V['flag'];
}

export function toAdminAction(r: AdminActionRow): StoredAdminAction {
  return { deviceId: r.device_id, staffId: r.staff_id, action: r.action, target: r.target };
}

export function toStoredDeviceOp(r: StoredDeviceOpRow): StoredDeviceOp {
  return {
    deviceId: r.device_id,
    counter: r.counter,
    opHash: r.op_hash,
    status: r.status,
    receivedAt: r.received_at,
    deviceTime: r.device_time,
    actorStaffId: r.actor_staff_id,
    table: r.tbl,
    rowId: r.row_id,
  };
}

export function toRowOfAnyBuilding<V extends ColumnValues>(
  d: Dialect<V>,
  r: AnyBuildingRow<V>,
): StoredRowOfAnyBuilding {
  return {
    siteId: r.site_id,
    id: r.id,
    data: d.json(r.data) as Record<string, unknown>,
    versions: d.json(r.versions) as Record<string, number>,
    seq: r.seq,
    deleted: d.flag(r.deleted),
  };
}
