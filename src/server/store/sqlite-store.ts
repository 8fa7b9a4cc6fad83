/**
 * The embedded store: better-sqlite3 in WAL mode with prepared statements. One file per server,
 * one connection.
 *
 * Locks (issue 10 §2, docs/architecture.md "The store"): better-sqlite3 is synchronous, but the
 * contract is not: code inside `transaction` awaits, and while it waits other requests run on the
 * same connection. They must neither see nor join the transaction's uncommitted writes, so ONE
 * async mutex serialises every use of the connection: a transaction holds it from BEGIN IMMEDIATE
 * to COMMIT or ROLLBACK, and every read outside a transaction takes it for its one statement. The
 * building's write lock (`siteId`) is therefore the whole store's on SQLite; a PostgreSQL store
 * locks one building. A `Store` method called from inside the store's own transaction would wait
 * for that transaction forever: it throws instead (AsyncLocalStorage), naming the fix.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { ApiError } from '../api-error';
import type { SyncTable } from '../../domain/entities';
import type { RowSearch, RowSearchHit } from '../search/search-query';
import { migrate, readMigrationFiles } from './migrations';
import { prepareStatements } from './sqlite-statements';
import {
  deviceOpValues,
  sqliteRows,
  toArchive,
  toChainLink,
  toDeviceOp,
  toEnrolmentCode,
  toPhoto,
  toRawChange,
  toRowLock,
} from './store-rows';
import { SearchIndex, runRowSearch } from './sqlite-search';
import { Savepoints } from './savepoints';
import { sqlitePushSubscriptions, type PushSubscriptionRecord } from './push-subscriptions';
import { sqliteDeviceAdmin } from './device-admin';
import { sqliteStaffKeys, type AdminActionRecord } from './staff-keys';
import type { SharedState } from './shared-state';
import { sqliteSharedState } from './sqlite-shared-state';
import {
  assertIntact,
  checkReadWrite,
  guardStore,
  isCorruptionError,
  STORE_FAILED_MESSAGE,
  StoreCorruptError,
  StoreHealth,
} from './store-health';
import {
  ARCHIVED_PREFIX,
  type ArchiveRecord,
  type ArchiveWrite,
  type ChainLink,
  type DeviceOpRecord,
  type DeviceRecord,
  type EnrolmentCodeRecord,
  type RawChange,
  type RawRow,
  type RowLock,
  type RowWrite,
  type Store,
  type StoredPhoto,
  type PushRecord,
  type StoredRow,
  type StoreTx,
} from './store';

export interface OpenSqliteOptions {
  /** Time the migrations are recorded at (T1: injected, not read here). */
  nowMs: number;
  /** Directory of the .sql migrations; defaults to the ones shipped next to this module. */
  migrationsDir?: string;
}

/** What a Store method says when it is called from inside the same store's transaction. */
export const STORE_IN_TRANSACTION_MESSAGE =
  'a Store method was called inside a transaction of the same store: inside a transaction use tx (it would wait for itself)';

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
    // D5: rows stored before the search index existed (migration 0005) are indexed once, at open.
    new SearchIndex(db).fillIfNeeded();
  } catch (err) {
    db.close();
    throw isCorruptionError(err) ? new StoreCorruptError(file, [(err as Error).message]) : err;
  }
  const unguarded = new SqliteStore(db);
  return guardStore(unguarded, unguarded.health);
}

/** Issue 9 §1: this database's generation id (migration 0007), read once when the store opens. */
function readGeneration(db: Database.Database): string {
  const row = db.prepare<[], { value: string }>("SELECT value FROM server_meta WHERE key = 'generation'").get();
  if (!row) throw new Error('the database has no generation (server_meta); migration 0007 did not run');
  return row.value;
}

/** One use of the connection at a time, in arrival order (a promise chain). */
class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const before = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    return before.then(fn).finally(release);
  }
}

