/**
 * Test support only (tests/support/test-store.ts and the SQLite-specific tests): named reads of what
 * a SQLite store holds that the Store contract does not offer, so tests prove what was stored
 * without writing SQL themselves (issue 10 §2: SQL lives only in src/server/store). Nothing in the
 * server uses this module.
 */
import Database from 'better-sqlite3';
import type { SqliteStore } from './sqlite-store';
import { SQLITE, type SqliteValues } from './store-rows';
import {
  toAdminAction,
  toRowOfAnyBuilding,
  toStoredDeviceOp,
  type AdminActionRow,
  type AnyBuildingRow,
  type StoredAdminAction,
  type StoredDeviceOp,
  type StoredDeviceOpRow,
  type StoredRowOfAnyBuilding,
} from './inspect-rows';

/** Everything stored about rows, sequences, devices, op outcomes and codes, as comparable JSON. */
export function sqliteSnapshot(store: SqliteStore): string {
  const db = store.db;
  const rows = db.prepare('SELECT tbl, id, data, versions, seq, deleted FROM rows ORDER BY tbl, id').all();
  const seqs = db.prepare('SELECT * FROM site_seq ORDER BY site_id').all();
  const devices = db.prepare('SELECT id, last_counter, revoked FROM devices ORDER BY id').all();
  const ops = db.prepare('SELECT * FROM device_ops ORDER BY device_id, counter').all();
  const codes = db.prepare('SELECT * FROM enrolment_codes ORDER BY code_hash').all();
  return JSON.stringify({ rows, seqs, devices, ops, codes });
}

/** How many rows (of `table`, or of every table) every building holds, tombstones included. */
export function sqliteCountRows(store: SqliteStore, table?: string): number {
  const r = (
    table === undefined
      ? store.db.prepare('SELECT COUNT(*) AS n FROM rows').get()
      : store.db.prepare('SELECT COUNT(*) AS n FROM rows WHERE tbl = ?').get(table)
  ) as { n: number };
  return r.n;
}

/** The highest `seq` of any row stored (0 when none). */
export function sqliteMaxSeq(store: SqliteStore): number {
  return (store.db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM rows').get() as { s: number }).s;
}

export function sqliteAdminActions(store: SqliteStore): StoredAdminAction[] {
  return store.db
    .prepare<[], AdminActionRow>('SELECT device_id, staff_id, action, target FROM admin_actions ORDER BY id')
    .all()
    .map(toAdminAction);
}

/** Every op outcome of every device, by device and counter. */
export function sqliteDeviceOps(store: SqliteStore): StoredDeviceOp[] {
  return store.db
    .prepare<[], StoredDeviceOpRow>('SELECT * FROM device_ops ORDER BY device_id, counter')
    .all()
    .map(toStoredDeviceOp);
}

/** Every device's last applied counter, by device id. */
export function sqliteDeviceCounters(store: SqliteStore): { id: string; lastCounter: number }[] {
  return store.db
    .prepare<[], { id: string; last_counter: number }>('SELECT id, last_counter FROM devices ORDER BY id')
    .all()
    .map((r) => ({ id: r.id, lastCounter: r.last_counter }));
}

/** Every row of `table` of every building, in sequence order. */
export function sqliteTableRows(store: SqliteStore, table: string): StoredRowOfAnyBuilding[] {
  return store.db
    .prepare<[string], AnyBuildingRow<SqliteValues>>(
      'SELECT site_id, id, data, versions, seq, deleted FROM rows WHERE tbl = ? ORDER BY seq',
    )
    .all(table)
    .map((r) => toRowOfAnyBuilding(SQLITE, r));
}

/** Whether the database has a table (or index) of this name. */
export function sqliteHasTable(store: SqliteStore, name: string): boolean {
  return store.db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name) !== undefined;
}

/** A pragma's value (`synchronous`, `page_size`, ...). */
export function sqlitePragma(store: SqliteStore, name: 'synchronous' | 'page_size' | 'journal_mode'): unknown {
  return store.db.pragma(name, { simple: true });
}

