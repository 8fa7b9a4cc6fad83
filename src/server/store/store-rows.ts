/**
 * The column records both stores read, and their mapping to the Store contract's types, written once
 * for the two dialects (issue 10 §2, §3: one contract, two implementations). The column names are
 * the schema's, the same in migrations/ and migrations-pg/.
 *
 * Where the drivers give a value differently, a record's type names it through its dialect's
 * `ColumnValues`, and the mapper is handed the dialect's reading of it (`SQLITE`, `PG`):
 * - a flag (`deleted`, `revoked`): SQLite stores INTEGER 0/1, PostgreSQL a BOOLEAN;
 * - a row's JSON (`data`, `versions`) read whole: TEXT on SQLite, parsed by pg from the `json`
 *   column. A read that must return the stored bytes (pulls, raw rows, search hits) asks PostgreSQL
 *   for `::text`, so it is text on both and needs no reading.
 * Integers (T1 epoch ms, sequences, counters) are JS numbers on both: SQLite's are, and pg-pool.ts
 * parses BIGINT to a number (refusing one past 2^53) on every connection of the store's pool.
 */
import type { DeviceKind } from '../../domain/api';
import type { SyncTable } from '../../domain/entities';
import { SEARCH_STAFF_FIELD, SEARCH_TIME_FIELD } from '../../domain/search-api';
import { foldText, type SearchTable } from '../../domain/search-text';
import type { RowSearchHit } from '../search/search-query';
import type { DeviceAdminRecord } from './device-admin';
import type { PushSubscriptionRecord } from './push-subscriptions';
import type { StaffKeyRecord } from './staff-keys';
import type {
  ArchiveRecord,
  ChainLink,
  DeviceOpRecord,
  DeviceRecord,
  EnrolmentCodeRecord,
  RawChange,
  RawRow,
  RowLock,
  RowOf,
  StoredOpStatus,
  StoredPhoto,
  StoredRow,
} from './store';

/** How a dialect's driver gives the values the two dialects store differently. */
export interface ColumnValues {
  flag: unknown;
  json: unknown;
}
/** SQLite (better-sqlite3): flags as 0/1, JSON as the text stored. */
export interface SqliteValues extends ColumnValues {
  flag: number;
  json: string;
}
/** PostgreSQL (pg): flags as booleans, a `json` column parsed. */
export interface PgValues extends ColumnValues {
  flag: boolean;
  json: unknown;
}

/** A dialect's reading of those values. */
export interface Dialect<V extends ColumnValues> {
  flag(v: V['flag']): boolean;
  json(v: V['json']): unknown;
}
export const SQLITE: Dialect<SqliteValues> = { flag: (v) => v === 1, json: (v) => JSON.parse(v) };
export const PG: Dialect<PgValues> = { flag: (v) => v, json: (v) => v };

/** A row of `rows` read whole. */
export interface RowRecord<V extends ColumnValues> {
  site_id: string;
  tbl: string;
  id: string;
  data: V['json'];
  versions: V['json'];
  updated_hlc: string;
  seq: number;
  deleted: V['flag'];
  received_at: number | null;
}

/** A row of `rows` with its JSON as the text stored (listRawRows). */
export interface RawRowRecord<V extends ColumnValues> {
  tbl: string;
  id: string;
  data: string;
  versions: string;
  updated_hlc: string;
  seq: number;
  deleted: V['flag'];
  received_at: number | null;
}

/** What a pull reads of a row (changesSince), its JSON as the text stored. */
export interface ChangeRow {
  seq: number;
  tbl: string;
  id: string;
  data: string;
  versions: string;
  received_at: number | null;
}

export interface DeviceRow<V extends ColumnValues> {
  id: string;
  site_id: string;
  name: string;
  revoked: V['flag'];
  last_counter: number;
  created_at: number;
  last_seen_at: number | null;
  kind: DeviceKind;
}