/** The transactions open in the current async context, one entry per store (its open flag). */
interface OpenTransaction {
  /** The store's connection (the same whether the store is reached through its guard or not). */
  connection: object;
  open: boolean;
}
const openTransactions = new AsyncLocalStorage<readonly OpenTransaction[]>();

/** The statements of one connection, shared by every transaction and read of the store. */
export interface Connection {
  db: Database.Database;
  stmts: ReturnType<typeof prepareStatements>;
  seq: Database.Statement<[string], { seq: number }>;
  search: SearchIndex;
  push: ReturnType<typeof sqlitePushSubscriptions>;
  keys: ReturnType<typeof sqliteStaffKeys>;
  deviceAdmin: ReturnType<typeof sqliteDeviceAdmin>;
}

/**
 * The reads and writes over the connection. One per transaction (`inTransaction`), and one for
 * the store's reads outside any; both only run while the store's mutex is held. Exported for the
 * test-support module sqlite-tamper.ts only (it makes a write fail as a damaged file would).
 */
export class SqliteTx implements StoreTx {
  private readonly savepoints = new Savepoints((sql) => {
    this.c.db.exec(sql);
  });
  /** False once the transaction has committed or rolled back: a kept `tx` refuses to run. */
  live = true;

  constructor(
    readonly c: Connection,
    private readonly inTransaction: boolean,
  ) {}

  private check(): void {
    if (!this.live) throw new Error('this transaction has ended: its tx can no longer be used');
  }

  private checkWrite(): void {
    this.check();
    if (!this.inTransaction) throw new Error('a store write outside a transaction (use store.transaction)');
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    this.checkWrite();
    return this.savepoints.run(fn);
  }

  async siteSequence(siteId: string): Promise<number> {
    this.check();
    return this.c.seq.get(siteId)?.seq ?? 0;
  }

  async hasAnySite(): Promise<boolean> {
    this.check();
    return this.c.stmts.anySite.get() !== undefined;
  }

  async listSiteIds(): Promise<string[]> {
    this.check();
    return this.c.stmts.siteIds.all().map((r) => r.id);
  }

  async getRow<T extends SyncTable>(siteId: string, table: T, id: string): Promise<StoredRow<T> | undefined> {
    this.check();
    const r = this.c.stmts.getRow.get(table, id, siteId);
    return r ? sqliteRows.storedRow<T>(r) : undefined;
  }

  async getRowSiteId(table: SyncTable, id: string): Promise<string | undefined> {
    this.check();
    return this.c.stmts.getRowSite.get(table, id)?.site_id;
  }

