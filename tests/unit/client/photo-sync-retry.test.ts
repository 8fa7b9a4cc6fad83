/**
 * Photo sync never stalls nor retries for ever (issue 3 §7): a failure that may pass is recorded
 * and the phase goes on with the next photo; downloads back off per photo; a refusal is final;
 * only recent photos are fetched ahead of need.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/domain/ids';
import { getMeta } from '../../../src/client/db/meta';
import {
  DOWNLOAD_BACKOFF_MAX_MS,
  DOWNLOAD_BACKOFF_MIN_MS,
  downloadRetryAt,
  PHOTO_PREFETCH_MS,
} from '../../../src/client/db/photo-store';
import { getPhotoBlob, photoUploadRefusal } from '../../../src/client/db/queries/photo-queries';
import { addPhoto, preparePhoto } from '../../../src/client/db/repos/photo-repo';
import { ApiRequestError } from '../../../src/client/sync/api-client';
import { T0 } from './helpers';
import { jpeg } from './photo-fake-server';
import { errorAnswer, photoCalls, photoSetup, remotePhoto, type PhotoSetup } from './photo-setup';

async function localPhotos(s: PhotoSetup, ...seeds: string[]) {
  const out = [];
  for (const seed of seeds) {
    const photo = await preparePhoto({ data: jpeg(seed), mime: 'image/jpeg', width: 10, height: 10 });
    await addPhoto(s.db, s.ctx, { ownerTable: 'logEntry', ownerId: newId(), photo });
    out.push(photo);
  }
  // Never-tried photos go up in sha256 order.
  return out.sort((a, b) => a.sha256.localeCompare(b.sha256));
}

/** The photo server, except that `method` on the bytes of `sha256` is answered with `status`. */
function answering(s: PhotoSetup, method: 'GET' | 'PUT', sha256: () => string | null, status: number): typeof fetch {
  return async (input, init) => {
    const hit = String(input).endsWith(`/api/v1/photos/${sha256()}`) && (init?.method ?? 'GET') === method;
    if (!hit) return s.photos.fetch(input, init);
    s.server.log.push({ method, path: `/api/v1/photos/${sha256()}`, auth: null });
    return errorAnswer(status, status === 401 ? 'unauthorized' : 'busy');
  };
}

describe('photo uploads that fail for now', () => {
  it.each([500, 503, 429, 409])(
    'answered %i: the try is recorded on the blob, the next photo still goes up, and later runs try the others first',
    async (status) => {
      const s = await photoSetup();
      const [x, y] = await localPhotos(s, 'first', 'second');
      let failing: string | null = x!.sha256;
      const fetch = answering(s, 'PUT', () => failing, status);
      const first = await s.engine({ fetch }).syncNow();
      expect(first.error).toBeNull();
      expect(s.errors).toEqual([]);
      expect(s.seen).toEqual([{ uploaded: 1, refused: 0, downloaded: 0, notFetched: 0 }]);
      expect(await getPhotoBlob(s.db, x!.sha256)).toMatchObject({ uploaded: 0, triedAt: T0 });
      expect(await photoUploadRefusal(s.db, x!.sha256)).toBeUndefined();
      expect((await getPhotoBlob(s.db, y!.sha256))?.uploaded).toBe(1);

      // A new photo (never tried) goes before the one that failed, one per run.
      s.clock.now += 1000;
      const [z] = await localPhotos(s, 'third');
      failing = null;
      await s.engine({ fetch, photoUploads: 1 }).syncNow();
      expect((await getPhotoBlob(s.db, z!.sha256))?.uploaded).toBe(1);
      expect(photoCalls(s, 'PUT', x!.sha256)).toBe(1);
      await s.engine({ fetch, photoUploads: 1 }).syncNow();
      const done = await getPhotoBlob(s.db, x!.sha256);
      expect(done?.uploaded).toBe(1);
      expect(done && 'triedAt' in done).toBe(false);
    },
  );

  it('401 ends the phase: nothing is recorded and no other photo is tried', async () => {
    const s = await photoSetup();
    const [x, y] = await localPhotos(s, 'first', 'second');
    const fetch = answering(s, 'PUT', () => x!.sha256, 401);
    const outcome = await s.engine({ fetch }).syncNow();
    expect(outcome.error).toBeNull();
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toBeInstanceOf(ApiRequestError);
    expect(s.seen).toEqual([]);
    expect(photoCalls(s, 'PUT', y!.sha256)).toBe(0);
    const blob = await getPhotoBlob(s.db, x!.sha256);
    expect(blob && ('triedAt' in blob || 'refusal' in blob)).toBe(false);
  });
});

