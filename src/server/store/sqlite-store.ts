/**
 * The embedded store: better-sqlite3 in WAL mode with prepared statements. One file per server.
 */
import Database from 'better-sqlite3';
import { ApiError } from '../api-error';
import type { SyncTable } from '../../domain/entities';
import { SearchIndex } from '../search/search-index';
import { runRowSearch, type RowSearch, type RowSearchHit } from '../search/search-query';
import { migrate, readMigrationFiles } from './migrations';
import { prepareStatements, toDevice, toStoredRow } from './sqlite-statements';
import { sqlitePushSubscriptions, type PushSubscriptionRecord, type PushSubscriptionStore } from './push-subscriptions';
import { sqliteDeviceAdmin, type DeviceAdminStore } from './device-admin';
import { sqliteStaffKeys, type StaffKeyStore } from './staff-keys';
import {
  assertIntact,
  checkReadWrite,
  guardStore,
  isCorruptionError,
  STORE_FAILED_MESSAGE,
  StoreCorruptError,
  StoreHealth,
} from './store-health';
import type {
  ArchiveRecord,
  ChainLink,
  DeviceOpRecord,
  DeviceRecord,
  EnrolmentCodeRecord,
  RawChange,
  RowLock,
  RowWrite,
  Store,
  StoredPhoto,
  StoredRow,
} from './store';

export interface OpenSqliteOptions {
  /** Time the migrations are recorded at (T1: injected, not read here). */
  nowMs: number;
  /** Directory of the .sql migrations; defaults to the ones shipped next to this module. */
  migrationsDir?: string;
}

/**
 * Open (and migrate) the SQLite database at `file`. Throws MigrationMismatchError when the
 * applied migrations and the files on disk disagree, StoreCorruptError when the file is not a
 * database or fails `PRAGMA quick_check` (issue 9 §8); the database is closed before the throw.
 * The store returned is guarded: a corruption error at run time stops its writes (store-health.ts).
 */
export function openSqliteStore(file: string, opts: OpenSqliteOptions): SqliteStore {
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw isCorruptionError(err) ? new StoreCorruptError(file, [(err as Error).message]) : err;
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Issue 9 §1: FULL, not NORMAL. With WAL + NORMAL a power loss can drop the last commits after
    // the server has acknowledged them to a tablet, which then forgets those ops (acknowledged work
    // lost, the same path as a restore). FULL syncs the WAL at every commit; measured no slower here.
    db.pragma('synchronous = FULL');
    // Issue 9 §8: a damaged file is refused before anything (a migration) writes into it.
    assertIntact(db, file);
    migrate(db, readMigrationFiles(opts.migrationsDir), opts.nowMs);
  } catch (err) {
    db.close();
    throw isCorruptionError(err) ? new StoreCorruptError(file, [(err as Error).message]) : err;
  }
  const unguarded = new SqliteStore(db);
  const store = guardStore(unguarded, unguarded.health);
  // D5: rows stored before the search index existed (migration 0005) are indexed once, at start.
  store.search.fillIfNeeded();
  return store;
}

/** Issue 9 §1: this database's generation id (migration 0007), read once when the store opens. */
function readGeneration(db: Database.Database): string {
  const row = db.prepare<[], { value: string }>("SELECT value FROM server_meta WHERE key = 'generation'").get();
  if (!row) throw new Error('the database has no generation (server_meta); migration 0007 did not run');
  return row.value;
}

export class SqliteStore implements Store {
  private readonly stmts: ReturnType<typeof prepareStatements>;
  private readonly seqStmt: Database.Statement<[string], { seq: number }>;
  /**
   * Issue 9 §1: read at open. A restore changes it only while the server is stopped
   * (src/server/store/backup.ts), so the value read here holds for the life of this store.
   */
  private readonly generationId: string;
  private readonly push: PushSubscriptionStore;
  /** The full-text index (D5), written in the same transaction as each row. */
  readonly search: SearchIndex;
  /** Issue 9 §3, §6: proof keys, lockouts and admin actions; the device list and revocation. */
  private readonly keys: StaffKeyStore;
  private readonly deviceAdmin: DeviceAdminStore;

  /** Issue 9 §8: a corruption met at run time (openSqliteStore guards every method with it). */
  readonly health = new StoreHealth();

  /** `db` is the underlying connection, exposed for benchmarks and tests that inspect the file. */
  constructor(readonly db: Database.Database) {
    this.stmts = prepareStatements(db);
    this.push = sqlitePushSubscriptions(db);
    this.search = new SearchIndex(db);
    this.keys = sqliteStaffKeys(db);
    this.deviceAdmin = sqliteDeviceAdmin(db);
    this.seqStmt = db.prepare('SELECT seq FROM site_seq WHERE site_id = ?');
    this.generationId = readGeneration(db);
    // Issue 9 §8: after a corruption error SQLite itself refuses every write, whoever asks (the
    // retention job, a backup's bookkeeping), not only the HTTP requests the app refuses with 503.
    this.health.onFailure(() => {
      if (db.open) db.pragma('query_only = ON');
    });
  }

