/**
 * Issue 9 §2: which process serves a data directory. A running server writes
 * `DATA_DIR/server.lock` (its pid) at start and removes it when it stops; `npm run restore` refuses
 * while the lock names a live process. SQLite itself cannot tell: in WAL mode an idle server holds
 * no lock on the file, and a `-wal` file is left behind by a crash as well as by a running server.
 * A lock left by a killed server names a dead pid and is ignored (README "Backups and restores").
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'server.lock';

interface LockContent {
  pid: number;
  startedAt: number;
  /** Tells this server's lock from another in-process server's (tests start several). */
  token: string;
}

function readLock(dataDir: string): LockContent | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0
      ? { pid: parsed.pid, startedAt: Number(parsed.startedAt), token: String(parsed.token) }
      : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user; only ESRCH says it is gone.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the live server holding `dataDir`, or null (no lock, or a killed server's). */
export function dataDirHolder(dataDir: string): number | null {
  const lock = readLock(dataDir);
  return lock && isAlive(lock.pid) ? lock.pid : null;
}

/** Mark `dataDir` as served by this process until `release()` (main.ts, at start and stop). */
export function holdDataDir(dataDir: string, nowMs: number): { release(): void } {
  const token = `${process.pid}-${nowMs}-${Math.random().toString(36).slice(2)}`;
  const content: LockContent = { pid: process.pid, startedAt: nowMs, token };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, LOCK_FILE_NAME), `${JSON.stringify(content)}\n`);
  return {
    release() {
      // Another server started on the same directory since (a restart in tests): its lock stays.
      if (readLock(dataDir)?.token === token) rmSync(join(dataDir, LOCK_FILE_NAME), { force: true });
    },
  };
}
