/**
 * The storage contract the server's services use (STYLE.md: storage behind one declared
 * contract). `sqlite-store.ts` implements it with better-sqlite3. The methods are synchronous
 * because the embedded store is; every multi-step write runs inside `transaction`.
 */
import type { DeviceKind } from '../../domain/api';
import type { SyncTable } from '../../domain/entities';
import type { DeviceAdminStore } from './device-admin';
import type { PushSubscriptionStore } from './push-subscriptions';
import type { StoreHealth } from './store-health';
import type { RowSearch, RowSearchHit } from '../search/search-query';
import type { StaffKeyStore } from './staff-keys';

/** A synced row as stored: the entity JSON, its per-field versions and the building sequence. */
export interface StoredRow {
  siteId: string;
  table: SyncTable;
  id: string;
  row: Record<string, unknown>;
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
export type RowWrite = Omit<StoredRow, 'seq' | 'receivedAt'> & { receivedAt?: number };

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

export interface Store extends PushSubscriptionStore, StaffKeyStore, DeviceAdminStore {
  /**
   * Run `fn` in one write transaction that holds the database's write lock from the start
   * (BEGIN IMMEDIATE), so two pushes never interleave. A throw rolls everything back.
   */
  transaction<T>(fn: () => T): T;
  /**
   * Issue 9 §5: run `fn` inside the current transaction as a SAVEPOINT: a throw rolls back only
   * what `fn` wrote, and rethrows. One op of a push applies in one, so an unexpected failure
   * refuses that op alone. @throws Error when no transaction is open (a wiring bug).
   */
  savepoint<T>(fn: () => T): T;

  /**
   * Issue 9 §1: the database's generation id (docs/architecture.md "Restores"), new at creation
   * and at every restore. Every API response carries it (GENERATION_HEADER).
   */
  generation(): string;
  /** Issue 9 §1: the building's current sequence (the highest `seq` a pull can return); 0 if none. */
  siteSequence(siteId: string): number;

  /** Whether any building exists (first-run setup is allowed only when none does). */
  hasAnySite(): boolean;
  /** The ids of every building, oldest first. */
  listSiteIds(): string[];

  getRow(table: SyncTable, id: string): StoredRow | undefined;
  /** The building a row belongs to, without reading the row (the per-op ownership check). */
  getRowSiteId(table: SyncTable, id: string): string | undefined;
  /** Insert or replace a row, bumping its building's sequence; returns the new `seq`. */
  writeRow(write: RowWrite): number;
  /** Every row of one table of one building, tombstones included, in sequence order. */
  listRows(siteId: string, table: SyncTable): StoredRow[];
  /** At most `limit` changes of a building with `seq > cursor`, in sequence order. */
  changesSince(siteId: string, cursor: number, limit: number): RawChange[];
  /**
   * The live (not deleted) rows of one table of a building whose JSON field `field` holds the
   * string `value`, in sequence order: the open entries or tasks the handover gate reads (H11, H4)
   * without parsing a building's whole history.
   */
  listLiveRowsWhere(siteId: string, table: SyncTable, field: string, value: string): StoredRow[];
  /** The building's live duties with no end (H3: at most one). */
  openDuties(siteId: string): StoredRow[];
  /**
   * The ids of the building's signed records (not addenda) whose new duty has not arrived yet:
   * the desk is taken by them although no duty is open (H3, S1).
   */
  recordsAwaitingDuty(siteId: string): string[];

  insertDevice(device: DeviceRecord, tokenHash: string): void;
  getDevice(id: string): DeviceRecord | undefined;
  getDeviceByTokenHash(tokenHash: string): DeviceRecord | undefined;
  setDeviceCounter(deviceId: string, lastCounter: number): void;
  touchDevice(deviceId: string, lastSeenAt: number): void;
  /** T1: the device's clock offset (server minus device) learned at its last push that sent `deviceNow`. */
  getDeviceClockOffset(deviceId: string): number | null;
  setDeviceClockOffset(deviceId: string, offsetMs: number): void;

  getDeviceOp(deviceId: string, counter: number): DeviceOpRecord | undefined;
  insertDeviceOp(op: DeviceOpRecord): void;

  insertEnrolmentCode(code: EnrolmentCodeRecord): void;
  getEnrolmentCode(codeHash: string): EnrolmentCodeRecord | undefined;
  /** Marks a code used; false when it was already used (the one-time guarantee). */
  markEnrolmentCodeUsed(codeHash: string, usedAt: number, deviceId: string): boolean;

  /** Lock a row for good (H3). Throws if it is already locked: callers check `getLock` first. */
  lockRow(lock: RowLock): void;
  getLock(table: string, id: string): RowLock | undefined;

  /** Add a signed record's hash to its building's chain. */
  addChainLink(siteId: string, hash: string, recordId: string): void;
  /** The id of the building's record with this hash, if the chain holds it. */
  getChainRecordId(siteId: string, hash: string): string | undefined;

  /** Store photo bytes once per building; 'exists' (nothing written) when that hash is already held. */
  putPhoto(photo: StoredPhoto): 'created' | 'exists';
  getPhoto(siteId: string, sha256: string): StoredPhoto | undefined;

  /**
   * D5: one page of a full-text search of a building's entries, amendments, tasks and notes,
   * newest first. The index is kept in step by `writeRow` (src/server/search/search-index.ts).
   */
  searchRows(search: RowSearch): RowSearchHit[];
  /** D5: every hash of the building's chain with the record it names (`archive:<n>` once archived). */
  listChainLinks(siteId: string): ChainLink[];
  /** D5: the building's archive runs (retention), oldest first. */
  listArchives(siteId: string): ArchiveRecord[];

  close(): void;

  /** Issue 9 §8: whether a corruption error stopped the store (store-health.ts). */
  readonly health: StoreHealth;
  /** Issue 9 §8: a read and a write in a transaction rolled back (deep health); throws on failure. */
  checkReadWrite(): void;
}

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
