/**
 * The sync engine (DESIGN.md "Sync protocol"): push the outbox, then pull the building's changes.
 * The same engine runs in the page and in the service worker (Background Sync), so nothing here
 * touches `window` or `document`. One run at a time per building: a Web Lock `sync:<siteId>`
 * across page and worker, and in-realm coalescing of concurrent calls.
 */
import { isQuotaExceeded } from '../db/errors';
import { EMPTY_STATUS, getMeta, setMeta, type StatusMeta } from '../db/meta';
import type { SyncStatus } from '../db/queries';
import { getDevice, type DeviceInfo } from '../db/repos/device-repo';
import type { HandoverDb } from '../db/schema';
import { DEFAULT_PULL_LIMIT } from '../../domain/sync-protocol';
import { ApiRequestError, NetworkError } from './api-client';
import { syncPhotos, type PhotoSyncOutcome } from './photo-sync';
import { pullChanges } from './pull';
import { pushOutbox } from './push';
import { makeSession } from './session';

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
  /** Told what the photo phase of a run did, when it ran to the end. */
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
   * a run is never left waiting for the next trigger.
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
      const pushed = await pushOutbox(session, pushBatch);
      outcome.pushed = pushed.pushed;
      outcome.rejected = pushed.rejected;
      outcome.pulled = await pullChanges(session, pullLimit);
      await writeStatus({ lastSyncAt: session.corrected(), lastError: null });
    } catch (e) {
      outcome.error = classify(e);
      opts.onError?.(e);
      await writeStatus({ lastError: outcome.error });
      return outcome;
    }
    await photoPhase(device, session.corrected);
    return outcome;
  }

  /**
   * After push and pull: photo bytes up, then a bounded number down. Rows come first (a photo row
   * must reach the server before its bytes matter) and a photo failure never fails their sync.
   */
  async function photoPhase(device: DeviceInfo, corrected: () => number): Promise<void> {
    try {
      const photos = await syncPhotos({
        db,
        device,
        baseUrl,
        fetch: fetchFn,
        now: corrected,
        ...(opts.photoUploads !== undefined ? { uploadLimit: opts.photoUploads } : {}),
        ...(opts.photoDownloads !== undefined ? { downloadLimit: opts.photoDownloads } : {}),
      });
      opts.onPhotos?.(photos);
    } catch (e) {
      opts.onError?.(e);
    }
  }

  async function runLocked(): Promise<SyncOutcome> {
    const device = await getDevice(db);
    if (!device) return { pushed: 0, pulled: 0, rejected: 0, error: 'unauthorized' };
    if (!opts.locks) return run(device);
    return opts.locks.request(`sync:${device.siteId}`, () => run(device));
  }

  let current: Promise<SyncOutcome> | null = null;
  let followUp: Promise<SyncOutcome> | null = null;

  function start(): Promise<SyncOutcome> {
    const p = runLocked()
      .catch((e: unknown): SyncOutcome => {
        opts.onError?.(e);
        return { pushed: 0, pulled: 0, rejected: 0, error: classify(e) };
      })
      .finally(() => {
        if (current === p) current = null;
      });
    current = p;
    return p;
  }

  return {
    syncNow() {
      if (!current) return start();
      followUp ??= current
        .catch(() => undefined)
        .then(() => {
          followUp = null;
          return current ?? start();
        });
      return followUp;
    },
  };
}
