/**
 * PostgreSQL outside the Store contract, for tests, the bench and operators (issue 10 §2: SQL lives
 * only in src/server/store): creating and dropping a database on a server, and reading (or, for the
 * refusal tests, damaging) what the migrations and the search index hold. Nothing here is used while
 * the server serves requests.
 */
import pg from 'pg';
import type { AppliedRow } from './migrations';
import type { PgStore } from './pg-store';
import { PG, type PgValues } from './store-rows';
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

/** A database name this module will put into SQL: letters, digits and underscores only. */
function checkedName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new RangeError(`not a database name: ${name}`);
  return name;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE `name` on the server of `adminUrl` (a database the user may connect to). */
export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${checkedName(name)}`));
}

/** DROP DATABASE `name`, cutting any connection still open to it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${checkedName(name)} WITH (FORCE)`));
}

/** The `__migrations__` rows, in id order. */
export async function appliedPgMigrations(url: string): Promise<(AppliedRow & { applied_at: number })[]> {
  return withClient(url, async (c) => {
    const r = await c.query<AppliedRow & { applied_at: string }>(
      'SELECT id, name, checksum, applied_at FROM __migrations__ ORDER BY id',
    );
    return r.rows.map((row) => ({ ...row, applied_at: Number(row.applied_at) }));
  });
}

/** Refusal tests: record a checksum for an applied migration (a file "changed after it was applied"). */
export async function setPgMigrationChecksum(url: string, id: number, checksum: string): Promise<void> {
  await withClient(url, (c) => c.query('UPDATE __migrations__ SET checksum = $1 WHERE id = $2', [checksum, id]));
}

/** Refusal tests: record a migration this build does not have (a database from a newer build). */
export async function recordForeignPgMigration(url: string, id: number, name: string): Promise<void> {
  await withClient(url, (c) =>
    c.query("INSERT INTO __migrations__ (id, name, checksum, applied_at) VALUES ($1, $2, 'x', 1)", [id, name]),
  );
}

/** Whether the database holds a table (or view, index…) of this name. */
export async function pgRelationExists(url: string, name: string): Promise<boolean> {
  return withClient(url, async (c) => {
    const r = await c.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name]);
    return r.rows[0]?.t != null;
  });
}

