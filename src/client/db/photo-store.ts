/**
 * The photo sync's side of the database (photo-sync.ts), so the sync code never touches tables
 * itself: which bytes still have to go up, which photo rows still lack their bytes, and what
 * happened to each attempt. Local only; nothing here is synced as a row.
 */
import { rethrowStorageError } from './errors';
import type { HandoverDb, PhotoBlobRow } from './schema';

/** The server refused the bytes for good (400 bad type or hash, 403, 413 too big). */
export interface PhotoUploadRefusal {
  status: number;
  code: string;
  message: string;
  at: number;
}

/**
 * A blob row as stored: `refusal` is set when the upload was refused, so it is not retried on
 * every sync but stays visible (uploaded stays 0). Not an index, so the schema is unchanged.
 */
type StoredBlob = PhotoBlobRow & { refusal?: PhotoUploadRefusal };

/** Meta key: sha256 -> when its download last failed (404 not uploaded yet, or refused). */
const DOWNLOAD_TRIES_KEY = 'photoDownloadTries';

export function photoRefusal(blob: PhotoBlobRow): PhotoUploadRefusal | undefined {
  return (blob as StoredBlob).refusal;
}

async function inTransaction<T>(db: HandoverDb, fn: () => Promise<T>): Promise<T> {
  try {
    return await db.transaction('rw', [db.photoBlob, db.meta], fn);
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/** Up to `limit` photos taken here that the server does not have yet and has not refused. */
export async function pendingUploads(db: HandoverDb, limit: number): Promise<PhotoBlobRow[]> {
  return db.photoBlob
    .where('uploaded')
    .equals(0)
    .filter((b) => photoRefusal(b) === undefined)
    .limit(limit)
    .toArray();
}

/** The server has the bytes (201 created or 200 already there). */
export async function markPhotoUploaded(db: HandoverDb, sha256: string): Promise<void> {
  await inTransaction(db, async () => {
    const blob = (await db.photoBlob.get(sha256)) as StoredBlob | undefined;
    if (!blob) return;
    const { refusal: _cleared, ...rest } = blob;
    await db.photoBlob.put({ ...rest, uploaded: 1 });
  });
}

/** Records a refusal on the blob: it keeps uploaded 0 and is not offered for upload again. */
export async function recordUploadRefusal(db: HandoverDb, sha256: string, refusal: PhotoUploadRefusal): Promise<void> {
  await inTransaction(db, async () => {
    const blob = await db.photoBlob.get(sha256);
    if (!blob || blob.uploaded === 1) return;
    const stored: StoredBlob = { ...blob, refusal };
    await db.photoBlob.put(stored);
  });
}

async function downloadTries(db: HandoverDb): Promise<Record<string, number>> {
  return ((await db.meta.get(DOWNLOAD_TRIES_KEY))?.value as Record<string, number> | undefined) ?? {};
}

/**
 * Up to `limit` photos of the building whose bytes this tablet lacks: never-tried ones first
 * (newest photo first), then those whose last try is oldest, so a photo that is not on the server
 * yet cannot starve the others.
 */
export async function missingPhotoBlobs(db: HandoverDb, limit: number): Promise<{ sha256: string; mime: string }[]> {
  const have = new Set(await db.photoBlob.toCollection().primaryKeys());
  const tries = await downloadTries(db);
  const wanted = new Map<string, { sha256: string; mime: string; takenAt: number }>();
  for (const p of await db.photo.toArray()) {
    if (p.deleted || have.has(p.sha256)) continue;
    const seen = wanted.get(p.sha256);
    if (!seen || p.takenAt > seen.takenAt) wanted.set(p.sha256, { sha256: p.sha256, mime: p.mime, takenAt: p.takenAt });
  }
  const tried = (sha: string) => tries[sha] ?? Number.NEGATIVE_INFINITY;
  return [...wanted.values()]
    .sort((a, b) => tried(a.sha256) - tried(b.sha256) || b.takenAt - a.takenAt || a.sha256.localeCompare(b.sha256))
    .slice(0, Math.max(0, limit))
    .map(({ sha256, mime }) => ({ sha256, mime }));
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
    const tries = await downloadTries(db);
    if (sha256 in tries) {
      delete tries[sha256];
      await db.meta.put({ key: DOWNLOAD_TRIES_KEY, value: tries });
    }
  });
}

/** Remembers a failed download so the next sync tries other photos first. */
export async function recordDownloadTry(db: HandoverDb, sha256: string, at: number): Promise<void> {
  await inTransaction(db, async () => {
    const tries = await downloadTries(db);
    await db.meta.put({ key: DOWNLOAD_TRIES_KEY, value: { ...tries, [sha256]: at } });
  });
}