describe('photo downloads back off per photo', () => {
  it('a photo not on the server yet is tried again after 1 min, then 2 min, doubling', async () => {
    const s = await photoSetup();
    const remote = await remotePhoto(s, 'not yet', false);
    const engine = s.engine();
    await engine.syncNow();
    expect(photoCalls(s, 'GET', remote.sha256)).toBe(1);
    s.clock.now = T0 + DOWNLOAD_BACKOFF_MIN_MS - 1;
    await engine.syncNow();
    expect(photoCalls(s, 'GET', remote.sha256)).toBe(1);
    s.clock.now = T0 + DOWNLOAD_BACKOFF_MIN_MS;
    await engine.syncNow();
    expect(photoCalls(s, 'GET', remote.sha256)).toBe(2);
    s.clock.now += 2 * DOWNLOAD_BACKOFF_MIN_MS - 1;
    await engine.syncNow();
    expect(photoCalls(s, 'GET', remote.sha256)).toBe(2);
    s.clock.now += 1;
    await engine.syncNow();
    expect(photoCalls(s, 'GET', remote.sha256)).toBe(3);
    expect((await getMeta(s.db, 'photoDownloads'))?.[remote.sha256]).toEqual({
      at: s.clock.now,
      failures: 3,
      refused: false,
    });

    s.photos.blobs.set(remote.sha256, { mime: 'image/jpeg', data: new Uint8Array(remote.data) });
    s.clock.now += 4 * DOWNLOAD_BACKOFF_MIN_MS;
    await engine.syncNow();
    expect((await getPhotoBlob(s.db, remote.sha256))?.uploaded).toBe(1);
    expect((await getMeta(s.db, 'photoDownloads'))?.[remote.sha256]).toBeUndefined();
  });

  it('the back-off stops doubling at one hour', () => {
    expect(downloadRetryAt({ at: T0, failures: 1, refused: false })).toBe(T0 + DOWNLOAD_BACKOFF_MIN_MS);
    expect(downloadRetryAt({ at: T0, failures: 6, refused: false })).toBe(T0 + 32 * DOWNLOAD_BACKOFF_MIN_MS);
    expect(downloadRetryAt({ at: T0, failures: 7, refused: false })).toBe(T0 + DOWNLOAD_BACKOFF_MAX_MS);
    expect(downloadRetryAt({ at: T0, failures: 60, refused: false })).toBe(T0 + DOWNLOAD_BACKOFF_MAX_MS);
    expect(DOWNLOAD_BACKOFF_MAX_MS).toBe(3_600_000);
  });

  it('403 (another building) is final: recorded and never asked again by the sync', async () => {
    const s = await photoSetup();
    const remote = await remotePhoto(s, 'elsewhere', true);
    const fetch = answering(s, 'GET', () => remote.sha256, 403);
    await s.engine({ fetch }).syncNow();
    expect(s.seen[0]).toMatchObject({ downloaded: 0, notFetched: 1 });
    expect((await getMeta(s.db, 'photoDownloads'))?.[remote.sha256]).toMatchObject({ refused: true });
    s.clock.now += 2 * DOWNLOAD_BACKOFF_MAX_MS;
    await s.engine({ fetch }).syncNow();
    expect(photoCalls(s, 'GET', remote.sha256)).toBe(1);
    expect(s.errors).toEqual([]);
  });

  it('a 5xx on one download does not end the phase: the next photo still comes down', async () => {
    const s = await photoSetup();
    const newer = await remotePhoto(s, 'newer', true, T0);
    const older = await remotePhoto(s, 'older', true, T0 - 1000);
    const fetch = answering(s, 'GET', () => newer.sha256, 503);
    await s.engine({ fetch }).syncNow();
    expect(s.errors).toEqual([]);
    expect(s.seen[0]).toMatchObject({ downloaded: 1, notFetched: 1 });
    expect(await getPhotoBlob(s.db, newer.sha256)).toBeUndefined();
    expect(await getPhotoBlob(s.db, older.sha256)).toBeDefined();
  });
});

describe('which photos come down ahead of need', () => {
  it('only those taken within the last 14 days; with none left to fetch, no photo phase runs', async () => {
    expect(PHOTO_PREFETCH_MS).toBe(14 * 86_400_000);
    const s = await photoSetup();
    const recent = await remotePhoto(s, 'recent', true, T0 - PHOTO_PREFETCH_MS);
    const old = await remotePhoto(s, 'old', true, T0 - PHOTO_PREFETCH_MS - 1);
    await s.engine().syncNow();
    expect(await getPhotoBlob(s.db, recent.sha256)).toBeDefined();
    expect(await getPhotoBlob(s.db, old.sha256)).toBeUndefined();
    expect(photoCalls(s, 'GET', old.sha256)).toBe(0);
    expect(s.seen).toEqual([{ uploaded: 0, refused: 0, downloaded: 1, notFetched: 0 }]);
    await s.engine().syncNow();
    expect(s.seen).toHaveLength(1);
  });
});