  /** Issue 9 §8, deep health: a read and a write rolled back (store-health.ts). */
  checkReadWrite(): void {
    checkReadWrite(this.db);
  }

  generation(): string {
    return this.generationId;
  }

  siteSequence(siteId: string): number {
    return this.seqStmt.get(siteId)?.seq ?? 0;
  }

  transaction<T>(fn: () => T): T {
    // Issue 9 §8: nothing more is written into a file known to be damaged.
    if (this.health.failure) throw new ApiError('store_unavailable', STORE_FAILED_MESSAGE, this.health.failure);
    return this.db.transaction(fn).immediate();
  }

  savepoint<T>(fn: () => T): T {
    if (!this.db.inTransaction) throw new Error('savepoint outside a transaction');
    // better-sqlite3 runs a transaction function called inside another as SAVEPOINT / RELEASE,
    // and ROLLBACK TO on a throw.
    return this.db.transaction(fn)();
  }

  hasAnySite(): boolean {
    return this.stmts.anySite.get() !== undefined;
  }

  listSiteIds(): string[] {
    return this.stmts.siteIds.all().map((r) => r.id);
  }

  getRow(table: SyncTable, id: string): StoredRow | undefined {
    const r = this.stmts.getRow.get(table, id);
    return r ? toStoredRow(r) : undefined;
  }

  getRowSiteId(table: SyncTable, id: string): string | undefined {
    return this.stmts.getRowSite.get(table, id)?.site_id;
  }

  writeRow(w: RowWrite): number {
    const bumped = this.stmts.bumpSeq.get(w.siteId);
    if (!bumped) throw new Error(`could not bump the sequence of site ${w.siteId}`);
    this.stmts.upsertRow.run({
      siteId: w.siteId,
      table: w.table,
      id: w.id,
      data: JSON.stringify(w.row),
      versions: JSON.stringify(w.versions),
      updatedHlc: w.updatedHlc,
      seq: bumped.seq,
      deleted: w.deleted ? 1 : 0,
      receivedAt: w.receivedAt ?? null,
    });
    // D5: every write of an entry, amendment, task or note, by any path, updates the search index.
    this.search.indexRow(w);
    return bumped.seq;
  }

  listRows(siteId: string, table: SyncTable): StoredRow[] {
    return this.stmts.listRows.all(siteId, table).map(toStoredRow);
  }

  changesSince(siteId: string, cursor: number, limit: number): RawChange[] {
    return this.stmts.changes.all(siteId, cursor, limit).map((r) => ({
      seq: r.seq,
      table: r.tbl,
      id: r.id,
      dataJson: r.data,
      versionsJson: r.versions,
      receivedAt: r.received_at,
    }));
  }

  listLiveRowsWhere(siteId: string, table: SyncTable, field: string, value: string): StoredRow[] {
    if (!/^[A-Za-z]\w*$/.test(field)) throw new RangeError(`not a field name: ${field}`);
    return this.stmts.liveRowsWhere.all(siteId, table, `$.${field}`, value).map(toStoredRow);
  }

  openDuties(siteId: string): StoredRow[] {
    return this.stmts.openDuties.all(siteId).map(toStoredRow);
  }

  recordsAwaitingDuty(siteId: string): string[] {
    return this.stmts.recordsAwaitingDuty.all(siteId).map((r) => r.id);
  }

  insertDevice(d: DeviceRecord, tokenHash: string): void {
    this.stmts.insertDevice.run(
      d.id,
      d.siteId,
      d.name,
      tokenHash,
      d.revoked ? 1 : 0,
      d.lastCounter,
      d.createdAt,
      d.lastSeenAt,
      d.kind,
    );
  }

  getDevice(id: string): DeviceRecord | undefined {
    const r = this.stmts.getDevice.get(id);
    return r ? toDevice(r) : undefined;
  }

  getDeviceByTokenHash(tokenHash: string): DeviceRecord | undefined {
    const r = this.stmts.getDeviceByToken.get(tokenHash);
    return r ? toDevice(r) : undefined;
  }

  setDeviceCounter(deviceId: string, lastCounter: number): void {
    this.stmts.setCounter.run(lastCounter, deviceId);
  }

  touchDevice(deviceId: string, lastSeenAt: number): void {
    this.stmts.touchDevice.run(lastSeenAt, deviceId);
  }

  getDeviceClockOffset(deviceId: string): number | null {
    return this.stmts.getClockOffset.get(deviceId)?.clock_offset_ms ?? null;
  }