/** The value under `key` in server_meta (generation, health_check), if any. */
export function sqliteServerMeta(store: SqliteStore, key: string): string | undefined {
  return store.db.prepare<[string], { value: string }>('SELECT value FROM server_meta WHERE key = ?').get(key)?.value;
}

/** The migrations recorded in a database file (opened read-only), oldest first. */
export function sqliteAppliedMigrations(
  file: string,
): { id: number; name: string; checksum: string; appliedAt: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { id: number; name: string; checksum: string; applied_at: number }>(
        'SELECT id, name, checksum, applied_at FROM __migrations__ ORDER BY id',
      )
      .all()
      .map((r) => ({ id: r.id, name: r.name, checksum: r.checksum, appliedAt: r.applied_at }));
  } finally {
    db.close();
  }
}

/** Every table of a database file (opened read-only) with its row count (a backup's contents). */
export function sqliteTableCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    return Object.fromEntries(
      names.map((n) => [
        n,
        (db.prepare(`SELECT COUNT(*) AS c FROM "${n.replace(/"/g, '""')}"`).get() as { c: number }).c,
      ]),
    );
  } finally {
    db.close();
  }
}

/**
 * The plans SQLite chooses for the store's reads by building (migration 0006): a table of a
 * building in sequence order, a field lookup in it, and the pull's walk of the sequence.
 */
export function sqliteBuildingReadPlans(store: SqliteStore): { tableRead: string[]; lookup: string[]; pull: string[] } {
  const plan = (sql: string, ...params: unknown[]) =>
    (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
  return {
    tableRead: plan('SELECT * FROM rows WHERE site_id = ? AND tbl = ? ORDER BY seq', 's', 'item'),
    lookup: plan(
      'SELECT * FROM rows WHERE site_id = ? AND tbl = ? AND deleted = 0 AND json_extract(data, ?) = ? ORDER BY seq',
      's',
      'logEntry',
      '$.status',
      'open',
    ),
    pull: plan('SELECT seq FROM rows WHERE site_id = ? AND seq > ? ORDER BY seq LIMIT 10', 's', 0),
  };
}

/** Two leaf pages from the middle of the rows table (SQLite's dbstat), 1-based. */
export function sqliteMiddleRowsPages(store: SqliteStore): number[] {
  const leaves = store.db
    .prepare<[], { pageno: number }>(
      "SELECT pageno FROM dbstat WHERE name = 'rows' AND pagetype = 'leaf' ORDER BY pageno",
    )
    .all()
    .map((r) => r.pageno);
  if (leaves.length <= 4) throw new Error(`the rows table has only ${leaves.length} leaf pages`);
  const mid = Math.floor(leaves.length / 2);
  return [leaves[mid] as number, leaves[mid + 1] as number];
}

/** Whether a write is refused on the connection itself (query_only after a corruption). */
export function sqliteRefusesWrites(store: SqliteStore): boolean {
  try {
    store.db.prepare("INSERT INTO server_meta (key, value) VALUES ('probe', 'write')").run();
    store.db.prepare("DELETE FROM server_meta WHERE key = 'probe'").run();
    return false;
  } catch (err) {
    if (/readonly/.test((err as Error).message)) return true;
    throw err;
  }
}

/** The ids the search index holds (search_rows), any building. */
export function sqliteSearchIndexIds(store: SqliteStore): string[] {
  return store.db
    .prepare<[], { id: string }>('SELECT id FROM search_rows ORDER BY rowid')
    .all()
    .map((r) => r.id);
}

/** Whether a database file (opened read-only) has a table of this name. */
export function sqliteFileHasTable(file: string, name: string): boolean {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name) !== undefined;
  } finally {
    db.close();
  }
}

/** A device's last counter as committed in a database file, read beside a live server (WAL); 0 if unknown. */
export function sqliteFileDeviceCounter(file: string, deviceId: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const row = db
      .prepare<[string], { last_counter: number }>('SELECT last_counter FROM devices WHERE id = ?')
      .get(deviceId);
    return row?.last_counter ?? 0;
  } finally {
    db.close();
  }
}
