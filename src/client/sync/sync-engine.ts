/**
 * The sync engine (docs/architecture.md "Sync protocol"): push the outbox, then pull the building's changes,
 * then the photo bytes. The same engine runs in the page and in the service worker (Background
 * Sync), so nothing here touches `window` or `document`. One run of rows at a time per building: a
 * Web Lock `sync:<siteId>` across page and worker, and in-realm coalescing of concurrent calls.
 * The photo phase runs after that lock is released, under its own lock `photos:<siteId>`, so a
 * count tap or a signing made while megabytes of photos move is pushed at once.
 */
import { isQuotaExceeded } from '../db/errors';
import { cachedOffset, EMPTY_STATUS, getMeta, setMeta, type StatusMeta } from '../db/meta';
import { photoWorkPending } from '../db/photo-store';
import type { SyncStatus } from '../db/queries';
import { getDevice, type DeviceInfo } from '../db/repos/device-repo';
import type { HandoverDb } from '../db/schema';
import { DEFAULT_PULL_LIMIT } from '../../domain/sync-protocol';
import { ApiRequestError, NetworkError } from './api-client';
import { syncPhotos, type PhotoSyncOutcome } from './photo-sync';
import { pullChanges } from './pull';
import { pushOutbox } from './push';
import { makeSession } from './session';
import { pruneLocalWindow } from '../db/local-prune';
import { pruneSentOps } from '../db/sent-ops';

export interface SyncEngineOptions {
  db: HandoverDb;
  /** '' for the same origin. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** The tablet's clock; defaults to Date.now. */
  now?: () => number;
  /** navigator.locks in page and worker; null/absent runs without a cross-context lock. */
  locks?: LockManager | null;
  /** Ops per push request (halved automatically on 413). */
  pushBatch?: number;
  /** Changes per pull page. */
  pullLimit?: number;
  /** Told about every failure of a run (for logs); the outcome carries its kind either way. */
  onError?: (e: unknown) => void;
  /** Photo bytes uploaded per run (default DEFAULT_PHOTO_UPLOADS). */
  photoUploads?: number;
  /** Missing photo bytes downloaded per run (default DEFAULT_PHOTO_DOWNLOADS); 0 downloads none. */
  photoDownloads?: number;
  /**
   * Told what the photo phase after a run did, when it ran (not when there was nothing to do or
   * another context was running it) and did not end on an error.
   */
  onPhotos?: (o: PhotoSyncOutcome) => void;
}

export interface SyncOutcome {
  pushed: number;
  pulled: number;
  rejected: number;
  error: SyncStatus['lastError'];
}

export interface SyncEngine {
  /**
   * Runs one sync. Never rejects for network, auth or server trouble: the outcome's `error` says
   * what went wrong, and the same is written to the sync status in meta. A call made while a run
   * is in progress waits for one follow-up run that all such calls share, so a write made during
   * a run is never left waiting for the next trigger. Resolves once the run's photo phase is over
   * too (a service worker's sync event keeps running until then); the follow-up run of rows does
   * not wait for that phase.
   */
  syncNow(): Promise<SyncOutcome>;
}

export const DEFAULT_PUSH_BATCH = 100;

/**
 * The Background Sync tag: the page registers it after local writes (page-sync.ts) and the service
 * worker answers it by running this engine (sw.ts). tests/e2e/background-sync.test.ts proves it.
 */
export const BACKGROUND_SYNC_TAG = 'handover-sync';