  setDeviceClockOffset(deviceId: string, offsetMs: number): void {
    this.stmts.setClockOffset.run(offsetMs, deviceId);
  }

  getDeviceOp(deviceId: string, counter: number): DeviceOpRecord | undefined {
    const r = this.stmts.getDeviceOp.get(deviceId, counter);
    if (!r) return undefined;
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

  insertDeviceOp(op: DeviceOpRecord): void {
    this.stmts.insertDeviceOp.run(
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
    );
  }

  insertEnrolmentCode(c: EnrolmentCodeRecord): void {
    this.stmts.insertCode.run(c.codeHash, c.siteId, c.createdBy, c.expiresAt, c.usedAt, c.usedByDevice, c.deviceKind);
  }

  getEnrolmentCode(codeHash: string): EnrolmentCodeRecord | undefined {
    const r = this.stmts.getCode.get(codeHash);
    if (!r) return undefined;
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

  markEnrolmentCodeUsed(codeHash: string, usedAt: number, deviceId: string): boolean {
    return this.stmts.useCode.run(usedAt, deviceId, codeHash).changes === 1;
  }

  lockRow(lock: RowLock): void {
    this.stmts.insertLock.run(lock.siteId, lock.table, lock.id, lock.recordId);
  }

  getLock(table: string, id: string): RowLock | undefined {
    const r = this.stmts.getLock.get(table, id);
    return r ? { siteId: r.site_id, table: r.tbl, id: r.id, recordId: r.record_id } : undefined;
  }

  addChainLink(siteId: string, hash: string, recordId: string): void {
    this.stmts.insertChain.run(siteId, hash, recordId);
  }

  getChainRecordId(siteId: string, hash: string): string | undefined {
    return this.stmts.getChain.get(siteId, hash)?.record_id;
  }

  putPhoto(p: StoredPhoto): 'created' | 'exists' {
    const blob = Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength);
    const res = this.stmts.insertPhoto.run(p.siteId, p.sha256, p.mime, p.bytes, blob, p.createdAt);
    return res.changes === 1 ? 'created' : 'exists';
  }

  getPhoto(siteId: string, sha256: string): StoredPhoto | undefined {
    const r = this.stmts.getPhoto.get(siteId, sha256);
    if (!r) return undefined;
    return {
      siteId: r.site_id,
      sha256: r.sha256,
      mime: r.mime,
      bytes: r.bytes,
      data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength),
      createdAt: r.created_at,
    };
  }

  savePushSubscription(s: PushSubscriptionRecord): void {
    this.push.savePushSubscription(s);
  }

  deletePushSubscription(siteId: string, endpoint: string): boolean {
    return this.push.deletePushSubscription(siteId, endpoint);
  }

  listPushSubscriptions(siteId: string, staffIds: readonly string[]): PushSubscriptionRecord[] {
    return this.push.listPushSubscriptions(siteId, staffIds);
  }

  notePushDelivery(endpoint: string, ok: boolean, nowMs: number): void {
    this.push.notePushDelivery(endpoint, ok, nowMs);
  }

  searchRows(search: RowSearch): RowSearchHit[] {
    return runRowSearch(this.db, search);
  }

  listChainLinks(siteId: string): ChainLink[] {
    return this.stmts.chainLinks.all(siteId).map((r) => ({ hash: r.hash, recordId: r.record_id }));
  }

  listArchives(siteId: string): ArchiveRecord[] {
    return this.stmts.archives.all(siteId).map((r) => ({
      id: r.id,
      siteId: r.site_id,
      throughMs: r.through_ms,
      file: r.file,
      sha256: r.sha256,
      rowCount: r.row_count,
      createdAt: r.created_at,
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  getStaffKey: StaffKeyStore['getStaffKey'] = (siteId, staffId) => this.keys.getStaffKey(siteId, staffId);
  putStaffKey: StaffKeyStore['putStaffKey'] = (...a) => this.keys.putStaffKey(...a);
  recordProofFailure: StaffKeyStore['recordProofFailure'] = (...a) => this.keys.recordProofFailure(...a);
  clearProofFailures: StaffKeyStore['clearProofFailures'] = (...a) => this.keys.clearProofFailures(...a);
  insertAdminAction: StaffKeyStore['insertAdminAction'] = (a) => this.keys.insertAdminAction(a);
  listDevices: DeviceAdminStore['listDevices'] = (siteId) => this.deviceAdmin.listDevices(siteId);
  revokeDevice: DeviceAdminStore['revokeDevice'] = (...a) => this.deviceAdmin.revokeDevice(...a);
  setDevicePendingOps: DeviceAdminStore['setDevicePendingOps'] = (...a) => this.deviceAdmin.setDevicePendingOps(...a);
}
