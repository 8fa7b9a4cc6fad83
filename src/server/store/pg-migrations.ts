/**
 * The PostgreSQL migration runner (issue 10 §3): the numbered files of `migrations-pg/`, the
 * PostgreSQL dialect of `migrations/` with the same numbers and names (a unit test holds the two
 * folders to the same list). Recorded in the same `__migrations__` table, checked by the same rule
 * (`pendingMigrations`: the applied list must be a prefix of the files, name and checksum alike),
 * refused the same way (MigrationMismatchError).
 *
 * PostgreSQL's DDL is transactional, so each file and its `__migrations__` row commit together: a
 * migration that fails leaves the database as it was (issue 10 "Bad input"). Several server
 * processes starting at once take turns on an advisory lock, so each file is applied once.
 */
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { pendingMigrations, readMigrationFiles, type AppliedRow, type MigrationFile } from './migrations';

export const PG_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations-pg/', import.meta.url));

/** The advisory lock key the runner holds while it checks and applies (any constant of our own). */
const MIGRATION_LOCK_KEY = 0x48445f6d; // "HD_m"

/** The PostgreSQL migration files (numbered, no gaps), `migrations-pg/` unless told otherwise. */
export function readPgMigrationFiles(dir = PG_MIGRATIONS_DIR): MigrationFile[] {
  return readMigrationFiles(dir);
}

/**
 * Check the applied migrations against `files` and apply the new ones, each in its own transaction
 * with its `__migrations__` row. Throws MigrationMismatchError on any disagreement (nothing applied).
 * Returns the names applied now.
 */
export async function migratePg(pool: pg.Pool, files: MigrationFile[], nowMs: number): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS __migrations__ (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
      const applied = await client.query<AppliedRow>('SELECT id, name, checksum FROM __migrations__ ORDER BY id');
      const pending = pendingMigrations(applied.rows, files);
      for (const file of pending) {
        await client.query('BEGIN');
        try {
          await client.query(file.sql);
          await client.query('INSERT INTO __migrations__ (id, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [
            file.id,
            file.name,
            file.checksum,
            nowMs,
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${file.name} failed and was rolled back: ${(err as Error).message}`, {
            cause: err,
          });
        }
      }
      return pending.map((f) => f.name);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
