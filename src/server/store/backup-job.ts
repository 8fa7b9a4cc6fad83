/**
 * Issue 9 §2: the daily backup, started with the server (main.ts) like the retention job. Each run
 * writes `DATA_DIR/backups/daily-<time>.sqlite` (backup.ts: consistent, verified) and keeps the
 * newest KEEP_DAILY_BACKUPS. After a restart the next run is due a day after the newest backup, so
 * restarts do not multiply backups; a run is scheduled only when the last one has finished.
 */
import { join } from 'node:path';
import type { Logger } from '../logger';
import { describeError } from '../logger';
import type { SqliteStore } from './sqlite-store';
import {
  BACKUP_DIR_NAME,
  KEEP_DAILY_BACKUPS,
  backupDatabase,
  dailyBackupFile,
  listDailyBackups,
  pruneDailyBackups,
  type BackupResult,
} from './backup';

export const BACKUP_INTERVAL_MS = 86_400_000;
/** The first run waits at least this long after start, so a starting server answers tablets first. */
export const BACKUP_FIRST_DELAY_MS = 5 * 60_000;

export interface BackupJobOptions {
  store: SqliteStore;
  dataDir: string;
  logger: Logger;
  now: () => number;
  intervalMs?: number;
  firstDelayMs?: number;
  keep?: number;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

export interface BackupJob {
  /** Back up now unless a run is in progress (then null); never rejects (failures are logged). */
  runNow(): Promise<BackupResult | null>;
  stop(): void;
}

function nodeTimer(fn: () => void, ms: number): { cancel(): void } {
  const t = setTimeout(fn, ms);
  t.unref();
  return { cancel: () => clearTimeout(t) };
}

/** When a taken-at time is encoded in a daily backup's name (`daily-20261202T103000Z.sqlite`). */
function takenAt(file: string): number | null {
  const m = /daily-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.sqlite$/.exec(file);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Start the daily backup job. */
export function startBackupJob(opts: BackupJobOptions): BackupJob {
  const setTimer = opts.setTimer ?? nodeTimer;
  const interval = opts.intervalMs ?? BACKUP_INTERVAL_MS;
  const dir = join(opts.dataDir, BACKUP_DIR_NAME);
  let running = false;
  let stopped = false;
  let timer: { cancel(): void } | null = null;

  const runNow = async (): Promise<BackupResult | null> => {
    if (running || stopped) return null;
    running = true;
    try {
      const result = await backupDatabase(opts.store, dailyBackupFile(dir, opts.now()));
      const removed = pruneDailyBackups(dir, opts.keep ?? KEEP_DAILY_BACKUPS);
      opts.logger.info('backup: written and verified', { file: result.file, bytes: result.bytes, removed });
      return result;
    } catch (err) {
      // The previous backups stay: pruning runs only after a verified new one.
      opts.logger.error('backup: failed; the older backups are kept', describeError(err));
      return null;
    } finally {
      running = false;
    }
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimer(() => {
      timer = null;
      void runNow().finally(() => schedule(interval));
    }, ms);
  };
  const newest = listDailyBackups(dir)
    .map(takenAt)
    .filter((t): t is number => t !== null)
    .at(-1);
  const dueIn = newest === undefined ? 0 : newest + interval - opts.now();
  schedule(Math.max(opts.firstDelayMs ?? BACKUP_FIRST_DELAY_MS, dueIn));

  return {
    runNow,
    stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}
