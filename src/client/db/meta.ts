/**
 * Typed access to the device-local `meta` table. Every key the data layer keeps is named here, so
 * the sync engine (page or service worker) and the repositories agree on the shapes.
 */
import type { DeviceInfo } from './repos/device-repo';
import type { HandoverDb } from './schema';

/**
 * Why the last sync attempt failed, as the status bar shows it. 'blocked' (issue 9 §1): the server
 * lost ops this tablet no longer holds, so its pushes are held until an admin re-enrols it.
 */
export type SyncErrorKind = 'offline' | 'unauthorized' | 'server' | 'quota' | 'blocked' | null;

/** T1: the server's clock minus the tablet's, learned from `serverTime`. */
export interface ClockMeta {
  offsetMs: number;
  /** Round trip of the request the offset was learned from (null: learned at enrolment). */
  rttMs: number | null;
  /** Tablet clock when learned. */
  learnedAt: number;
}

export interface StatusMeta {
  lastSyncAt: number | null;
  lastAttemptAt: number | null;
  lastError: SyncErrorKind;
}

/**
 * Recorded when the server answered 409 counter_gap (it had lost ops it once acknowledged, issue 9
 * §1): the retained ops from `expected` to `got - 1` were put back in the outbox with their
 * original counters and proofs.
 */
export interface CounterGapMeta {
  expected: number;
  got: number;
  resent: number;
  at: number;
}

/**
 * Issue 9 §1: the server lost ops of this device older than the tablet keeps (ACKED_OP_RETENTION_DAYS).
 * Nothing is renumbered: this device pushes nothing more until an admin re-enrols the tablet (its
 * new device id is not blocked), and a visible syncError says which ops were lost.
 */
export interface PushBlockedMeta {
  deviceId: string;
  /** The first op the server asked for, which this tablet no longer holds. */
  expected: number;
  /** The oldest op this tablet still holds (null: none). */
  oldestHeld: number | null;
  at: number;
}

/**
 * A photo download that failed (issue 3 §7): tried again after a back-off that doubles with each
 * failure, or never again once the server refused it for good (403: another building's photo).
 */
export interface PhotoDownloadTry {
  /** Server-corrected time of the last failed try (T1). */
  at: number;
  /** Failed tries in a row. */
  failures: number;
  /** The answer will not change (403): not retried. The photo can still be opened on demand. */
  refused: boolean;
}

export interface MetaShapes {
  device: DeviceInfo;
  /** The last op counter used on this device (the next op gets +1). */
  counter: number;
  /** The highest counter the server has acknowledged. */
  ackedThrough: number;
  /** The building sequence pulled so far. */
  cursor: number;
  /** The last HLC issued or received, serialised. */
  hlc: string;
  clock: ClockMeta;
  syncStatus: StatusMeta;
  counterGap: CounterGapMeta;
  /** Issue 9 §1: the server database's generation this tablet last synced with. */
  generation: string;
  /**
   * Issue 9 §1: a new generation or a cursor ahead of the server was met: before the next push the
   * newest acknowledged op is sent again, so the server's counter_gap says what it lost.
   */
  resendCheck: boolean;
  /**
   * Issue 9 §1: set while the pull from 0 of a replaced history runs. Its end removes the rows of
   * other devices that the new history no longer has (sent-ops.ts sweepAfterResync).
   */
  resyncSweep: boolean;
  pushBlocked: PushBlockedMeta;
  /** sha256 -> the failed downloads of photos other tablets took; cleared when the bytes arrive. */
  photoDownloads: Record<string, PhotoDownloadTry>;
}

export type MetaKey = keyof MetaShapes;

export async function getMeta<K extends MetaKey>(db: HandoverDb, key: K): Promise<MetaShapes[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaShapes[K] | undefined;
}

export async function setMeta<K extends MetaKey>(db: HandoverDb, key: K, value: MetaShapes[K]): Promise<void> {
  await db.meta.put({ key, value });
}

export const EMPTY_STATUS: StatusMeta = { lastSyncAt: null, lastAttemptAt: null, lastError: null };

/**
 * The latest clock offset known in this JavaScript realm. A WriteContext's synchronous `now()`
 * reads it; it is refreshed from `meta.clock` at the start of every write and whenever this realm
 * learns a new offset, so a sync in the page takes effect at once and one in the service worker at
 * the next write.
 */
const offsetCache = new WeakMap<HandoverDb, number>();

export function cachedOffset(db: HandoverDb): number | undefined {
  return offsetCache.get(db);
}

export function rememberOffset(db: HandoverDb, offsetMs: number): void {
  offsetCache.set(db, offsetMs);
}

export async function refreshOffset(db: HandoverDb): Promise<number> {
  const offset = (await getMeta(db, 'clock'))?.offsetMs ?? 0;
  rememberOffset(db, offset);
  return offset;
}
