/**
 * Test support only: what a test does to a SQLite store behind the server's back, to prove the
 * server notices (a signed row altered, a chain link removed, a page of the file damaged). Named
 * operations, so no test writes SQL (issue 10 §2: SQL lives only in src/server/store). Nothing in
 * the server uses this module.
 */
import Database from 'better-sqlite3';
import type { SyncTable } from '../../domain/entities';
import { SqliteTx, type SqliteStore } from './sqlite-store';
import type { RowWrite } from './store';

/** Set one field of a row's stored JSON (any building), without a new sequence or version. */
export function tamperRowField(store: SqliteStore, id: string, field: string, value: unknown): void {
  if (!/^[A-Za-z]\w*$/.test(field)) throw new RangeError(`not a field name: ${field}`);
  store.db
    .prepare('UPDATE rows SET data = json_set(data, ?, json(?)) WHERE id = ?')
    .run(`$.${field}`, JSON.stringify(value), id);
}

/** Remove a row outright (not a tombstone). */
export function tamperDeleteRow(store: SqliteStore, id: string): void {
  store.db.prepare('DELETE FROM rows WHERE id = ?').run(id);
}

/** Move a row to another sequence number. */
export function tamperRowSeq(store: SqliteStore, id: string, seq: number): void {
  store.db.prepare('UPDATE rows SET seq = ? WHERE id = ?').run(seq, id);
}

/** Remove a record's chain link. */
export function tamperDeleteChainLink(store: SqliteStore, recordId: string): void {
  store.db.prepare('DELETE FROM chain WHERE record_id = ?').run(recordId);
}

/** Remove a person's proof key (a hash from before issue 9, with no key yet). */
export function tamperDeleteStaffKey(store: SqliteStore, staffId: string): void {
  store.db.prepare('DELETE FROM staff_keys WHERE staff_id = ?').run(staffId);
}

/** Empty the search index and mark it unfilled, as a database from before migration 0005 holds it. */
export function tamperEmptySearchIndex(store: SqliteStore): void {
  store.db.exec('DELETE FROM search_fts; DELETE FROM search_rows; UPDATE search_state SET filled = 0');
}

/** Fold the WAL into the file (`PRAGMA wal_checkpoint(TRUNCATE)`). */
export function checkpointWal(store: SqliteStore): void {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Stop automatic checkpoints, so the WAL keeps what is written (a backup must fold it in). */
export function holdWal(store: SqliteStore): void {
  store.db.pragma('wal_autocheckpoint = 0');
}

/** Drop the pages SQLite holds in memory, as memory pressure would. */
export function dropPageCache(store: SqliteStore): void {
  store.db.pragma('shrink_memory');
}

/** Change the checksum a database file records for migration `id` (a file edited after it was applied). */
export function tamperMigrationChecksum(file: string, id: number, checksum: string): void {
  const db = new Database(file);
  try {
    db.prepare('UPDATE __migrations__ SET checksum = ? WHERE id = ?').run(checksum, id);
  } finally {
    db.close();
  }
}

/**
 * From now on every row write of `store` throws SQLite's SQLITE_CORRUPT while `failing()` says so,
 * as a damaged file would in the middle of a push. Returns the undo.
 */
export function failRowWrites(store: SqliteStore, failing: () => boolean): () => void {
  const original = Object.getOwnPropertyDescriptor(SqliteTx.prototype, 'writeRow')?.value as (
    this: SqliteTx,
    w: RowWrite<SyncTable>,
  ) => Promise<number>;
  const db = store.db;
  SqliteTx.prototype.writeRow = function (this: SqliteTx, w: RowWrite<SyncTable>): Promise<number> {
    if (this.c.db === db && failing()) {
      return Promise.reject(new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT'));
    }
    return original.call(this, w);
  } as SqliteTx['writeRow'];
  return () => {
    SqliteTx.prototype.writeRow = original as SqliteTx['writeRow'];
  };
}

/** Record a migration this build does not ship (a database a newer build migrated). */
export function tamperAddMigrationRecord(file: string, id: number, name: string): void {
  const db = new Database(file);
  try {
    db.prepare("INSERT INTO __migrations__ (id, name, checksum, applied_at) VALUES (?, ?, 'x', 1)").run(id, name);
  } finally {
    db.close();
  }
}

/**
 * Issue 10 §6: a device counter that is not a number (SQLite keeps whatever it is given), which
 * PostgreSQL's BIGINT refuses: a move to PostgreSQL fails in the middle of its copy.
 */
export function tamperDeviceCounter(store: SqliteStore, deviceId: string, value: string): void {
  store.db.prepare('UPDATE devices SET last_counter = ? WHERE id = ?').run(value, deviceId);
}