  async writeRow<T extends SyncTable>(w: RowWrite<T>): Promise<number> {
    this.checkWrite();
    const bumped = this.c.stmts.bumpSeq.get(w.siteId);
    if (!bumped) throw new Error(`could not bump the sequence of site ${w.siteId}`);
    const written = this.c.stmts.upsertRow.run({
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
    // A row id another building holds is never taken over (the upsert's WHERE): the write throws.
    if (written.changes !== 1) throw new Error(`could not write ${w.table} ${w.id} of site ${w.siteId}`);
    // D5: every write of an entry, amendment, task or note, by any path, updates the search index.
    this.c.search.indexRow({
      siteId: w.siteId,
      table: w.table,
      id: w.id,
      row: w.row as Record<string, unknown>,
      deleted: w.deleted,
    });
    return bumped.seq;
  }

  async listRows<T extends SyncTable>(siteId: string, table: T): Promise<StoredRow<T>[]> {
    this.check();
    return this.c.stmts.listRows.all(siteId, table).map((r) => sqliteRows.storedRow<T>(r));
  }

  async listRawRows(siteId: string): Promise<RawRow[]> {
    this.check();
    return this.c.stmts.listSiteRows.all(siteId).map(sqliteRows.rawRow);
  }

  async changesSince(siteId: string, cursor: number, limit: number): Promise<RawChange[]> {
    this.check();
    return this.c.stmts.changes.all(siteId, cursor, limit).map(toRawChange);
  }

  async pullPage(siteId: string, cursor: number, limit: number): Promise<{ sequence: number; changes: RawChange[] }> {
    // Both under the store's mutex: nothing is written between them.
    return { sequence: await this.siteSequence(siteId), changes: await this.changesSince(siteId, cursor, limit) };
  }

  async listLiveRowsWhere<T extends SyncTable>(
    siteId: string,
    table: T,
    field: string,
    value: string,
  ): Promise<StoredRow<T>[]> {
    this.check();
    if (!/^[A-Za-z]\w*$/.test(field)) throw new RangeError(`not a field name: ${field}`);
    return this.c.stmts.liveRowsWhere.all(siteId, table, `$.${field}`, value).map((r) => sqliteRows.storedRow<T>(r));
  }

  async openDuties(siteId: string): Promise<StoredRow<'duty'>[]> {
    this.check();
    return this.c.stmts.openDuties.all(siteId).map((r) => sqliteRows.storedRow<'duty'>(r));
  }

  async recordsAwaitingDuty(siteId: string): Promise<string[]> {
    this.check();
    return this.c.stmts.recordsAwaitingDuty.all(siteId).map((r) => r.id);
  }

  async insertDevice(d: DeviceRecord, tokenHash: string): Promise<void> {
    this.checkWrite();
    this.c.stmts.insertDevice.run(
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

  async getDevice(id: string): Promise<DeviceRecord | undefined> {
    this.check();
    const r = this.c.stmts.getDevice.get(id);
    return r ? sqliteRows.device(r) : undefined;
  }

  async getDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined> {
    this.check();
    const r = this.c.stmts.getDeviceByToken.get(tokenHash);
    return r ? sqliteRows.device(r) : undefined;
  }

  async recordPush(deviceId: string, push: PushRecord): Promise<void> {
    this.checkWrite();
    // Inside the caller's transaction: a throw part-way is rolled back with it.
    for (const op of push.outcomes) this.c.stmts.insertDeviceOp.run(...deviceOpValues(op));
    const updated = this.c.stmts.recordPush.run(push.lastCounter, push.lastSeenAt, push.clockOffsetMs, deviceId);
    if (updated.changes !== 1) throw new Error(`device ${deviceId} is unknown`);
  }

  async touchDevice(deviceId: string, lastSeenAt: number): Promise<void> {
    this.checkWrite();
    this.c.stmts.touchDevice.run(lastSeenAt, deviceId);
  }

  async getDeviceClockOffset(deviceId: string): Promise<number | null> {
    this.check();
    return this.c.stmts.getClockOffset.get(deviceId)?.clock_offset_ms ?? null;
  }

  async setDeviceClockOffset(deviceId: string, offsetMs: number): Promise<void> {
    this.checkWrite();
    this.c.stmts.setClockOffset.run(offsetMs, deviceId);
  }

  async getDeviceOp(deviceId: string, counter: number): Promise<DeviceOpRecord | undefined> {
    this.check();
    const r = this.c.stmts.getDeviceOp.get(deviceId, counter);
    return r ? toDeviceOp(r) : undefined;
  }

  async insertEnrolmentCode(c: EnrolmentCodeRecord): Promise<void> {
    this.checkWrite();
    this.c.stmts.insertCode.run(c.codeHash, c.siteId, c.createdBy, c.expiresAt, c.usedAt, c.usedByDevice, c.deviceKind);
  }

  async getEnrolmentCode(codeHash: string): Promise<EnrolmentCodeRecord | undefined> {
    this.check();
    const r = this.c.stmts.getCode.get(codeHash);
    return r ? toEnrolmentCode(r) : undefined;
  }

  async markEnrolmentCodeUsed(codeHash: string, usedAt: number, deviceId: string): Promise<boolean> {
    this.checkWrite();
    return this.c.stmts.useCode.run(usedAt, deviceId, codeHash).changes === 1;
  }

  async lockRow(lock: RowLock): Promise<void> {
    this.checkWrite();
    this.c.stmts.insertLock.run(lock.siteId, lock.table, lock.id, lock.recordId);
  }

  async getLock(siteId: string, table: string, id: string): Promise<RowLock | undefined> {
    this.check();
    const r = this.c.stmts.getLock.get(table, id, siteId);
    return r ? toRowLock(r) : undefined;
  }

  async listLocks(siteId: string): Promise<RowLock[]> {
    this.check();
    return this.c.stmts.siteLocks.all(siteId).map(toRowLock);
  }

  async addChainLink(siteId: string, hash: string, recordId: string): Promise<void> {
    this.checkWrite();
    this.c.stmts.insertChain.run(siteId, hash, recordId);
  }

  async getChainRecordId(siteId: string, hash: string): Promise<string | undefined> {
    this.check();
    return this.c.stmts.getChain.get(siteId, hash)?.record_id;
  }

  async putPhoto(p: StoredPhoto): Promise<'created' | 'exists'> {
    this.checkWrite();
    const blob = Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength);
    const res = this.c.stmts.insertPhoto.run(p.siteId, p.sha256, p.mime, p.bytes, blob, p.createdAt);
    return res.changes === 1 ? 'created' : 'exists';
  }

  async getPhoto(siteId: string, sha256: string): Promise<StoredPhoto | undefined> {
    this.check();
    const r = this.c.stmts.getPhoto.get(siteId, sha256);
    return r ? toPhoto(r) : undefined;
  }

  async archiveRows(a: ArchiveWrite): Promise<number> {
    this.checkWrite();
    const s = this.c.stmts;
    const archiveId = Number(
      s.insertArchive.run(a.siteId, a.throughMs, a.file, a.sha256, a.rowCount, a.createdAt).lastInsertRowid,
    );
    for (const hash of a.chainHashes) s.relabelChain.run(`${ARCHIVED_PREFIX}${String(archiveId)}`, a.siteId, hash);
    for (const l of a.locks) s.dropLock.run(l.table, l.id);
    for (const r of a.rows) s.dropRow.run(r.table, r.id, a.siteId);
    for (const sha of a.photoHashes) s.dropPhoto.run(a.siteId, sha);
    return archiveId;
  }

  async listChainLinks(siteId: string): Promise<ChainLink[]> {
    this.check();
    return this.c.stmts.chainLinks.all(siteId).map(toChainLink);
  }

  async listArchives(siteId: string): Promise<ArchiveRecord[]> {
    this.check();
    return this.c.stmts.archives.all(siteId).map(toArchive);
  }

  async searchRows(search: RowSearch): Promise<RowSearchHit[]> {
    this.check();
    return runRowSearch(this.c.db, search);
  }

  async savePushSubscription(s: PushSubscriptionRecord): Promise<void> {
    this.checkWrite();
    this.c.push.savePushSubscription(s);
  }

  async deletePushSubscription(siteId: string, endpoint: string): Promise<boolean> {
    this.checkWrite();
    return this.c.push.deletePushSubscription(siteId, endpoint);
  }

  async listPushSubscriptions(siteId: string, staffIds: readonly string[]): Promise<PushSubscriptionRecord[]> {
    this.check();
    return this.c.push.listPushSubscriptions(siteId, staffIds);
  }

  async notePushDelivery(endpoint: string, ok: boolean, nowMs: number): Promise<void> {
    this.checkWrite();
    this.c.push.notePushDelivery(endpoint, ok, nowMs);
  }

  async getStaffKey(siteId: string, staffId: string) {
    this.check();
    return this.c.keys.getStaffKey(siteId, staffId);
  }

  async putStaffKey(siteId: string, staffId: string, proofKey: Uint8Array, nowMs: number): Promise<void> {
    this.checkWrite();
    this.c.keys.putStaffKey(siteId, staffId, proofKey, nowMs);
  }

  async recordProofFailure(siteId: string, staffId: string, nowMs: number) {
    this.checkWrite();
    return this.c.keys.recordProofFailure(siteId, staffId, nowMs);
  }

  async clearProofFailures(siteId: string, staffId: string): Promise<void> {
    this.checkWrite();
    this.c.keys.clearProofFailures(siteId, staffId);
  }

  async insertAdminAction(a: AdminActionRecord): Promise<void> {
    this.checkWrite();
    this.c.keys.insertAdminAction(a);
  }

  async listDevices(siteId: string) {
    this.check();
    return this.c.deviceAdmin.listDevices(siteId);
  }

  async revokeDevice(siteId: string, deviceId: string, revokedAt: number, revokedBy: string): Promise<boolean> {
    this.checkWrite();
    return this.c.deviceAdmin.revokeDevice(siteId, deviceId, revokedAt, revokedBy);
  }

  async setDevicePendingOps(deviceId: string, pendingOps: number): Promise<void> {
    this.checkWrite();
    this.c.deviceAdmin.setDevicePendingOps(deviceId, pendingOps);
  }
}

export class SqliteStore implements Store {
  private readonly c: Connection;
  private readonly mutex = new AsyncMutex();
  /** Runs the reads made outside a transaction (always under the mutex). */
  private readonly reader: SqliteTx;
  /**
   * Issue 9 §1: read at open. A restore changes it only while the server is stopped
   * (src/server/store/backup.ts), so the value read here holds for the life of this store.
   */
  private readonly generationId: string;

  /** Issue 9 §8: a corruption met at run time (openSqliteStore guards every method with it). */
  readonly health = new StoreHealth();
  /** Issue 10 §4: rate buckets and leases (one process holds the file, so nothing is shared). */
  readonly shared: SharedState;

  /**
   * `db` is the underlying connection. Only src/server/store uses it (eslint keeps SQL there): the
   * backup and restore, and the test-support modules (sqlite-inspect.ts, sqlite-tamper.ts).
   */
  constructor(readonly db: Database.Database) {
    this.c = {
      db,
      stmts: prepareStatements(db),
      seq: db.prepare('SELECT seq FROM site_seq WHERE site_id = ?'),
      search: new SearchIndex(db),
      push: sqlitePushSubscriptions(db),
      keys: sqliteStaffKeys(db),
      deviceAdmin: sqliteDeviceAdmin(db),
    };
    this.reader = new SqliteTx(this.c, false);
    this.shared = guardStore(
      sqliteSharedState(db, (fn) => this.exclusive(fn)),
      this.health,
    );
    this.generationId = readGeneration(db);
    // Issue 9 §8: after a corruption error SQLite itself refuses every write, whoever asks (the
    // retention job, a backup's bookkeeping), not only the HTTP requests the app refuses with 503.
    this.health.onFailure(() => {
      if (db.open) db.pragma('query_only = ON');
    });
  }

  /** Throws when called from inside this store's own open transaction (it would wait for itself). */
  private notInOwnTransaction(): void {
    const open = openTransactions.getStore();
    if (open?.some((t) => t.connection === this.c && t.open)) throw new Error(STORE_IN_TRANSACTION_MESSAGE);
  }

  /**
   * Run a read (or the backup's copy) on the connection with no transaction open: it waits for a
   * running transaction to end, so it sees committed data only. Only src/server/store uses it.
   */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    this.notInOwnTransaction();
    return this.mutex.run(fn);
  }

  private read<T>(fn: (tx: SqliteTx) => Promise<T>): Promise<T> {
    this.notInOwnTransaction();
    return this.mutex.run(() => fn(this.reader));
  }

  transaction<T>(siteId: string | null, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    this.notInOwnTransaction();
    return this.mutex.run(async () => {
      // Issue 9 §8: nothing more is written into a file known to be damaged.
      if (this.health.failure) throw new ApiError('store_unavailable', STORE_FAILED_MESSAGE, this.health.failure);
      const raw = new SqliteTx(this.c, true);
      // A corruption error met inside is marked even when the caller catches it (per-op refusal).
      const tx = guardStore(raw, this.health);
      const mark: OpenTransaction = { connection: this.c, open: true };
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await openTransactions.run([...(openTransactions.getStore() ?? []), mark], () => fn(tx));
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      } finally {
        mark.open = false;
        raw.live = false;
      }
    });
  }

  /** Issue 9 §8, deep health: a read and a write rolled back (store-health.ts). */
  checkReadWrite(): Promise<void> {
    return this.exclusive(() => checkReadWrite(this.db));
  }

  generation(): string {
    return this.generationId;
  }

  close(): Promise<void> {
    return this.exclusive(() => {
      if (this.db.open) this.db.close();
    });
  }

  siteSequence(siteId: string) {
    return this.read((r) => r.siteSequence(siteId));
  }
  hasAnySite() {
    return this.read((r) => r.hasAnySite());
  }
  listSiteIds() {
    return this.read((r) => r.listSiteIds());
  }
  getRow<T extends SyncTable>(siteId: string, table: T, id: string) {
    return this.read((r) => r.getRow(siteId, table, id));
  }
  getRowSiteId(table: SyncTable, id: string) {
    return this.read((r) => r.getRowSiteId(table, id));
  }
  listRows<T extends SyncTable>(siteId: string, table: T) {
    return this.read((r) => r.listRows(siteId, table));
  }
  listRawRows(siteId: string) {
    return this.read((r) => r.listRawRows(siteId));
  }
  changesSince(siteId: string, cursor: number, limit: number) {
    return this.read((r) => r.changesSince(siteId, cursor, limit));
  }
  pullPage(siteId: string, cursor: number, limit: number) {
    return this.read((r) => r.pullPage(siteId, cursor, limit));
  }
  listLiveRowsWhere<T extends SyncTable>(siteId: string, table: T, field: string, value: string) {
    return this.read((r) => r.listLiveRowsWhere(siteId, table, field, value));
  }
  openDuties(siteId: string) {
    return this.read((r) => r.openDuties(siteId));
  }
  recordsAwaitingDuty(siteId: string) {
    return this.read((r) => r.recordsAwaitingDuty(siteId));
  }
  getDevice(id: string) {
    return this.read((r) => r.getDevice(id));
  }
  getDeviceByTokenHash(tokenHash: string) {
    return this.read((r) => r.getDeviceByTokenHash(tokenHash));
  }
  getDeviceClockOffset(deviceId: string) {
    return this.read((r) => r.getDeviceClockOffset(deviceId));
  }
  getDeviceOp(deviceId: string, counter: number) {
    return this.read((r) => r.getDeviceOp(deviceId, counter));
  }
  getEnrolmentCode(codeHash: string) {
    return this.read((r) => r.getEnrolmentCode(codeHash));
  }
  getLock(siteId: string, table: string, id: string) {
    return this.read((r) => r.getLock(siteId, table, id));
  }
  listLocks(siteId: string) {
    return this.read((r) => r.listLocks(siteId));
  }
  getChainRecordId(siteId: string, hash: string) {
    return this.read((r) => r.getChainRecordId(siteId, hash));
  }
  listChainLinks(siteId: string) {
    return this.read((r) => r.listChainLinks(siteId));
  }
  listArchives(siteId: string) {
    return this.read((r) => r.listArchives(siteId));
  }
  getPhoto(siteId: string, sha256: string) {
    return this.read((r) => r.getPhoto(siteId, sha256));
  }
  searchRows(search: RowSearch) {
    return this.read((r) => r.searchRows(search));
  }
  listPushSubscriptions(siteId: string, staffIds: readonly string[]) {
    return this.read((r) => r.listPushSubscriptions(siteId, staffIds));
  }
  getStaffKey(siteId: string, staffId: string) {
    return this.read((r) => r.getStaffKey(siteId, staffId));
  }
  listDevices(siteId: string) {
    return this.read((r) => r.listDevices(siteId));
  }
}
