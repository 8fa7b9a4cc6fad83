/**
 * The store every server test opens (issue 10 §2): `openTestStore()` gives a real, migrated store
 * behind the Store contract, and what the tests read of it that the contract does not offer
 * (`inspect`), so a test that is not about SQLite itself stays store-agnostic. TEST_STORE selects
 * the implementation: a real SQLite file in a temp dir (unset or `sqlite`), or `postgres`, a PgStore
 * on a fresh database of the run's throwaway cluster (tests/support/pg-cluster.ts, issue 10 §5).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  sqliteAdminActions,
  sqliteCountRows,
  sqliteDeviceCounters,
  sqliteDeviceOps,
  sqliteMaxSeq,
  sqliteSnapshot,
  sqliteTableRows,
} from '../../src/server/store/sqlite-inspect';
import type { StoredAdminAction, StoredDeviceOp, StoredRowOfAnyBuilding } from '../../src/server/store/inspect-rows';
import {
  pgAdminActions,
  pgCountRows,
  pgDeviceCounters,
  pgDeviceOps,
  pgMaxSeq,
  pgSnapshot,
  pgTableRows,
} from '../../src/server/store/pg-inspect';
import type { PgStore } from '../../src/server/store/pg-store';
import {
  pgDurableCommit,
  pgServerMeta,
  pgTamperDeleteChainLink,
  pgTamperDeleteRow,
  pgTamperDeleteStaffKey,
  pgTamperRowField,
  pgTamperRowSeq,
} from '../../src/server/store/pg-tamper';
import { sqlitePragma, sqliteServerMeta } from '../../src/server/store/sqlite-inspect';
import {
  tamperDeleteChainLink,
  tamperDeleteRow,
  tamperDeleteStaffKey,
  tamperRowField,
  tamperRowSeq,
} from '../../src/server/store/sqlite-tamper';
import { openSqliteStore, SqliteStore } from '../../src/server/store/sqlite-store';
import type { Store } from '../../src/server/store/store';
import { openPgTestStore } from './pg-cluster';

export type { StoredAdminAction, StoredDeviceOp, StoredRowOfAnyBuilding };

/** What a test reads of a store beyond the contract, whatever the implementation. */
export interface StoreInspect {
  /** Everything stored about rows, sequences, devices, op outcomes and codes, as comparable JSON. */
  snapshot(): Promise<string>;
  /** How many rows (of `table`, or of every table) every building holds, tombstones included. */
  countRows(table?: string): Promise<number>;
  /** The highest `seq` of any row (0 when none). */
  maxSeq(): Promise<number>;
  adminActions(): Promise<StoredAdminAction[]>;
  /** Every op outcome of every device, by device and counter. */
  deviceOps(): Promise<StoredDeviceOp[]>;
  /** Every device's last applied counter, by device id. */
  deviceCounters(): Promise<{ id: string; lastCounter: number }[]>;
  /** Every row of `table` of every building, in sequence order. */
  tableRows(table: string): Promise<StoredRowOfAnyBuilding[]>;
  /** The value under `key` in server_meta (generation, health_check), if any. */
  serverMeta(key: string): Promise<string | undefined>;
  /** Issue 9 §1: whether a commit is on disk before it returns (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on). */
  durableCommit(): Promise<boolean>;
  /** Changes behind the server's back, to prove it notices (the chain check, proofs). */
  tamper: StoreTamper;
}

/** What a test does to a store behind the server's back (sqlite-tamper.ts, pg-tamper.ts). */
export interface StoreTamper {
  /** Set one field of a row's stored JSON, without a new sequence or version. */
  rowField(id: string, field: string, value: unknown): Promise<void>;
  /** Remove a row outright (not a tombstone). */
  deleteRow(id: string): Promise<void>;
  /** Move a row to another sequence number. */
  rowSeq(id: string, seq: number): Promise<void>;
  deleteChainLink(recordId: string): Promise<void>;
  /** Remove a person's proof key (a hash from before issue 9). */
  deleteStaffKey(staffId: string): Promise<void>;
}

export interface TestStore {
  store: Store;
  /** Which implementation: 'sqlite' (TEST_STORE unset or sqlite) or 'postgres'. */
  kind: 'sqlite' | 'postgres';
  /** A temp dir of the test's own (backups, archives, the SQLite file). */
  dir: string;
  inspect: StoreInspect;
  /** PostgreSQL: the test database's URL (pg_dump, a second pool); undefined on SQLite. */
  databaseUrl?: string;
  /** Close the store and remove the temp dir. */
  dispose(): Promise<void>;
}

