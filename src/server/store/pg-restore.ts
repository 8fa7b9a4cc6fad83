/**
 * Issue 10 §7: a PostgreSQL database restored from `pg_dump` (docs/postgresql.md "Backup and
 * restore") is made ready to serve exactly as a restored SQLite file is (restore.ts): migrated to
 * this build, given a NEW generation so every tablet pulls everything again and resends what the
 * dump lacks, with the devices enrolled since the dump carried over (last_counter 0: they resend
 * every op they kept), the devices revoked since then still revoked, and the actor-proof keys set
 * since then carried over. The live database (the one the dump replaces) is only read.
 * All in one transaction on the restored database: a failure leaves it as pg_restore left it.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { PgUnavailableError } from './pg-store';
import { migratePg, readPgMigrationFiles } from './pg-migrations';
import { openPgPool } from './pg-pool';
import { RestoreRefusedError } from './restore';

export interface PgRestoreOptions {
  /** The database pg_restore filled. */
  restoredUrl: string;
  /** The database the restore replaces, to carry devices and keys from; none when it is gone. */
  liveUrl?: string | undefined;
  nowMs: number;
}

export interface PgRestoreResult {
  generation: string;
  /** The dump's own generation. */
  backupGeneration: string | null;
  /** The live database's generation (null: no live database given). */
  previousGeneration: string | null;
  carriedDevices: string[];
  keptRevoked: string[];
  carriedKeys: number;
}

type Row = Record<string, unknown>;

async function connect(url: string): Promise<pg.Pool> {
  const pool = openPgPool({ connectionString: url, max: 2 });
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new PgUnavailableError(url, err);
  }
  return pool;
}

async function generationOf(pool: pg.Pool): Promise<string | null> {
  const r = await pool.query<{ value: string }>("SELECT value FROM server_meta WHERE key = 'generation'");
  return r.rows[0]?.value ?? null;
}

/** Make the restored database ready to serve (see the file comment). */
export async function finishPgRestore(opts: PgRestoreOptions): Promise<PgRestoreResult> {
  const restored = await connect(opts.restoredUrl);
  try {
    let live: { generation: string | null; devices: Row[]; keys: Row[] } = {
      generation: null,
      devices: [],
      keys: [],
    };
    if (opts.liveUrl !== undefined) {
      const pool = await connect(opts.liveUrl);
      try {
        // As on SQLite (the data-dir lock): devices enrolling while the live database is read would be lost.
        const serving = await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'handover-desk' AND pid <> pg_backend_pid()`,
        );
        if ((serving.rows[0]?.n ?? 0) > 0) {
          throw new RestoreRefusedError(
            'a Handover Desk server is connected to the live database; stop every server process first',
          );
        }
        live = {
          generation: await generationOf(pool),
          devices: (await pool.query<Row>('SELECT * FROM devices')).rows,
          keys: (await pool.query<Row>('SELECT * FROM staff_keys')).rows,
        };
      } finally {
        await pool.end();
      }
    }
    // An empty database (pg_restore not run, or into another database) would be migrated into a new,
    // empty Handover Desk database: refused, nothing created.
    const isOurs = await restored.query<{ t: string | null }>("SELECT to_regclass('__migrations__')::text AS t");
    if (isOurs.rows[0]?.t == null) {
      throw new RestoreRefusedError(
        'the database holds no Handover Desk data (no __migrations__): run pg_restore into it first',
      );
    }
    // A dump of an older build is migrated; one of a newer build is refused (MigrationMismatchError).
    await migratePg(restored, readPgMigrationFiles(), opts.nowMs);
    const backupGeneration = await generationOf(restored);
    const generation = randomBytes(12).toString('hex');
    const carriedDevices: string[] = [];
    const keptRevoked: string[] = [];
    let carriedKeys = 0;
    const client = await restored.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO server_meta (key, value) VALUES ('generation', $1)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [generation],
      );
      for (const d of live.devices) {
        const id = String(d['id']);
        const known = await client.query<{ revoked: boolean }>('SELECT revoked FROM devices WHERE id = $1', [id]);
        const inDump = known.rows[0];
        if (inDump) {
          if (d['revoked'] === true && !inDump.revoked) {
            await client.query('UPDATE devices SET revoked = TRUE, revoked_at = $2, revoked_by = $3 WHERE id = $1', [
              id,
              d['revoked_at'] ?? null,
              d['revoked_by'] ?? null,
            ]);
            keptRevoked.push(id);
          }
          continue;
        }
        const site = await client.query('SELECT 1 FROM site_seq WHERE site_id = $1', [d['site_id']]);
        if (site.rowCount === 0) continue;
        await insertRow(client, 'devices', { ...d, last_counter: 0 });
        carriedDevices.push(id);
      }
      for (const k of live.keys) {
        const mine = await client.query<{ updated_at: number }>(
          'SELECT updated_at FROM staff_keys WHERE site_id = $1 AND staff_id = $2',
          [k['site_id'], k['staff_id']],
        );
        const current = mine.rows[0];
        if (current && current.updated_at >= Number(k['updated_at'])) continue;
        await client.query('DELETE FROM staff_keys WHERE site_id = $1 AND staff_id = $2', [
          k['site_id'],
          k['staff_id'],
        ]);
        await insertRow(client, 'staff_keys', k);
        carriedKeys += 1;
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    return {
      generation,
      backupGeneration,
      previousGeneration: live.generation,
      carriedDevices,
      keptRevoked,
      carriedKeys,
    };
  } finally {
    await restored.end();
  }
}

/** Insert `row` into `table`, with only the columns the restored database has. */
async function insertRow(client: pg.PoolClient, table: 'devices' | 'staff_keys', row: Row): Promise<void> {
  const cols = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  const have = new Set(cols.rows.map((c) => c.column_name));
  const names = Object.keys(row).filter((k) => have.has(k));
  await client.query(
    `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
    names.map((n) => row[n]),
  );
}
