/**
 * The storage contract the server's services use (STYLE.md: storage behind one declared
 * contract): asynchronous and transaction-scoped, so an embedded SQLite file and a PostgreSQL
 * server implement the same one (issue 10 §2). `sqlite-store.ts` implements it with
 * better-sqlite3. No SQL is written outside src/server/store (eslint: no-restricted-imports).
 */
import type { DeviceKind } from '../../domain/api';
import type { EntityByTable, SyncTable } from '../../domain/entities';
import type { DeviceAdminReads, DeviceAdminWrites } from './device-admin';
import type { PushSubscriptionReads, PushSubscriptionWrites } from './push-subscriptions';
import type { SharedState } from './shared-state';
import type { StoreHealth } from './store-health';
import type { RowSearch, RowSearchHit } from '../search/search-query';
import type { StaffKeyReads, StaffKeyWrites } from './staff-keys';

/**
 * The row type of table `T` as read: its entity (EntityByTable), so `getRow(siteId, 'staff', id)`
 * reads a Staff with no cast, and a record too, so code that applies any table's op generically
 * (field by field, `op.table`) reads any field as `unknown`.
 */
export type RowOf<T extends SyncTable> = EntityByTable[T] & Record<string, unknown>;

/**
 * The row type of table `T` as written: its entity when the table is known where it is written, a
 * record when it is any table (`op.table`: the row was checked by the table's schema before).
 */
export type WriteRowOf<T extends SyncTable> = [SyncTable] extends [T] ? Record<string, unknown> : EntityByTable[T];

/**
 * A synced row as stored: the entity JSON, its per-field versions and the building sequence.
 * `row` is typed by the table (RowOf); the store does not validate it on read: what it holds was
 * validated by the op or server write that stored it.
 */
export interface StoredRow<T extends SyncTable = SyncTable> {
  siteId: string;
  table: T;
  id: string;
  row: RowOf<T>;
  versions: Record<string, number>;
  updatedHlc: string;
  seq: number;
  deleted: boolean;
  /** T1: when the server first received the row (server clock); null for rows stored before v3. */
  receivedAt: number | null;
}

/**
 * What a write supplies; the store assigns `seq`. `receivedAt` is the receipt time of the op that
 * writes it: stored on the row's first write and kept by later ones (first receipt, T1).
 */
export interface RowWrite<T extends SyncTable = SyncTable> {
  siteId: string;
  table: T;
  id: string;
  row: WriteRowOf<T>;
  versions: Record<string, number>;
  updatedHlc: string;
  deleted: boolean;
  receivedAt?: number;
}

/** A stored row with its JSON left as text (retention copies it to an archive file unchanged). */
export interface RawRow {
  table: string;
  id: string;
  dataJson: string;
  versionsJson: string;
  updatedHlc: string;
  seq: number;
  deleted: boolean;
  receivedAt: number | null;
}

/**
 * A pulled change with the row and versions left as the JSON text the store holds, so a pull page
 * of a thousand rows is not parsed and re-serialised (bench: 20,000 changes).
 */
export interface RawChange {
  seq: number;
  table: string;
  id: string;
  dataJson: string;
  versionsJson: string;
  receivedAt: number | null;
}

export interface DeviceRecord {
  id: string;
  siteId: string;
  name: string;
  revoked: boolean;
  lastCounter: number;
  createdAt: number;
  lastSeenAt: number | null;
  /** Issue 8: a desk tablet or an office device (migration 0004; older devices are desk). */
  kind: DeviceKind;
}

export type StoredOpStatus = 'applied' | 'rejected' | 'conflict';

/** What the end of a push stores (StoreWrites.recordPush). */
export interface PushRecord {
  outcomes: readonly DeviceOpRecord[];
  lastCounter: number;
  lastSeenAt: number;
  clockOffsetMs: number | null;
}