const inspectors = new WeakMap<Store, StoreInspect>();

/** The inspect of a store opened by `openTestStore` (helpers that are handed only the store). */
export function inspectOf(store: Store): StoreInspect {
  const found = inspectors.get(store);
  if (!found) throw new Error('this store was not opened by openTestStore');
  return found;
}

/** The store as the SQLite store it is, for the tests of SQLite itself (backup, corruption). */
export function asSqlite(store: Store): SqliteStore {
  if (!(store instanceof SqliteStore)) throw new Error('this test needs the SQLite store (TEST_STORE=sqlite)');
  return store;
}

/** The inspect of a SQLite store opened elsewhere (the simulation opens its server's file). */
export function inspectSqlite(store: SqliteStore): StoreInspect {
  return {
    snapshot: async () => sqliteSnapshot(store),
    countRows: async (table) => sqliteCountRows(store, table),
    maxSeq: async () => sqliteMaxSeq(store),
    adminActions: async () => sqliteAdminActions(store),
    deviceOps: async () => sqliteDeviceOps(store),
    deviceCounters: async () => sqliteDeviceCounters(store),
    tableRows: async (table) => sqliteTableRows(store, table),
    serverMeta: async (key) => sqliteServerMeta(store, key),
    // 2 = FULL: an acknowledged commit survives a power cut, not only a process crash.
    durableCommit: async () => sqlitePragma(store, 'synchronous') === 2,
    tamper: {
      rowField: async (id, field, value) => tamperRowField(store, id, field, value),
      deleteRow: async (id) => tamperDeleteRow(store, id),
      rowSeq: async (id, seq) => tamperRowSeq(store, id, seq),
      deleteChainLink: async (recordId) => tamperDeleteChainLink(store, recordId),
      deleteStaffKey: async (staffId) => tamperDeleteStaffKey(store, staffId),
    },
  };
}

/** TEST_STORE: `sqlite` (the default) or `postgres`; anything else is refused, never ignored. */
export function testStoreKind(): 'sqlite' | 'postgres' {
  const kind = process.env['TEST_STORE'] ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`TEST_STORE=${kind}: expected sqlite or postgres`);
  return kind;
}

export function pgInspect(store: PgStore): StoreInspect {
  return {
    snapshot: () => pgSnapshot(store),
    countRows: (table) => pgCountRows(store, table),
    maxSeq: () => pgMaxSeq(store),
    adminActions: () => pgAdminActions(store),
    deviceOps: () => pgDeviceOps(store),
    deviceCounters: () => pgDeviceCounters(store),
    tableRows: (table) => pgTableRows(store, table),
    serverMeta: (key) => pgServerMeta(store, key),
    durableCommit: () => pgDurableCommit(store),
    tamper: {
      rowField: (id, field, value) => pgTamperRowField(store, id, field, value),
      deleteRow: (id) => pgTamperDeleteRow(store, id),
      rowSeq: (id, seq) => pgTamperRowSeq(store, id, seq),
      deleteChainLink: (recordId) => pgTamperDeleteChainLink(store, recordId),
      deleteStaffKey: (staffId) => pgTamperDeleteStaffKey(store, staffId),
    },
  };
}

export interface OpenTestStoreOptions {
  /** When the migrations are recorded (T1: injected). */
  nowMs?: number;
  /** Use this dir (the caller removes it) instead of a new temp dir. */
  dir?: string;
  /** The SQLite file's name inside the dir. */
  fileName?: string;
  /** A test of SQLite itself (its file, WAL, backup) opens SQLite whatever TEST_STORE says. */
  kind?: 'sqlite' | 'postgres';
}

/** A real store for one test (see the module comment). */
export async function openTestStore(opts: OpenTestStoreOptions = {}): Promise<TestStore> {
  const kind = opts.kind ?? testStoreKind();
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'hd-store-'));
  if (kind === 'postgres') {
    const pg = await openPgTestStore(opts.nowMs === undefined ? {} : { nowMs: opts.nowMs });
    const inspect = pgInspect(pg.store);
    inspectors.set(pg.store, inspect);
    return {
      store: pg.store,
      kind,
      dir,
      inspect,
      databaseUrl: pg.database.url,
      async dispose() {
        await pg.dispose();
        if (ownDir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const store = openSqliteStore(join(dir, opts.fileName ?? 'handover-desk.sqlite'), {
    nowMs: opts.nowMs ?? Date.now(),
  });
  const inspect = inspectSqlite(store);
  inspectors.set(store, inspect);
  return {
    store,
    kind,
    dir,
    inspect,
    async dispose() {
      await store.close();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
