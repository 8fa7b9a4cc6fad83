/**
 * Photo phase of a sync run (issue 3 §7), after the rows are pushed and pulled: the bytes of
 * photos taken on this tablet go up to `PUT /api/v1/photos/:sha256`, then a bounded number of
 * photos other tablets took come down. Content-addressed, so a repeat is harmless. A refusal
 * (400, 403, 413) is recorded on the blob and not retried; it stays visible (uploaded stays 0).
 */
import {
  markPhotoUploaded,
  missingPhotoBlobs,
  pendingUploads,
  recordDownloadTry,
  recordUploadRefusal,
  storeFetchedPhoto,
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
  /** Downloads that failed for now (not on the server yet, or bytes that did not match). */
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
 * Uploads pending photo bytes, then downloads missing ones.
 * @throws NetworkError / ApiRequestError for trouble that stops the phase (offline, 401, 5xx);
 * the engine reports it without failing the sync of rows.
 */
export async function syncPhotos(o: PhotoSyncOptions): Promise<PhotoSyncOutcome> {
  const out: PhotoSyncOutcome = { uploaded: 0, refused: 0, downloaded: 0, notFetched: 0 };
  for (const blob of await pendingUploads(o.db, o.uploadLimit ?? DEFAULT_PHOTO_UPLOADS)) {
    try {
      await putPhoto(o.baseUrl, await tokenFor(o.db, o.device), blob, o.fetch);
    } catch (e) {
      if (!(e instanceof ApiRequestError) || !REFUSED_UPLOAD_STATUSES.has(e.status)) throw e;
      await recordUploadRefusal(o.db, blob.sha256, { status: e.status, code: e.code, message: e.message, at: o.now() });
      out.refused++;
      continue;
    }
    await markPhotoUploaded(o.db, blob.sha256);
    out.uploaded++;
  }

  for (const want of await missingPhotoBlobs(o.db, o.downloadLimit ?? DEFAULT_PHOTO_DOWNLOADS)) {
    let data: ArrayBuffer;
    try {
      data = (await getPhoto(o.baseUrl, await tokenFor(o.db, o.device), want.sha256, o.fetch)).data;
    } catch (e) {
      // 404 (the taking tablet has not uploaded it yet) or 403: try others first next time.
      if (!(e instanceof ApiRequestError) || e.status === 401 || e.status >= 500) throw e;
      await recordDownloadTry(o.db, want.sha256, o.now());
      out.notFetched++;
      continue;
    }
    // Content-addressed: bytes that do not hash to their address are not the photo. Hashed here,
    // outside any transaction (crypto.subtle would let an IndexedDB transaction commit).
    if ((await sha256Hex(data)) !== want.sha256) {
      await recordDownloadTry(o.db, want.sha256, o.now());
      out.notFetched++;
      continue;
    }
    // The row's type is used, not the answer's Content-Type: the row was validated (PhotoMime).
    await storeFetchedPhoto(o.db, want.sha256, want.mime, data);
    out.downloaded++;
  }
  return out;
}