/** The stored outcome of one op of one device, keyed by (deviceId, counter). */
export interface DeviceOpRecord {
  deviceId: string;
  counter: number;
  opHash: string;
  status: StoredOpStatus;
  code: string | null;
  message: string | null;
  /** T1: when the server received the op (null for ops stored before v3). */
  receivedAt: number | null;
  /** The tablet's own clock when it made the op (`Op.deviceTime`; null before v3). */
  deviceTime: number | null;
  /** Issue 9 §6: the op's actor and target row, so every privileged write names its device. */
  actorStaffId?: string | null;
  table?: string | null;
  rowId?: string | null;
}

export interface EnrolmentCodeRecord {
  codeHash: string;
  siteId: string;
  createdBy: string;
  expiresAt: number;
  usedAt: number | null;
  usedByDevice: string | null;
  /** Issue 8: what the code enrols, a desk tablet or an office device. */
  deviceKind: DeviceKind;
}

/** A row locked by a signed handover record (H3): `table` is 'handover' or 'duty'. */
export interface RowLock {
  siteId: string;
  table: string;
  id: string;
  /** The handoverRecord that locked it. */
  recordId: string;
}

/** The bytes of one photo of a building, content-addressed by their SHA-256. */
export interface StoredPhoto {
  siteId: string;
  sha256: string;
  mime: string;
  bytes: number;
  data: Uint8Array;
  createdAt: number;
}

/**
 * Everything a store can read. `Store` offers these outside a transaction (each read sees only
 * committed data); `StoreTx` offers them inside one (they see the transaction's own writes).
 * Every read of building data names the building: a row of building A is never returned for B.
 */
export interface StoreReads extends PushSubscriptionReads, StaffKeyReads, DeviceAdminReads {
  /** Issue 9 §1: the building's current sequence (the highest `seq` a pull can return); 0 if none. */
  siteSequence(siteId: string): Promise<number>;
  /** Whether any building exists (first-run setup is allowed only when none does). */
  hasAnySite(): Promise<boolean>;
  /** The ids of every building, oldest first. */
  listSiteIds(): Promise<string[]>;

  /** The row `id` of `table` if building `siteId` holds it (a row of another building: undefined). */
  getRow<T extends SyncTable>(siteId: string, table: T, id: string): Promise<StoredRow<T> | undefined>;
  /** The building a row belongs to, without reading the row (the per-op ownership check). */
  getRowSiteId(table: SyncTable, id: string): Promise<string | undefined>;
  /** Every row of one table of one building, tombstones included, in sequence order. */
  listRows<T extends SyncTable>(siteId: string, table: T): Promise<StoredRow<T>[]>;
  /** Every row of a building, every table, tombstones included, JSON as text, in sequence order. */
  listRawRows(siteId: string): Promise<RawRow[]>;
  /** At most `limit` changes of a building with `seq > cursor`, in sequence order. */
  changesSince(siteId: string, cursor: number, limit: number): Promise<RawChange[]>;
  /**
   * A pull's page in one read: the building's sequence (its last seq, 0 when nothing is written)
   * and `changesSince(siteId, cursor, limit)`, as of one moment.
   */
  pullPage(siteId: string, cursor: number, limit: number): Promise<{ sequence: number; changes: RawChange[] }>;
  /**
   * The live (not deleted) rows of one table of a building whose JSON field `field` holds the
   * string `value`, in sequence order: the open entries or tasks the handover gate reads (H11, H4)
   * without parsing a building's whole history. @throws RangeError when `field` is not a name.
   */
  listLiveRowsWhere<T extends SyncTable>(
    siteId: string,
    table: T,
    field: string,
    value: string,
  ): Promise<StoredRow<T>[]>;
  /** The building's live duties with no end (H3: at most one). */
  openDuties(siteId: string): Promise<StoredRow<'duty'>[]>;
  /**
   * The ids of the building's signed records (not addenda) whose new duty has not arrived yet:
   * the desk is taken by them although no duty is open (H3, S1).
   */
  recordsAwaitingDuty(siteId: string): Promise<string[]>;

