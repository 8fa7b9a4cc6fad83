/**
 * D5: the daily retention run, started with the server (main.ts). Runs once shortly after start,
 * then every day; the next run is scheduled only when the last one has finished, so two runs never
 * overlap. The clock and the timers are injected (tests drive them).
 */
import type { Logger } from '../logger';
import { describeError } from '../logger';
import type { Store } from '../store/store';
import { archiveAll, type ArchiveResult } from './archive-run';

export const RETENTION_INTERVAL_MS = 86_400_000;
/** The first run waits this long after start, so a starting server answers tablets first. */
export const RETENTION_FIRST_DELAY_MS = 60_000;

export interface RetentionJobOptions {
  store: Store;
  dataDir: string;
  logger: Logger;
  now: () => number;
  intervalMs?: number;
  firstDelayMs?: number;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

export interface RetentionJob {
  /** Run now unless a run is in progress (then null). */
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

  const runNow = async (): Promise<ArchiveResult[] | null> => {
    if (running) return null;
    running = true;
    try {
      const results = await archiveAll({ store: opts.store, dataDir: opts.dataDir, nowMs: opts.now() });
      for (const r of results) {
        if (r.rowCount > 0)
          opts.logger.info('retention: archived', {
            siteId: r.siteId,
            rows: r.rowCount,
            files: r.files.map((f) => f.file),
          });
      }
      return results;
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
