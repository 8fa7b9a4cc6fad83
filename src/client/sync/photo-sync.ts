/**
 * Photo phase of a sync run (issue 3 §7), after the rows are pushed and pulled and outside their
 * lock: the bytes of photos taken on this tablet go up to `PUT /api/v1/photos/:sha256`, then a
 * bounded number of recent photos other tablets took come down. Content-addressed, so a repeat is
 * harmless. A refusal (400, 403, 413, 415) is recorded on the blob and not retried; it stays
 * visible (uploaded stays 0). Any other answer but 401 is recorded and the phase goes on with the
 * next photo; only offline and 401 end it.
 */
import { pendingOpCount } from '../db/queries';
import {
  downloadQueue,
  markPhotoUploaded,
  pendingBlob,
  recordDownloadFailure,
  recordUploadRefusal,
  recordUploadTry,
  storeFetchedPhoto,
  uploadQueue,
} from '../db/photo-store';
import { getDevice, type DeviceInfo } from '../db/repos/device-repo';
import type { HandoverDb } from '../db/schema';
import { sha256Hex } from '../../domain/chain';
import { ApiRequestError, getPhoto, putPhoto } from './api-client';

/** Photos uploaded per run; the rest go in the next run, so one run stays short. */
export const DEFAULT_PHOTO_UPLOADS = 50;
/** Photos fetched per run: a tablet that was away catches up over a few runs, not in one long one. */
export const DEFAULT_PHOTO_DOWNLOADS = 20;

/** Answers that will not change by retrying the same bytes: bad type or hash, other building, too big. */
const REFUSED_UPLOAD_STATUSES = new Set([400, 403, 413, 415]);

export interface PhotoSyncOptions {
  db: HandoverDb;
  device: DeviceInfo;
  baseUrl: string;
  fetch: typeof fetch;
  /** Server-corrected time (T1), stamped on refusals and failed tries. */
  now: () => number;
  uploadLimit?: number;
  downloadLimit?: number;
}

export interface PhotoSyncOutcome {
  uploaded: number;
  refused: number;
  downloaded: number;
  /** Downloads that failed (not on the server yet, server trouble, refused, or bytes that did not match). */
  notFetched: number;
}

/** The token is read at send time, never kept: a re-enrolled tablet sends its new one. */
async function tokenFor(db: HandoverDb, device: DeviceInfo): Promise<string> {
  const current = await getDevice(db);
  if (!current || current.deviceId !== device.deviceId) {
    throw new ApiRequestError(401, 'unauthorized', 'the tablet was re-enrolled during the sync');
  }
  return current.token;
}

/**
 * Uploads pending photo bytes, then downloads missing recent ones. Stops early, with what it did
 * so far, as soon as a local write is waiting in the outbox: rows go first, and the engine's next
 * run starts this phase again after pushing them.
 * @throws NetworkError when offline, ApiRequestError 401; the engine reports it without failing
 * the sync of rows.
 */
export async function syncPhotos(o: PhotoSyncOptions): Promise<PhotoSyncOutcome> {
  const out: PhotoSyncOutcome = { uploaded: 0, refused: 0, downloaded: 0, notFetched: 0 };
  const rowsWaiting = async () => (await pendingOpCount(o.db)) > 0;
  for (const sha256 of await uploadQueue(o.db, o.uploadLimit ?? DEFAULT_PHOTO_UPLOADS)) {
    if (await rowsWaiting()) return out;
    const blob = await pendingBlob(o.db, sha256);
    if (!blob) continue;
    try {
      await putPhoto(o.baseUrl, await tokenFor(o.db, o.device), blob, o.fetch);
    } catch (e) {
      // Offline or 401 (re-enrolled, revoked): every other photo would fail the same way.
      if (!(e instanceof ApiRequestError) || e.status === 401) throw e;
      if (REFUSED_UPLOAD_STATUSES.has(e.status)) {
        await recordUploadRefusal(o.db, sha256, { status: e.status, code: e.code, message: e.message, at: o.now() });
        out.refused++;
      } else {
        // 5xx, 429, 409...: may pass. Recorded, so the next runs try the other photos first.
        await recordUploadTry(o.db, sha256, o.now());
      }
      continue;
    }
    await markPhotoUploaded(o.db, sha256);
    out.uploaded++;
  }

  for (const want of await downloadQueue(o.db, o.now(), o.downloadLimit ?? DEFAULT_PHOTO_DOWNLOADS)) {
    if (await rowsWaiting()) return out;
    let data: ArrayBuffer;
    try {
      data = (await getPhoto(o.baseUrl, await tokenFor(o.db, o.device), want.sha256, o.fetch)).data;
    } catch (e) {
      if (!(e instanceof ApiRequestError) || e.status === 401) throw e;
      // 404 (the taking tablet has not uploaded it yet), 5xx, 429: back off and try others. 403
      // (another building's photo) will not change: never again by the sync.
      await recordDownloadFailure(o.db, want.sha256, o.now(), e.status === 403);
      out.notFetched++;
      continue;
    }
    // Content-addressed: bytes that do not hash to their address are not the photo. Hashed here,
    // outside any transaction (crypto.subtle would let an IndexedDB transaction commit).
    if ((await sha256Hex(data)) !== want.sha256) {
      await recordDownloadFailure(o.db, want.sha256, o.now(), false);
      out.notFetched++;
      continue;
    }
    // The row's type is used, not the answer's Content-Type: the row was validated (PhotoMime).
    await storeFetchedPhoto(o.db, want.sha256, want.mime, data);
    out.downloaded++;
  }
  return out;
}