/** Each table of the public schema with its primary key's first column, and whether it has `site_id`. */
export async function pgTableKeys(
  url: string,
): Promise<{ table: string; firstKey: string | null; hasSite: boolean }[]> {
  return withClient(url, async (c) => {
    const r = await c.query<{ table: string; first_key: string | null; has_site: boolean }>(
      `SELECT c.relname AS table,
         (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
          WHERE i.indrelid = c.oid AND i.indisprimary) AS first_key,
         EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'site_id' AND NOT a.attisdropped)
           AS has_site
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
    );
    return r.rows.map((row) => ({ table: row.table, firstKey: row.first_key, hasSite: row.has_site }));
  });
}

/** The value of a setting on a new connection of `url` (what every pooled connection is given). */
export async function pgSettingsOf(pool: pg.Pool, names: string[]): Promise<string[]> {
  const r = await pool.query<{ v: string }>(
    'SELECT current_setting(n) AS v FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i) ORDER BY i',
    [names],
  );
  return r.rows.map((row) => row.v);
}

/** A statement that takes `seconds` on a pooled connection (the statement timeout's test). */
export async function pgSleep(pool: pg.Pool, seconds: number): Promise<void> {
  await pool.query('SELECT pg_sleep($1)', [seconds]);
}

/**
 * A device's last applied counter as committed in the database of `url` (0 when unknown), read on a
 * connection of its own beside a live server: the PostgreSQL twin of `sqliteFileDeviceCounter`.
 */
export async function pgDatabaseDeviceCounter(url: string, deviceId: string): Promise<number> {
  return withClient(url, async (c) => {
    // A plain client reads BIGINT as text (the pool's number parser is not used here).
    const r = await c.query<{ last_counter: string }>('SELECT last_counter FROM devices WHERE id = $1', [deviceId]);
    return Number(r.rows[0]?.last_counter ?? 0);
  });
}

/** The generation id the database holds (server_meta). */
export async function pgGeneration(url: string): Promise<string | undefined> {
  return withClient(url, async (c) => {
    const r = await c.query<{ value: string }>("SELECT value FROM server_meta WHERE key = 'generation'");
    return r.rows[0]?.value;
  });
}

/**
 * The search index's plan and reach (D5): with sequential scans off (a small test table would be
 * scanned whole), the plan of a bigram match and of a word match, and the ids a bigram match finds.
 */
export async function explainPgSearchIndex(
  pool: pg.Pool,
  grams: string[],
  wordPattern: string,
): Promise<{ gramsPlan: string; wordsPlan: string; gramIds: string[] }> {
  const client = await pool.connect();
  try {
    await client.query('ANALYZE search_rows');
    await client.query('SET enable_seqscan = off');
    const plan = async (sql: string, param: unknown) =>
      (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, [param])).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    const gramsPlan = await plan('SELECT rowid FROM search_rows WHERE grams @> $1::text[]', grams);
    const wordsPlan = await plan('SELECT rowid FROM search_rows WHERE words LIKE $1', wordPattern);
    const found = await client.query<{ id: string }>('SELECT id FROM search_rows WHERE grams @> $1::text[]', [grams]);
    return { gramsPlan, wordsPlan, gramIds: found.rows.map((r) => r.id) };
  } finally {
    await client.query('RESET enable_seqscan');
    client.release();
  }
}

// ---- What tests read of a PostgreSQL store beyond the contract (tests/support/test-store.ts) ----

/** Everything stored about rows, sequences, devices, op outcomes and codes, as comparable JSON. */
export async function pgSnapshot(store: PgStore): Promise<string> {
  const q = async (sql: string) => (await store.pool.query(sql)).rows;
  const rows = await q(
    'SELECT tbl, id, data::text AS data, versions::text AS versions, seq, deleted FROM rows ORDER BY tbl COLLATE "C", id COLLATE "C"',
  );
  const seqs = await q('SELECT * FROM site_seq WHERE seq > 0 ORDER BY site_id COLLATE "C"');
  const devices = await q('SELECT id, last_counter, revoked FROM devices ORDER BY id COLLATE "C"');
  const ops = await q('SELECT * FROM device_ops ORDER BY device_id COLLATE "C", counter');
  const codes = await q('SELECT * FROM enrolment_codes ORDER BY code_hash COLLATE "C"');
  return JSON.stringify({ rows, seqs, devices, ops, codes });
}

/** How many rows (of `table`, or of every table) every building holds, tombstones included. */
export async function pgCountRows(store: PgStore, table?: string): Promise<number> {
  const r =
    table === undefined
      ? await store.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM rows')
      : await store.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM rows WHERE tbl = $1', [table]);
  return r.rows[0]?.n ?? 0;
}

/** The highest `seq` of any row stored (0 when none). */
export async function pgMaxSeq(store: PgStore): Promise<number> {
  return (await store.pool.query<{ s: number }>('SELECT COALESCE(MAX(seq), 0) AS s FROM rows')).rows[0]?.s ?? 0;
}

export async function pgAdminActions(store: PgStore): Promise<StoredAdminAction[]> {
  const r = await store.pool.query<AdminActionRow>(
    'SELECT device_id, staff_id, action, target FROM admin_actions ORDER BY id',
  );
  return r.rows.map(toAdminAction);
}

/** Every op outcome of every device, by device and counter. */
export async function pgDeviceOps(store: PgStore): Promise<StoredDeviceOp[]> {
  const r = await store.pool.query<StoredDeviceOpRow>(
    'SELECT * FROM device_ops ORDER BY device_id COLLATE "C", counter',
  );
  return r.rows.map(toStoredDeviceOp);
}

/** Every device's last applied counter, by device id. */
export async function pgDeviceCounters(store: PgStore): Promise<{ id: string; lastCounter: number }[]> {
  const r = await store.pool.query<{ id: string; last_counter: number }>(
    'SELECT id, last_counter FROM devices ORDER BY id COLLATE "C"',
  );
  return r.rows.map((row) => ({ id: row.id, lastCounter: row.last_counter }));
}

/** Every row of `table` of every building, in sequence order (several buildings: by building, then seq). */
export async function pgTableRows(store: PgStore, table: string): Promise<StoredRowOfAnyBuilding[]> {
  const r = await store.pool.query<AnyBuildingRow<PgValues>>(
    'SELECT site_id, id, data, versions, seq, deleted FROM rows WHERE tbl = $1 ORDER BY seq',
    [table],
  );
  return r.rows.map((row) => toRowOfAnyBuilding(PG, row));
}

/**
 * Issue 11 §4: the round trips to PostgreSQL that `fn` makes, on every connection of this process
 * (a statement, or a batch of them, sent and answered): each one's SQL, cut short. For the test that
 * holds a push to its budget of round trips; it counts, it never times.
 */
export async function pgRoundTripsOf(fn: () => Promise<void>): Promise<string[]> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  const sent: string[] = [];
  proto.query = function counted(this: unknown, ...args: unknown[]) {
    const q = args[0];
    const text = typeof q === 'string' ? q : String((q as { text?: unknown } | null)?.text);
    sent.push(text.replace(/\s+/g, ' ').slice(0, 90));
    return query.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = query;
  }
  return sent;
}