function classify(e: unknown): NonNullable<SyncOutcome['error']> {
  if (e instanceof NetworkError) return 'offline';
  if (e instanceof ApiRequestError && e.status === 401) return 'unauthorized';
  if (isQuotaExceeded(e) || (e instanceof Error && e.name === 'QuotaError')) return 'quota';
  return 'server';
}

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const { db, baseUrl } = opts;
  const now = opts.now ?? (() => Date.now());
  const fetchFn: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const pushBatch = opts.pushBatch ?? DEFAULT_PUSH_BATCH;
  const pullLimit = opts.pullLimit ?? DEFAULT_PULL_LIMIT;

  async function writeStatus(patch: Partial<StatusMeta>): Promise<void> {
    try {
      const current = (await getMeta(db, 'syncStatus')) ?? EMPTY_STATUS;
      await setMeta(db, 'syncStatus', { ...current, ...patch });
    } catch {
      // A full disk must not turn a finished sync into a failed one; the outcome still says it.
    }
  }

  async function run(device: DeviceInfo): Promise<SyncOutcome> {
    const session = makeSession(db, device, baseUrl, fetchFn, now);
    await writeStatus({ lastAttemptAt: session.corrected() });
    const outcome: SyncOutcome = { pushed: 0, pulled: 0, rejected: 0, error: null };
    try {
      let pushed = await pushOutbox(session, pushBatch);
      outcome.pushed = pushed.pushed;
      outcome.rejected = pushed.rejected;
      outcome.pulled = await pullChanges(session, pullLimit);
      // Issue 9 §1: this run met a restored server (new generation, cursor ahead). Having pulled its
      // history from 0, the tablet resends at once what the server no longer has.
      if (!pushed.blocked && (await getMeta(db, 'resendCheck'))) {
        pushed = await pushOutbox(session, pushBatch);
        outcome.pushed += pushed.pushed;
        outcome.rejected += pushed.rejected;
        outcome.pulled += await pullChanges(session, pullLimit);
      }
      // Held pushes are an error the status bar shows; the pull still brought everyone's changes.
      outcome.error = pushed.blocked ? 'blocked' : null;
      await writeStatus({ lastSyncAt: session.corrected(), lastError: outcome.error });
      await pruneAfterRun(session.corrected());
    } catch (e) {
      outcome.error = classify(e);
      opts.onError?.(e);
      await writeStatus({ lastError: outcome.error });
    }
    return outcome;
  }

  /**
   * D5: after a sync run (inside its lock, so no pull interleaves), rows older than the tablet's
   * window are pruned from the tablet only (local-prune.ts), and acknowledged ops past their
   * retention (sent-ops.ts). A failure there never fails the sync.
   */
  async function pruneAfterRun(nowMs: number): Promise<void> {
    try {
      await pruneLocalWindow(db, nowMs);
      // Issue 9 §1: acknowledged ops are kept ACKED_OP_RETENTION_DAYS for a restored server.
      await pruneSentOps(db, nowMs);
    } catch (e) {
      opts.onError?.(e);
    }
  }

  /** Server-corrected time (T1) as this realm last learned it. */
  const corrected = () => now() + (cachedOffset(db) ?? 0);

  /**
   * Photo bytes up, then a bounded number down, after a run of rows and outside its lock. Rows
   * come first (a photo row must reach the server before its bytes matter; syncPhotos stops when a
   * write is waiting) and a photo failure never fails their sync. Nothing to do takes no lock; a
   * photo phase already running in another context (page or worker) is not waited for.
   */
  async function photoPhase(device: DeviceInfo): Promise<void> {
    try {
      if (!(await photoWorkPending(db, corrected()))) return;
      const sync = () =>
        syncPhotos({
          db,
          device,
          baseUrl,
          fetch: fetchFn,
          now: corrected,
          ...(opts.photoUploads !== undefined ? { uploadLimit: opts.photoUploads } : {}),
          ...(opts.photoDownloads !== undefined ? { downloadLimit: opts.photoDownloads } : {}),
        });
      const photos = opts.locks
        ? await opts.locks.request(`photos:${device.siteId}`, { ifAvailable: true }, (lock) => (lock ? sync() : null))
        : await sync();
      if (photos) opts.onPhotos?.(photos);
    } catch (e) {
      opts.onError?.(e);
    }
  }

  let photosRunning: Promise<void> | null = null;
  let photosNext: Promise<void> | null = null;

  /** Coalesces photo phases in this realm like the runs of rows: the running one plus one more. */
  function photosSoon(device: DeviceInfo): Promise<void> {
    const begin = (): Promise<void> => {
      const p = photoPhase(device).finally(() => {
        if (photosRunning === p) photosRunning = null;
      });
      photosRunning = p;
      return p;
    };
    if (!photosRunning) return begin();
    photosNext ??= photosRunning.then(() => {
      photosNext = null;
      return photosRunning ?? begin();
    });
    return photosNext;
  }

  /** One run of rows under the building's lock; the device for the photo phase when it succeeded. */
  async function runLocked(): Promise<{ outcome: SyncOutcome; device: DeviceInfo | null }> {
    const device = await getDevice(db);
    if (!device) return { outcome: { pushed: 0, pulled: 0, rejected: 0, error: 'unauthorized' }, device: null };
    const outcome = await (opts.locks ? opts.locks.request(`sync:${device.siteId}`, () => run(device)) : run(device));
    return { outcome, device: outcome.error === null ? device : null };
  }

  /**
   * The run of rows in progress in this realm (what a follow-up waits for: not the photos) and
   * what its caller is given (its rows, then its photo phase).
   */
  let current: { rows: Promise<unknown>; result: Promise<SyncOutcome> } | null = null;
  let followUp: Promise<SyncOutcome> | null = null;

  function start(): Promise<SyncOutcome> {
    const rows = runLocked()
      .catch((e: unknown) => {
        opts.onError?.(e);
        return { outcome: { pushed: 0, pulled: 0, rejected: 0, error: classify(e) }, device: null };
      })
      .finally(() => {
        if (current?.rows === rows) current = null;
      });
    // The caller (the worker's sync event among them) waits for the photos too; the next run of
    // rows (a follow-up) starts as soon as these rows are done, without waiting for the photos.
    const result = rows.then(async ({ outcome, device }) => {
      if (device) await photosSoon(device);
      return outcome;
    });
    current = { rows, result };
    return result;
  }

  return {
    syncNow() {
      if (!current) return start();
      followUp ??= current.rows
        .catch(() => undefined)
        .then(() => {
          followUp = null;
          return current?.result ?? start();
        });
      return followUp;
    },
  };
}
