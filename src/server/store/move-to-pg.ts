/**
 * Issue 10 §6: `npm run move-to-postgres -- --data-dir DIR --to postgres://…` moves every building
 * of an embedded SQLite database into a freshly migrated PostgreSQL database:
 *
 * - the source is read from a consistent snapshot (SQLite's online backup API, into a scratch copy
 *   that is migrated to this build) and never written; it is refused while a server holds its data directory, and when its own chains do
 *   not verify (a move must not hide damage);
 * - the target is refused when it already holds any building (so a second run over the same target
 *   is refused), when it cannot be reached, or when its migrations disagree with this build;
 * - every table is copied in ONE transaction; before it commits, every building's hash chain is
 *   verified on the target and every table's row count per building is compared with the
 *   source's; any difference rolls everything back, so the target is left as empty as it was.
 *
 * The generation is copied too: the tablets keep their cursors and carry on against the new
 * database without a resync. The search index is rebuilt by PostgreSQL's own rules after the copy.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { verifyAll } from '../integrity/verify';
import { dataDirHolder } from './data-dir-lock';
import { STORE_LOCK_KEY, openPgStore, pgTxOn, type PgStore } from './pg-store';
import { openSqliteStore } from './sqlite-store';

export class MoveRefusedError extends Error {
  readonly code = 'move_refused';
}

/**
 * Tables moved as they are, in an order that needs no deferred constraint. Not moved: the running
 * servers' transient state (issue 10 §4, `rate_buckets` and `leases`), which starts empty.
 */
export const MOVED_TABLES = [
  'server_meta',
  'site_seq',
  'rows',
  'devices',
  'device_ops',
  'enrolment_codes',
  'locks',
  'chain',
  'photos',
  'archives',
  'staff_keys',
  'admin_actions',
  'push_subscriptions',
] as const;

export interface MoveOptions {
  /** The server's DATA_DIR holding `handover-desk.sqlite`. */
  dataDir: string;
  /** The PostgreSQL database to fill (empty, or freshly created). */
  targetUrl: string;
  nowMs: number;
}

export interface TableCount {
  table: string;
  /** The building, or null for a table not kept per building. */
  siteId: string | null;
  source: number;
  target: number;
}

export interface MoveReport {
  buildings: { siteId: string; name: string; records: number; ok: boolean }[];
  counts: TableCount[];
  generation: string | null;
  searchIndexed: number;
}

const BATCH = 200;

