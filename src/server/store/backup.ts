/**
 * Issue 9 §2: consistent online backups of the live database. A `cp` of a WAL database misses
 * every commit still in `-wal` (the copy had no tables at all); SQLite's backup API copies
 * a consistent snapshot page by page while the server keeps writing, and restarts when a write
 * lands mid-copy. The copy is turned into a self-contained file (journal mode DELETE), checked with
 * `PRAGMA quick_check`, and only then renamed to its name, so a file under that name is whole.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteStore } from '../store/sqlite-store';

/** Scheduled and default manual backups go to `DATA_DIR/backups`. */
export const BACKUP_DIR_NAME = 'backups';
/** How many scheduled (daily) backups are kept; older ones are removed after a new one is verified. */
export const KEEP_DAILY_BACKUPS = 14;
const DAILY_PREFIX = 'daily-';

export class BackupInvalidError extends Error {
  readonly code = 'backup_invalid';
}

export interface BackupCheck {
  /** The backup's generation (null for a backup from before migration 0007). */
  generation: string | null;
  /** Migrations recorded in the backup. */
  migrations: number;
}

export interface BackupResult extends BackupCheck {
  file: string;
  bytes: number;
}

/** `20261202T103000Z` for a file name: sorts by time, no characters a file system minds. */
export function timeStamp(nowMs: number): string {
  return new Date(nowMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Open `file` read-only and check it is a whole Handover Desk database: quick_check ok, the
 * migrations table present. Throws BackupInvalidError saying what is wrong.
 */
export function verifyBackupFile(file: string): BackupCheck {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new BackupInvalidError(`cannot open ${file}: ${(e as Error).message}`);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupInvalidError(`${file} fails quick_check: ${String(check)}`);
    const has = (name: string) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    if (!has('__migrations__') || !has('rows')) {
      throw new BackupInvalidError(`${file} is not a Handover Desk database (no migrations or rows table)`);
    }
    const migrations = (db.prepare('SELECT COUNT(*) AS n FROM __migrations__').get() as { n: number }).n;
    const generation = has('server_meta')
      ? ((db.prepare("SELECT value FROM server_meta WHERE key = 'generation'").get() as { value: string } | undefined)
          ?.value ?? null)
      : null;
    return { generation, migrations };
  } catch (e) {
    if (e instanceof BackupInvalidError) throw e;
    throw new BackupInvalidError(`${file} cannot be read: ${(e as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * A consistent online backup of the store's database into `file` (created with its directory;
 * an existing file is replaced only once the new copy is verified). Safe while the server serves.
 */
export async function backupDatabase(store: SqliteStore, file: string): Promise<BackupResult> {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    await store.db.backup(partial);
    // One file, no -wal beside it: a backup is copied, mailed and restored as a single file.
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = verifyBackupFile(partial);
    renameSync(partial, file);
    return { ...check, file, bytes: statSync(file).size };
  } catch (e) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(f, { force: true });
    throw e;
  }
}

/** The scheduled backups in `dir`, oldest first (their names sort by time). */
export function listDailyBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(DAILY_PREFIX) && n.endsWith('.sqlite'))
    .sort()
    .map((n) => join(dir, n));
}

/** The file name of a scheduled backup taken at `nowMs`. */
export function dailyBackupFile(dir: string, nowMs: number): string {
  return join(dir, `${DAILY_PREFIX}${timeStamp(nowMs)}.sqlite`);
}

/** Remove scheduled backups beyond the newest `keep`; manual backups are never touched. */
export function pruneDailyBackups(dir: string, keep = KEEP_DAILY_BACKUPS): string[] {
  const all = listDailyBackups(dir);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const f of old) rmSync(f, { force: true });
  return old;
}
