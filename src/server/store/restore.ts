/**
 * Issue 9 §2: `npm run restore -- FILE` (scripts/restore.ts) and the simulation's in-process
 * restore. With the server stopped: verify the backup, prepare the restored file beside the live
 * one (migrated to this build, a NEW generation, devices and keys the backup lacks carried over),
 * then keep the live file aside as `handover-desk.sqlite.before-restore-<time>` and move the
 * restored one in. Nothing is changed before the restored file is ready, so a refused or failed
 * restore leaves the live database as it was (docs/architecture.md "Restores").
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { timeStamp, verifyBackupFile } from './backup';
import { dataDirHolder } from './data-dir-lock';
import { openSqliteStore } from './sqlite-store';

/** The live database's file name under DATA_DIR (also main.ts's DB_FILE_NAME). */
const LIVE_FILE = 'handover-desk.sqlite';

export class RestoreRefusedError extends Error {
  readonly code = 'restore_refused';
}

export interface RestoreOptions {
  dataDir: string;
  backupFile: string;
  /** When the restore runs (T1: injected); names the kept-aside file. */
  nowMs: number;
}

export interface RestoreResult {
  generation: string;
  /** The live database's generation before the restore (null: none, or unreadable). */
  previousGeneration: string | null;
  backupGeneration: string | null;
  /** Where the live database was kept (null when there was none). */
  keptAside: string | null;
  /** Devices enrolled after the backup, carried over with last_counter 0 (they resend everything). */
  carriedDevices: string[];
  /** Devices revoked after the backup: still revoked. */
  keptRevoked: string[];
  /** Actor-proof keys set after the backup (a PIN changed since), carried over. */
  carriedKeys: number;
  /** Why the live database's devices could not be read (then nothing was carried). */
  liveUnreadable: string | null;
}

type Row = Record<string, unknown>;

interface LiveState {
  generation: string | null;
  devices: Row[];
  keys: Row[];
}

/** Read what the restore carries over from the live database, after folding its WAL in. */
function readLive(file: string): LiveState {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const has = (name: string) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    const generation = has('server_meta')
      ? ((db.prepare("SELECT value FROM server_meta WHERE key = 'generation'").get() as { value: string } | undefined)
          ?.value ?? null)
      : null;
    return {
      generation,
      devices: db.prepare('SELECT * FROM devices').all() as Row[],
      keys: has('staff_keys') ? (db.prepare('SELECT * FROM staff_keys').all() as Row[]) : [],
    };
  } finally {
    db.close();
  }
}

function columnsOf(db: Database.Database, table: string): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
}

function insertRow(db: Database.Database, table: string, row: Row, verb: 'INSERT' | 'INSERT OR REPLACE'): void {
  const cols = columnsOf(db, table);
  const names = Object.keys(row).filter((k) => cols.has(k));
  db.prepare(`${verb} INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
    ...names.map((n) => row[n]),
  );
}

/** Move `file` and its -wal/-shm (if any) to `target` with the same suffixes. */
function moveDatabase(file: string, target: string): void {
  renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
}

/**
 * Restore `backupFile` into `dataDir` with the server stopped.
 * @throws RestoreRefusedError while a server holds the data directory (data-dir-lock.ts);
 * BackupInvalidError for a file that is not a whole Handover Desk database; MigrationMismatchError
 * for a backup of a newer build. In every case the live database is left untouched.
 */
export function restoreDatabase(opts: RestoreOptions): RestoreResult {
  const holder = dataDirHolder(opts.dataDir);
  if (holder !== null) {
    throw new RestoreRefusedError(
      `a server (pid ${holder}) is serving ${opts.dataDir}; stop it first ` +
        `(if no server runs, remove ${join(opts.dataDir, 'server.lock')})`,
    );
  }
  const backup = verifyBackupFile(opts.backupFile);
  const live = join(opts.dataDir, LIVE_FILE);
  let state: LiveState = { generation: null, devices: [], keys: [] };
  let liveUnreadable: string | null = null;
  if (existsSync(live)) {
    try {
      state = readLive(live);
    } catch (e) {
      liveUnreadable = (e as Error).message;
    }
  }

  const staging = `${live}.restoring`;
  for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) rmSync(f, { force: true });
  copyFileSync(opts.backupFile, staging);
  const generation = randomBytes(12).toString('hex');
  const carriedDevices: string[] = [];
  const keptRevoked: string[] = [];
  let carriedKeys = 0;
  try {
    // Migrates a backup of an older build; refuses one of a newer build (MigrationMismatchError).
    const store = openSqliteStore(staging, { nowMs: opts.nowMs });
    try {
      const db = store.db;
      db.transaction(() => {
        db.prepare("INSERT OR REPLACE INTO server_meta (key, value) VALUES ('generation', ?)").run(generation);
        carryDevices(db, state.devices, carriedDevices, keptRevoked);
        carriedKeys = carryKeys(db, state.keys);
      }).immediate();
    } finally {
      // Closed at once (nothing else uses this store): the file is moved in right after.
      store.db.close();
    }
  } catch (e) {
    for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) rmSync(f, { force: true });
    throw e;
  }

  let keptAside: string | null = null;
  if (existsSync(live)) {
    keptAside = `${live}.before-restore-${timeStamp(opts.nowMs)}`;
    moveDatabase(live, keptAside);
  }
  moveDatabase(staging, live);
  return {
    generation,
    previousGeneration: state.generation,
    backupGeneration: backup.generation,
    keptAside,
    carriedDevices,
    keptRevoked,
    carriedKeys,
    liveUnreadable,
  };
}

/**
 * Devices enrolled after the backup come over with last_counter 0, so the restored server asks
 * them for every op from 1 and they resend what they retained; a device of a building the backup
 * does not hold is left out. A device revoked since the backup stays revoked.
 */
function carryDevices(db: Database.Database, devices: Row[], carried: string[], revoked: string[]): void {
  const known = db.prepare<[string], { revoked: number }>('SELECT revoked FROM devices WHERE id = ?');
  const hasSite = db.prepare<[string]>('SELECT 1 FROM site_seq WHERE site_id = ?');
  const revoke = db.prepare('UPDATE devices SET revoked = 1, revoked_at = ?, revoked_by = ? WHERE id = ?');
  for (const d of devices) {
    const id = String(d['id']);
    const inBackup = known.get(id);
    if (inBackup) {
      if (Number(d['revoked']) === 1 && inBackup.revoked !== 1) {
        revoke.run(d['revoked_at'] ?? null, d['revoked_by'] ?? null, id);
        revoked.push(id);
      }
      continue;
    }
    if (hasSite.get(String(d['site_id'])) === undefined) continue;
    insertRow(db, 'devices', { ...d, last_counter: 0 }, 'INSERT');
    carried.push(id);
  }
}

/** Proof keys newer than the backup's (a PIN set or changed since): the tablets' ops are signed with them. */
function carryKeys(db: Database.Database, keys: Row[]): number {
  const current = db.prepare<[string, string], { updated_at: number }>(
    'SELECT updated_at FROM staff_keys WHERE site_id = ? AND staff_id = ?',
  );
  let n = 0;
  for (const k of keys) {
    const mine = current.get(String(k['site_id']), String(k['staff_id']));
    if (mine && mine.updated_at >= Number(k['updated_at'])) continue;
    insertRow(db, 'staff_keys', k, 'INSERT OR REPLACE');
    n++;
  }
  return n;
}