/** Move the data directory's database into the target (see the file comment). */
export async function moveToPostgres(opts: MoveOptions): Promise<MoveReport> {
  const holder = dataDirHolder(opts.dataDir);
  if (holder !== null) {
    throw new MoveRefusedError(`a server (pid ${holder}) is serving ${opts.dataDir}; stop it first`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'hd-move-'));
  try {
    // A consistent snapshot, migrated to this build in the scratch copy (the source is only read).
    const snapshotFile = join(scratch, 'source.sqlite');
    const liveFile = join(opts.dataDir, 'handover-desk.sqlite');
    if (!existsSync(liveFile)) throw new MoveRefusedError(`there is no database at ${liveFile}`);
    const live = new Database(liveFile, { readonly: true, fileMustExist: true });
    try {
      await live.backup(snapshotFile);
    } finally {
      live.close();
    }
    const source = openSqliteStore(snapshotFile, { nowMs: opts.nowMs });
    try {
      const sourceChains = await verifyAll(source, opts.nowMs);
      const broken = sourceChains.filter((b) => !b.ok);
      if (broken.length > 0) {
        throw new MoveRefusedError(
          `the source's chain does not verify for ${broken.map((b) => b.siteName).join(', ')}; run npm run verify and resolve it first`,
        );
      }
      const target = await openPgStore({ connectionString: opts.targetUrl, nowMs: opts.nowMs, max: 2 });
      try {
        if (await target.hasAnySite()) {
          throw new MoveRefusedError('the target database already holds buildings; move into an empty database');
        }
        const report = await copyAll(source.db, target, opts.nowMs);
        report.searchIndexed = await target.fillSearchIfNeeded();
        return report;
      } finally {
        await target.close();
      }
    } finally {
      source.db.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function copyAll(db: Database.Database, target: PgStore, nowMs: number): Promise<MoveReport> {
  const client = await target.pool.connect();
  try {
    await client.query('BEGIN');
    // The store-wide lock: no server process may write while the copy runs.
    await client.query(`SELECT pg_advisory_xact_lock(${STORE_LOCK_KEY})`);
    for (const table of MOVED_TABLES) await copyTable(db, client, table);
    await client.query('UPDATE search_state SET filled = FALSE WHERE id = 1');
    const counts = await compareCounts(db, client);
    const tx = pgTxOn(client);
    const chains = await verifyAll(tx, nowMs);
    const mismatched = counts.filter((c) => c.source !== c.target);
    const broken = chains.filter((b) => !b.ok);
    if (mismatched.length > 0 || broken.length > 0) {
      throw new Error(
        `the copy does not match its source; nothing was kept: ${JSON.stringify({
          counts: mismatched,
          chains: broken.map((b) => ({ building: b.siteName, problems: b.problems.slice(0, 3) })),
        })}`,
      );
    }
    await client.query('COMMIT');
    const generation = (
      db.prepare("SELECT value FROM server_meta WHERE key = 'generation'").get() as { value: string } | undefined
    )?.value;
    return {
      buildings: chains.map((b) => ({ siteId: b.siteId, name: b.siteName, records: b.records.length, ok: b.ok })),
      counts,
      generation: generation ?? null,
      searchIndexed: 0,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

interface PgColumn {
  name: string;
  type: string;
  identity: boolean;
}

async function pgColumns(client: pg.PoolClient, table: string): Promise<PgColumn[]> {
  const r = await client.query<{ column_name: string; data_type: string; is_identity: string }>(
    `SELECT column_name, data_type, is_identity FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  return r.rows.map((c) => ({ name: c.column_name, type: c.data_type, identity: c.is_identity === 'YES' }));
}

function sqliteColumns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

/** One table, every row, in batches; columns by name, SQLite's 0/1 as booleans where PostgreSQL has them. */
async function copyTable(db: Database.Database, client: pg.PoolClient, table: string): Promise<void> {
  const target = await pgColumns(client, table);
  const byName = new Map(target.map((c) => [c.name, c]));
  const names = sqliteColumns(db, table);
  const missing = names.filter((n) => !byName.has(n));
  if (missing.length > 0) throw new Error(`${table}: PostgreSQL has no column ${missing.join(', ')}`);
  if (table === 'server_meta') await client.query('DELETE FROM server_meta');
  const convert = names.map((n) => (byName.get(n)?.type === 'boolean' ? (v: unknown) => v === 1 || v === true : null));
  const rows = db
    .prepare(`SELECT ${names.join(', ')} FROM ${table}`)
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const marks = row.map((v, i) => {
        values.push(convert[i] ? (convert[i] as (v: unknown) => boolean)(v) : v);
        return `$${values.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await client.query(
      `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES ${tuples.join(', ')}`,
      values,
    );
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  for (const c of target.filter((x) => x.identity)) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max("${c.name}") FROM ${table}), 1))`,
      [table, c.name],
    );
  }
}

/** Each moved table's rows per building (or in all, for a table without `site_id`), on both sides. */
async function compareCounts(db: Database.Database, client: pg.PoolClient): Promise<TableCount[]> {
  const out: TableCount[] = [];
  for (const table of MOVED_TABLES) {
    const perSite = sqliteColumns(db, table).includes('site_id');
    const src = perSite
      ? (db.prepare(`SELECT site_id AS s, count(*) AS n FROM ${table} GROUP BY site_id`).all() as {
          s: string;
          n: number;
        }[])
      : [{ s: null, n: (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n }];
    const dst = perSite
      ? (
          await client.query<{ s: string; n: number }>(
            `SELECT site_id AS s, count(*)::int AS n FROM ${table} GROUP BY site_id`,
          )
        ).rows
      : (await client.query<{ s: null; n: number }>(`SELECT NULL AS s, count(*)::int AS n FROM ${table}`)).rows;
    const keys = new Set([...src.map((r) => r.s), ...dst.map((r) => r.s)]);
    for (const siteId of keys) {
      out.push({
        table,
        siteId,
        source: src.find((r) => r.s === siteId)?.n ?? 0,
        target: dst.find((r) => r.s === siteId)?.n ?? 0,
      });
    }
  }
  return out;
}
