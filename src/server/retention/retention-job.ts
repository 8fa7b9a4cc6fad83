/**
 * D5: the daily retention run, started with the server (main.ts). Runs once shortly after start,
 * then every day; the next run is scheduled only when the last one has finished, so two runs never
 * overlap. The clock and the timers are injected (tests drive them).
 *
 * Issue 10 §4: a company runs several server processes on one PostgreSQL database, each with this
 * job. A run holds the database's `retention` lease (store/shared-state.ts), renewed before each
 * building, so one process at a time archives and the others skip that day's run; a process that
 * dies mid-run lets the lease lapse, and the next run anywhere carries on where it stopped.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { describeError } from '../logger';
import type { Store } from '../store/store';
import { archiveBuilding, type ArchiveResult } from './archive-run';

export const RETENTION_INTERVAL_MS = 86_400_000;
/** The first run waits this long after start, so a starting server answers tablets first. */
export const RETENTION_FIRST_DELAY_MS = 60_000;
/** Issue 10 §4: the lease a run holds, across every process of the database. */
export const RETENTION_LEASE = 'retention';
/** How long the lease lasts; renewed before each building, so only a dead holder lets it lapse. */
export const RETENTION_LEASE_MS = 30 * 60_000;

export interface RetentionJobOptions {
  store: Store;
  dataDir: string;
  logger: Logger;
  now: () => number;
  intervalMs?: number;
  firstDelayMs?: number;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
  /** Who holds the lease: this process (a new id per job unless given). */
  holder?: string;
}

export interface RetentionJob {
  /** Run now unless a run is in progress, here or in another process of the database (then null). */
  runNow(): Promise<ArchiveResult[] | null>;
  stop(): void;
}

function nodeTimer(fn: () => void, ms: number): { cancel(): void } {
  const t = setTimeout(fn, ms);
  t.unref();
  return { cancel: () => clearTimeout(t) };
}

/** Start the daily retention job. */
export function startRetentionJob(opts: RetentionJobOptions): RetentionJob {
  const setTimer = opts.setTimer ?? nodeTimer;
  let running = false;
  let stopped = false;
  let timer: { cancel(): void } | null = null;

  const holder = opts.holder ?? randomUUID();
  const lease = () => opts.store.shared.acquireLease(RETENTION_LEASE, holder, RETENTION_LEASE_MS, opts.now());

  const archiveHeld = async (): Promise<ArchiveResult[] | null> => {
    if (!(await lease())) {
      opts.logger.info('retention: another server process is running it; skipped');
      return null;
    }
    try {
      const results: ArchiveResult[] = [];
      for (const siteId of await opts.store.listSiteIds()) {
        // Renewed before each building; lost only if this process stalled past the lease.
        if (!(await lease())) {
          opts.logger.warn('retention: the lease passed to another process; this run stopped', { siteId });
          break;
        }
        const r = await archiveBuilding({ store: opts.store, dataDir: opts.dataDir, nowMs: opts.now() }, siteId);
        if (r.rowCount > 0)
          opts.logger.info('retention: archived', { siteId, rows: r.rowCount, files: r.files.map((f) => f.file) });
        results.push(r);
      }
      return results;
    } finally {
      await opts.store.shared.releaseLease(RETENTION_LEASE, holder).catch(() => undefined);
    }
  };

  const runNow = async (): Promise<ArchiveResult[] | null> => {
    if (running) return null;
    running = true;
    try {
      return await archiveHeld();
    } catch (err) {
      opts.logger.error(
        'retention: archive run failed; nothing was removed past the last committed batch',
        describeError(err),
      );
      return [];
    } finally {
      running = false;
    }
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimer(() => {
      timer = null;
      void runNow().finally(() => schedule(opts.intervalMs ?? RETENTION_INTERVAL_MS));
    }, ms);
  };
  schedule(opts.firstDelayMs ?? RETENTION_FIRST_DELAY_MS);

  return {
    runNow,
    stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}