  getDevice(id: string): Promise<DeviceRecord | undefined>;
  getDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined>;
  /** T1: the device's clock offset (server minus device) learned at its last push that sent `deviceNow`. */
  getDeviceClockOffset(deviceId: string): Promise<number | null>;
  /** The stored outcome of op `counter` of a device (exactly-once: a resent op gets it back). */
  getDeviceOp(deviceId: string, counter: number): Promise<DeviceOpRecord | undefined>;
  getEnrolmentCode(codeHash: string): Promise<EnrolmentCodeRecord | undefined>;

  /** The lock of building `siteId` on a row (H3), if a signed record took one. */
  getLock(siteId: string, table: string, id: string): Promise<RowLock | undefined>;
  /** Every row lock of a building (retention archives the locks of the rows it moves). */
  listLocks(siteId: string): Promise<RowLock[]>;
  /** The id of the building's record with this hash, if the chain holds it. */
  getChainRecordId(siteId: string, hash: string): Promise<string | undefined>;
  /** D5: every hash of the building's chain with the record it names (`archive:<n>` once archived). */
  listChainLinks(siteId: string): Promise<ChainLink[]>;
  /** D5: the building's archive runs (retention), oldest first. */
  listArchives(siteId: string): Promise<ArchiveRecord[]>;

  getPhoto(siteId: string, sha256: string): Promise<StoredPhoto | undefined>;

  /**
   * D5: one page of a full-text search of a building's entries, amendments, tasks and notes,
   * newest first. The index is kept in step by `writeRow`, in the same transaction (SQLite: FTS5
   * over pre-tokenised text; the query's parsing is src/server/search/search-query.ts).
   */
  searchRows(search: RowSearch): Promise<RowSearchHit[]>;
}

/** Everything a store can write: only inside a transaction (`StoreTx`). */
export interface StoreWrites extends PushSubscriptionWrites, StaffKeyWrites, DeviceAdminWrites {
  /** Insert or replace a row, bumping its building's sequence; returns the new `seq`. */
  writeRow<T extends SyncTable>(write: RowWrite<T>): Promise<number>;

  insertDevice(device: DeviceRecord, tokenHash: string): Promise<void>;
  touchDevice(deviceId: string, lastSeenAt: number): Promise<void>;
  setDeviceClockOffset(deviceId: string, offsetMs: number): Promise<void>;
  /**
   * The end of a push, in one write (issue 11 §4): the outcomes of its new ops, the device's last
   * applied counter, when it was last seen, and (T1) the clock offset the push taught, if any (null
   * keeps the stored one). (deviceId, counter) is unique: an outcome already stored throws, and
   * nothing of the push is stored.
   */
  recordPush(deviceId: string, push: PushRecord): Promise<void>;

  insertEnrolmentCode(code: EnrolmentCodeRecord): Promise<void>;
  /** Marks a code used; false when it was already used (the one-time guarantee). */
  markEnrolmentCodeUsed(codeHash: string, usedAt: number, deviceId: string): Promise<boolean>;

  /** Lock a row for good (H3). Throws if it is already locked: callers check `getLock` first. */
  lockRow(lock: RowLock): Promise<void>;
  /** Add a signed record's hash to its building's chain. */
  addChainLink(siteId: string, hash: string, recordId: string): Promise<void>;

  /** Store photo bytes once per building; 'exists' (nothing written) when that hash is already held. */
  putPhoto(photo: StoredPhoto): Promise<'created' | 'exists'>;

  /**
   * D5 retention: record one archive file and remove what it holds: the chain links of its signed
   * records are re-labelled `archive:<id>`, its rows, their locks and the photo bytes no staying row
   * names are deleted (not tombstoned). Returns the new archive id.
   */
  archiveRows(archive: ArchiveWrite): Promise<number>;
}

