/**
 * Numbered .sql migrations read from disk and recorded in `__migrations__` with their sha256.
 * The applied list must be a prefix of the files on disk, name for name and checksum for checksum;
 * anything else means the database and the code disagree, and the server refuses to start rather
 * than run against a schema it does not know (STYLE.md #3, as Actual Budget does).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export class MigrationMismatchError extends Error {
  readonly code = 'migration_mismatch';
  constructor(message: string) {
    super(message);
    this.name = 'MigrationMismatchError';
  }
}

export interface MigrationFile {
  id: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedRow {
  id: number;
  name: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The migration files in `dir`, numbered 0001, 0002, ... with no gaps. */
export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort();
  return names.map((name, i) => {
    const m = FILE_PATTERN.exec(name);
    if (!m?.[1]) throw new MigrationMismatchError(`migration file ${name} is not named NNNN_name.sql`);
    const id = Number(m[1]);
    if (id !== i + 1) throw new MigrationMismatchError(`migration files have a gap: expected ${i + 1}, found ${name}`);
    const sql = readFileSync(`${dir}/${name}`, 'utf8');
    return { id, name, sql, checksum: sha256Hex(sql) };
  });
}

/**
 * Check the applied migrations against `files` and apply the new ones, each in its own
 * transaction with its `__migrations__` row. Throws MigrationMismatchError on any disagreement.
 * Returns the names applied now.
 */
export function migrate(db: Database.Database, files: MigrationFile[], nowMs: number): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS __migrations__ (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = db.prepare('SELECT id, name, checksum FROM __migrations__ ORDER BY id').all() as AppliedRow[];
  const pending = pendingMigrations(applied, files);
  const record = db.prepare('INSERT INTO __migrations__ (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const file of pending) {
    db.transaction(() => {
      db.exec(file.sql);
      record.run(file.id, file.name, file.checksum, nowMs);
    }).immediate();
  }
  return pending.map((f) => f.name);
}

/**
 * The files still to apply after `applied` (the `__migrations__` rows in id order), for either
 * store's runner (SQLite here, PostgreSQL in pg-migrations.ts). Throws MigrationMismatchError
 * when the applied list is not a prefix of `files`, name for name and checksum for checksum.
 */
export function pendingMigrations(applied: readonly AppliedRow[], files: readonly MigrationFile[]): MigrationFile[] {
  applied.forEach((row, i) => {
    const file = files[i];
    if (row.id !== i + 1) {
      throw new MigrationMismatchError(`applied migrations have a gap: expected id ${i + 1}, found ${row.id}`);
    }
    if (!file) {
      throw new MigrationMismatchError(
        `database has migration ${row.id} (${row.name}) that this build does not know; refusing to start`,
      );
    }
    if (file.name !== row.name) {
      throw new MigrationMismatchError(`migration ${row.id} is ${row.name} in the database but ${file.name} on disk`);
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationMismatchError(
        `migration ${file.name} was changed after it was applied (checksum differs); refusing to start`,
      );
    }
  });
  return files.slice(applied.length);
}
