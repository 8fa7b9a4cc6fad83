/**
 * Test support only: a database file as an older build left it, migrated only up to the files of
 * `migrationsDir`, with rows in it, so a test proves a later migration keeps what was there
 * (issue 10 §2: no test writes SQL). Only the columns those first migrations have are written.
 * Nothing in the server uses this module.
 */
import Database from 'better-sqlite3';
import { migrate, readMigrationFiles } from './migrations';

export interface LegacySeed {
  rows?: { siteId: string; table: string; id: string; data: Record<string, unknown>; seq: number }[];
  siteSeqs?: { siteId: string; seq: number }[];
  devices?: { id: string; siteId: string; name: string; tokenHash: string; lastCounter: number; createdAt: number }[];
  deviceOps?: { deviceId: string; counter: number; opHash: string; status: string }[];
}

/** Create `file` with only the migrations of `migrationsDir` applied (at `nowMs`) and `seed` in it. */
export function createLegacyDatabase(file: string, migrationsDir: string, nowMs: number, seed: LegacySeed): void {
  const db = new Database(file);
  try {
    migrate(db, readMigrationFiles(migrationsDir), nowMs);
    const row = db.prepare(
      "INSERT INTO rows (site_id, tbl, id, data, versions, updated_hlc, seq, deleted) VALUES (?, ?, ?, ?, '{}', 'h', ?, 0)",
    );
    for (const r of seed.rows ?? []) row.run(r.siteId, r.table, r.id, JSON.stringify(r.data), r.seq);
    const seq = db.prepare('INSERT INTO site_seq (site_id, seq) VALUES (?, ?)');
    for (const s of seed.siteSeqs ?? []) seq.run(s.siteId, s.seq);
    const device = db.prepare(
      'INSERT INTO devices (id, site_id, name, token_hash, revoked, last_counter, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)',
    );
    for (const d of seed.devices ?? []) device.run(d.id, d.siteId, d.name, d.tokenHash, d.lastCounter, d.createdAt);
    const op = db.prepare('INSERT INTO device_ops (device_id, counter, op_hash, status) VALUES (?, ?, ?, ?)');
    for (const o of seed.deviceOps ?? []) op.run(o.deviceId, o.counter, o.opHash, o.status);
  } finally {
    db.close();
  }
}
