/**
 * The photo sync's side of the database (photo-sync.ts), so the sync code never touches tables
 * itself: which bytes still have to go up, which photo rows still lack their bytes, and what
 * happened to each attempt. Local only; nothing here is synced as a row.
 */
import { rethrowStorageError } from './errors';
import { getMeta, setMeta, type PhotoDownloadTry } from './meta';
import type { HandoverDb, PhotoBlobRow, PhotoUploadRefusal } from './schema';

export type { PhotoUploadRefusal } from './schema';

/**
 * Only photos taken this recently are fetched ahead of need: a handover shows the last days' count
 * and events, and a tablet that fetched every photo of the building would fill its storage over
 * the years. Older photos are fetched when someone opens them (ui/use-photo-url.ts).
 */
export const PHOTO_PREFETCH_MS = 14 * 86_400_000;

/** A failed download waits this long before the next try, doubling per failure... */
export const DOWNLOAD_BACKOFF_MIN_MS = 60_000;
/** ...up to this, so a photo whose taking tablet comes back after days still arrives within the hour. */
export const DOWNLOAD_BACKOFF_MAX_MS = 3_600_000;

export function photoRefusal(blob: PhotoBlobRow): PhotoUploadRefusal | undefined {
  return blob.refusal;
}

async function inTransaction<T>(db: HandoverDb, fn: () => Promise<T>): Promise<T> {
  try {
    return await db.transaction('rw', [db.photoBlob, db.meta], fn);
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/**
 * The sha256s of up to `limit` photos taken here that the server does not have yet and has not
 * refused: never-tried ones first, then those whose last failed try is oldest, so one photo the
 * server keeps failing on cannot hold up the others. Only the order is kept in memory; each blob's
 * bytes are read when it is sent (pendingBlob).
 */
export async function uploadQueue(db: HandoverDb, limit: number): Promise<string[]> {
  const pending: { sha256: string; triedAt: number }[] = [];
  await db.photoBlob
    .where('uploaded')
    .equals(0)
    .each((b) => {
      if (b.refusal === undefined) pending.push({ sha256: b.sha256, triedAt: b.triedAt ?? -1 });
    });
  return pending
    .sort((a, b) => a.triedAt - b.triedAt || a.sha256.localeCompare(b.sha256))
    .slice(0, Math.max(0, limit))
    .map((p) => p.sha256);
}

/** The blob to upload, unless it went up or was refused meanwhile. */
export async function pendingBlob(db: HandoverDb, sha256: string): Promise<PhotoBlobRow | undefined> {
  const blob = await db.photoBlob.get(sha256);
  return blob && blob.uploaded === 0 && blob.refusal === undefined ? blob : undefined;
}

/** The server has the bytes (201 created or 200 already there). */
export async function markPhotoUploaded(db: HandoverDb, sha256: string): Promise<void> {
  await inTransaction(db, async () => {
    const blob = await db.photoBlob.get(sha256);
    if (!blob) return;
    const { refusal: _refusal, triedAt: _tried, ...rest } = blob;
    await db.photoBlob.put({ ...rest, uploaded: 1 });
  });
}

/** Records a refusal on the blob: it keeps uploaded 0 and is not offered for upload again. */
export async function recordUploadRefusal(db: HandoverDb, sha256: string, refusal: PhotoUploadRefusal): Promise<void> {
  await inTransaction(db, async () => {
    const blob = await db.photoBlob.get(sha256);
    if (!blob || blob.uploaded === 1) return;
    await db.photoBlob.put({ ...blob, refusal });
  });
}

/** Records a failure that may pass (5xx, 429, 409): the blob goes to the back of the queue. */
export async function recordUploadTry(db: HandoverDb, sha256: string, at: number): Promise<void> {
  await inTransaction(db, async () => {
    const blob = await db.photoBlob.get(sha256);
    if (!blob || blob.uploaded === 1) return;
    await db.photoBlob.put({ ...blob, triedAt: at });
  });
}

/** When a failed download may be tried again (never, once refused). */
export function downloadRetryAt(t: PhotoDownloadTry): number {
  if (t.refused) return Number.POSITIVE_INFINITY;
  const wait = DOWNLOAD_BACKOFF_MIN_MS * 2 ** Math.max(0, t.failures - 1);
  return t.at + Math.min(DOWNLOAD_BACKOFF_MAX_MS, wait);
}

/**
 * Up to `limit` photos taken in the last PHOTO_PREFETCH_MS whose bytes this tablet lacks and that
 * are due: never-tried ones first (newest photo first), then those whose last try is oldest, so a
 * photo that is not on the server yet cannot starve the others. The candidates come from the
 * sha256 index (keys only); rows are read only for hashes this tablet lacks.
 */
export async function downloadQueue(
  db: HandoverDb,
  nowMs: number,
  limit: number,
): Promise<{ sha256: string; mime: string }[]> {
  if (limit <= 0) return [];
  const [keys, have, tries] = await Promise.all([
    db.photo.orderBy('sha256').uniqueKeys(),
    db.photoBlob.toCollection().primaryKeys(),
    getMeta(db, 'photoDownloads'),
  ]);
  const haveSet = new Set(have);
  const due = (sha: string) => {
    const t = tries?.[sha];
    return t === undefined || downloadRetryAt(t) <= nowMs;
  };
  const missing = (keys as string[]).filter((sha) => !haveSet.has(sha) && due(sha));
  if (missing.length === 0) return [];
  const since = nowMs - PHOTO_PREFETCH_MS;
  const wanted = new Map<string, { sha256: string; mime: string; takenAt: number }>();
  const rows = await db.photo
    .where('sha256')
    .anyOf(missing)
    .filter((p) => !p.deleted && p.takenAt >= since)
    .toArray();
  for (const p of rows) {
    const seen = wanted.get(p.sha256);
    if (!seen || p.takenAt > seen.takenAt) wanted.set(p.sha256, { sha256: p.sha256, mime: p.mime, takenAt: p.takenAt });
  }
  const tried = (sha: string) => tries?.[sha]?.at ?? Number.NEGATIVE_INFINITY;
  return [...wanted.values()]
    .sort((a, b) => tried(a.sha256) - tried(b.sha256) || b.takenAt - a.takenAt || a.sha256.localeCompare(b.sha256))
    .slice(0, limit)
    .map(({ sha256, mime }) => ({ sha256, mime }));
}

/** Whether a photo phase has anything to do: bytes to send, or recent bytes due to fetch. */
export async function photoWorkPending(db: HandoverDb, nowMs: number): Promise<boolean> {
  return (await uploadQueue(db, 1)).length > 0 || (await downloadQueue(db, nowMs, 1)).length > 0;
}

/** Stores fetched bytes (already verified against `sha256`) as uploaded: the server has them. */
export async function storeFetchedPhoto(
  db: HandoverDb,
  sha256: string,
  mime: string,
  data: ArrayBuffer,
): Promise<void> {
  await inTransaction(db, async () => {
    if (!(await db.photoBlob.get(sha256))) await db.photoBlob.add({ sha256, mime, data, uploaded: 1 });
    const tries = await getMeta(db, 'photoDownloads');
    if (tries && sha256 in tries) {
      const { [sha256]: _done, ...rest } = tries;
      await setMeta(db, 'photoDownloads', rest);
    }
  });
}

/**
 * Remembers a failed download: tried again after the back-off (downloadRetryAt), or, when
 * `refused` (403), never again by the sync.
 */
export async function recordDownloadFailure(
  db: HandoverDb,
  sha256: string,
  at: number,
  refused: boolean,
): Promise<void> {
  await inTransaction(db, async () => {
    const tries = (await getMeta(db, 'photoDownloads')) ?? {};
    const failures = (tries[sha256]?.failures ?? 0) + 1;
    await setMeta(db, 'photoDownloads', { ...tries, [sha256]: { at, failures, refused } });
  });
}