/** Issue 9 §6: a device as the admin's list reads it. */
export interface DeviceAdminRow<V extends ColumnValues> {
  id: string;
  site_id: string;
  name: string;
  kind: DeviceKind;
  created_at: number;
  last_seen_at: number | null;
  pending_ops: number | null;
  revoked: V['flag'];
  revoked_at: number | null;
  revoked_by: string | null;
}

export interface DeviceOpRow {
  device_id: string;
  counter: number;
  op_hash: string;
  status: StoredOpStatus;
  code: string | null;
  message: string | null;
  received_at: number | null;
  device_time: number | null;
}

export interface EnrolmentCodeRow {
  code_hash: string;
  site_id: string;
  created_by: string;
  expires_at: number;
  used_at: number | null;
  used_by_device: string | null;
  device_kind: DeviceKind;
}

export interface LockRow {
  site_id: string;
  tbl: string;
  id: string;
  record_id: string;
}

export interface ChainRow {
  hash: string;
  record_id: string;
}

export interface PhotoRow {
  site_id: string;
  sha256: string;
  mime: string;
  bytes: number;
  data: Buffer;
  created_at: number;
}

export interface ArchiveRow {
  id: number;
  site_id: string;
  through_ms: number;
  file: string;
  sha256: string;
  row_count: number;
  created_at: number;
}

/** A search page's line (D5), the row's JSON as the text stored. */
export interface SearchHitRow {
  rowid: number;
  tbl: string;
  id: string;
  at: number;
  data: string;
}

export interface PushSubscriptionRow {
  endpoint: string;
  site_id: string;
  device_id: string;
  staff_id: string;
  p256dh: string;
  auth: string;
  created_at: number;
}

/** Issue 9 §3: `failed_at` is TEXT on both (a JSON array of epoch ms); an empty key means none yet. */
export interface StaffKeyRow {
  site_id: string;
  staff_id: string;
  proof_key: Buffer;
  failed_at: string;
  locked_until: number | null;
  updated_at: number;
}

/** The mappers of the records whose values differ between the dialects. */
export function dialectRows<V extends ColumnValues>(d: Dialect<V>) {
  return {
    storedRow: <T extends SyncTable = SyncTable>(r: RowRecord<V>): StoredRow<T> => ({
      siteId: r.site_id,
      table: r.tbl as T,
      id: r.id,
      row: d.json(r.data) as RowOf<T>,
      versions: d.json(r.versions) as Record<string, number>,
      updatedHlc: r.updated_hlc,
      seq: r.seq,
      deleted: d.flag(r.deleted),
      receivedAt: r.received_at,
    }),
    rawRow: (r: RawRowRecord<V>): RawRow => ({
      table: r.tbl,
      id: r.id,
      dataJson: r.data,
      versionsJson: r.versions,
      updatedHlc: r.updated_hlc,
      seq: r.seq,
      deleted: d.flag(r.deleted),
      receivedAt: r.received_at,
    }),
    device: (r: DeviceRow<V>): DeviceRecord => ({
      id: r.id,
      siteId: r.site_id,
      name: r.name,
      revoked: d.flag(r.revoked),
      lastCounter: r.last_counter,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      kind: r.kind,
    }),
    deviceAdmin: (r: DeviceAdminRow<V>): DeviceAdminRecord => ({
      id: r.id,
      siteId: r.site_id,
      name: r.name,
      kind: r.kind,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      pendingOps: r.pending_ops,
      revoked: d.flag(r.revoked),
      revokedAt: r.revoked_at,
      revokedBy: r.revoked_by,
    }),
  };
}
export const sqliteRows = dialectRows(SQLITE);
export const pgRows = dialectRows(PG);

export function toRawChange(r: ChangeRow): RawChange {
  return {
    seq: r.seq,
    table: r.tbl,
    id: r.id,
    dataJson: r.data,
    versionsJson: r.versions,
    receivedAt: r.received_at,
  };
}

