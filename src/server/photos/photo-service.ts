/**
 * Photo bytes (damaged items, custody items, log entries): content-addressed by their SHA-256 per
 * building, so an upload repeated after a lost response is harmless (idempotent), and any device
 * of the building fetches the same bytes. The `photo` metadata rows sync like any other row.
 */
import { createHash } from 'node:crypto';
import { MAX_PHOTO_BYTES, PHOTO_MIME_TYPES, PhotoMime } from '../../domain/handover-entities';
import { Sha256Hex } from '../../domain/row-base';
import { ApiError } from '../api-error';
import type { Store, StoredPhoto } from '../store/store';

/** The answer to an upload: 201 with created true, 200 with created false when it was already there. */
export interface PhotoUploadResponse {
  sha256: string;
  created: boolean;
}

export interface PhotoUpload {
  siteId: string;
  /** The hash in the URL: the name the tablet gives the bytes. */
  sha256: string;
  /** The request's Content-Type header, if any. */
  contentType: string | undefined;
  data: Uint8Array;
  nowMs: number;
}

/** The photo MIME type of a Content-Type header (parameters ignored), or null when it is not one. */
export function photoMimeOf(contentType: string | undefined): PhotoMime | null {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const parsed = PhotoMime.safeParse(media);
  return parsed.success ? parsed.data : null;
}

function assertHashParam(sha256: string): void {
  if (!Sha256Hex.safeParse(sha256).success) {
    throw new ApiError('bad_request', 'the photo path must be a lowercase hex SHA-256', { sha256 });
  }
}

/** Store an uploaded photo once per building. Throws ApiError for a refused upload. */
export async function uploadPhoto(store: Store, up: PhotoUpload): Promise<PhotoUploadResponse> {
  assertHashParam(up.sha256);
  const mime = photoMimeOf(up.contentType);
  if (!mime) {
    throw new ApiError('bad_request', `a photo must be sent as ${PHOTO_MIME_TYPES.join(', ')}`, {
      contentType: up.contentType ?? null,
      allowed: PHOTO_MIME_TYPES,
    });
  }
  if (up.data.byteLength === 0) throw new ApiError('bad_request', 'the photo is empty');
  // The route's body limit refuses this before reading; kept so the service holds the rule itself.
  if (up.data.byteLength > MAX_PHOTO_BYTES) {
    throw new ApiError('payload_too_large', `a photo may have at most ${MAX_PHOTO_BYTES} bytes`, {
      limitBytes: MAX_PHOTO_BYTES,
    });
  }
  const actual = createHash('sha256').update(up.data).digest('hex');
  if (actual !== up.sha256) {
    throw new ApiError('photo_hash_mismatch', 'the photo bytes do not hash to the SHA-256 in the path', {
      expected: up.sha256,
      actual,
    });
  }
  const outcome = await store.transaction(up.siteId, (tx) =>
    tx.putPhoto({
      siteId: up.siteId,
      sha256: up.sha256,
      mime,
      bytes: up.data.byteLength,
      data: up.data,
      createdAt: up.nowMs,
    }),
  );
  return { sha256: up.sha256, created: outcome === 'created' };
}

/** A photo of the building. Throws 404 for one it does not hold (another building's photos included). */
export async function readPhoto(store: Store, siteId: string, sha256: string): Promise<StoredPhoto> {
  assertHashParam(sha256);
  const photo = await store.getPhoto(siteId, sha256);
  if (!photo) throw new ApiError('not_found', `this building has no photo ${sha256}`);
  return photo;
}