/**
 * One write transaction (`Store.transaction`). Code inside a transaction uses only its `tx`,
 * never the `Store`: on SQLite the store's other methods wait for the transaction to end, so a
 * call to them from inside it would never return (the store throws instead).
 */
export interface StoreTx extends StoreReads, StoreWrites {
  /**
   * Issue 9 §5: run `fn` inside this transaction as a SAVEPOINT: a throw rolls back only what
   * `fn` wrote, and rethrows. One op of a push applies in one, so an unexpected failure refuses
   * that op alone. Savepoints nest.
   */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * The storage contract (STYLE.md: storage behind one declared contract). `sqlite-store.ts`
 * implements it over one better-sqlite3 connection; a PostgreSQL store implements the same
 * contract and passes the same suite (tests/unit/server/store-contract.ts).
 *
 * Locks (docs/architecture.md "The store"): every write runs in `transaction(siteId, fn)`, which
 * holds the building's write lock for its whole length, so two pushes of one building never
 * interleave and a building's `seq` is handed out in commit order (no change is committed behind a
 * cursor a reader already passed). `siteId` null takes the store-wide lock (first-run setup,
 * work across buildings). On SQLite every lock is the one connection's: the transaction is BEGIN
 * IMMEDIATE under one async mutex that every other use of the connection (reads too) waits for.
 */
export interface Store extends StoreReads {
  /**
   * Run `fn` in one write transaction holding the write lock of building `siteId` (null: the
   * store-wide lock). It commits when `fn`'s promise resolves and rolls back when it rejects
   * (the rejection goes on to the caller). Refused (ApiError store_unavailable) once the store
   * has met a corruption (issue 9 §8).
   */
  transaction<T>(siteId: string | null, fn: (tx: StoreTx) => Promise<T>): Promise<T>;

  /**
   * Issue 9 §1: the database's generation id (docs/architecture.md "Restores"), read when the store
   * opens; new at creation and at every restore. Every API response carries it (GENERATION_HEADER).
   */
  generation(): string;

  /** Issue 9 §8: whether a corruption error stopped the store (store-health.ts). */
  readonly health: StoreHealth;
  /**
   * Issue 10 §4: what every server process of this database shares (rate limits, job leases),
   * each call one atomic statement outside any transaction (shared-state.ts).
   */
  readonly shared: SharedState;
  /** Issue 9 §8: a read and a write in a transaction rolled back (deep health); rejects on failure. */
  checkReadWrite(): Promise<void>;

  /** Close the connection(s); waits for a running transaction to end. */
  close(): Promise<void>;
}

/** What `archiveRows` records (its `archives` row, but for the id it is given) and removes (all of one building). */
export interface ArchiveWrite extends Omit<ArchiveRecord, 'id'> {
  /** The chain hashes of the archived signed records, re-labelled `archive:<id>`. */
  chainHashes: string[];
  /** The rows removed. */
  rows: { table: string; id: string }[];
  /** The locks removed (the archived rows' own and those their records hold). */
  locks: { table: string; id: string }[];
  /** The photo bytes removed (no staying photo row names them). */
  photoHashes: string[];
}

/** The record id a chain link takes once its record is archived: `archive:<archive id>` (D5). */
export const ARCHIVED_PREFIX = 'archive:';

/**
 * One link of a building's chain. `recordId` is the signed row's id, or `archive:<n>` once the
 * record was moved to the archive file of `archives` row n (D5, src/server/retention).
 */
export interface ChainLink {
  hash: string;
  recordId: string;
}

/** D5: one archive run that moved a building's old records to a file before removing them. */
export interface ArchiveRecord {
  id: number;
  siteId: string;
  /** Everything archived was older than this cut (UTC epoch ms). */
  throughMs: number;
  file: string;
  sha256: string;
  rowCount: number;
  createdAt: number;
}

/**
 * The synchronous shape of an asynchronous part of the contract: what the SQLite store's
 * statements implement before the store wraps them (better-sqlite3 is synchronous).
 */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};