export function toDeviceOp(r: DeviceOpRow): DeviceOpRecord {
  return {
    deviceId: r.device_id,
    counter: r.counter,
    opHash: r.op_hash,
    status: r.status,
    code: r.code,
    message: r.message,
    receivedAt: r.received_at,
    deviceTime: r.device_time,
  };
}

/**
 * An op outcome's values in the column order both stores' inserts name: device_id, counter,
 * op_hash, status, code, message, received_at, device_time, actor_staff_id, tbl, row_id.
 */
export function deviceOpValues(op: DeviceOpRecord): unknown[] {
  return [
    op.deviceId,
    op.counter,
    op.opHash,
    op.status,
    op.code,
    op.message,
    op.receivedAt,
    op.deviceTime,
    op.actorStaffId ?? null,
    op.table ?? null,
    op.rowId ?? null,
  ];
}

export function toEnrolmentCode(r: EnrolmentCodeRow): EnrolmentCodeRecord {
  return {
    codeHash: r.code_hash,
    siteId: r.site_id,
    createdBy: r.created_by,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    usedByDevice: r.used_by_device,
    deviceKind: r.device_kind,
  };
}

export function toRowLock(r: LockRow): RowLock {
  return { siteId: r.site_id, table: r.tbl, id: r.id, recordId: r.record_id };
}

export function toChainLink(r: ChainRow): ChainLink {
  return { hash: r.hash, recordId: r.record_id };
}

export function toPhoto(r: PhotoRow): StoredPhoto {
  return {
    siteId: r.site_id,
    sha256: r.sha256,
    mime: r.mime,
    bytes: r.bytes,
    data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength),
    createdAt: r.created_at,
  };
}

export function toArchive(r: ArchiveRow): ArchiveRecord {
  return {
    id: r.id,
    siteId: r.site_id,
    throughMs: r.through_ms,
    file: r.file,
    sha256: r.sha256,
    rowCount: r.row_count,
    createdAt: r.created_at,
  };
}

export function toSearchHit(r: SearchHitRow): RowSearchHit {
  return { rowid: r.rowid, table: r.tbl, id: r.id, at: r.at, dataJson: r.data };
}

export function toPushSubscription(r: PushSubscriptionRow): PushSubscriptionRecord {
  return {
    endpoint: r.endpoint,
    siteId: r.site_id,
    deviceId: r.device_id,
    staffId: r.staff_id,
    p256dh: r.p256dh,
    auth: r.auth,
    createdAt: r.created_at,
  };
}

export function toStaffKey(r: StaffKeyRow): StaffKeyRecord {
  return {
    siteId: r.site_id,
    staffId: r.staff_id,
    proofKey: r.proof_key.length === 0 ? null : new Uint8Array(r.proof_key),
    failedAt: parseTimes(r.failed_at),
    lockedUntil: r.locked_until,
    updatedAt: r.updated_at,
  };
}

/**
 * D5: the filter columns of a searched row's `search_rows` line, the same on both stores (each cuts
 * the searched text its own way: FTS5 tokens on SQLite, bigram and word columns on PostgreSQL).
 */
export interface SearchLine {
  at: number;
  staffId: string | null;
  kind: string | null;
  severity: string | null;
  status: string | null;
  /** Folded (traditional to simplified), as the queries are. */
  location: string | null;
}

export function searchLine(table: SearchTable, row: Record<string, unknown>): SearchLine {
  const at = row[SEARCH_TIME_FIELD[table]];
  const entry = table === 'logEntry';
  const location = entry ? text(row.location) : null;
  return {
    at: typeof at === 'number' ? at : 0,
    staffId: text(row[SEARCH_STAFF_FIELD[table]]),
    kind: entry ? text(row.kind) : null,
    severity: entry ? text(row.severity) : null,
    status: entry ? text(row.status) : null,
    location: location === null ? null : foldText(location),
  };
}

/** A non-empty string, else null. */
function text(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/** `failed_at` as stored: the numbers of a JSON array, anything else dropped. */
export function parseTimes(json: string): number[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((t): t is number => typeof t === 'number') : [];
}
