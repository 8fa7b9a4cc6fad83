import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { newId } from '../../../src/domain/ids';
import { DOWNLOAD_BACKOFF_MIN_MS } from '../../../src/client/db/photo-store';
import { getPhotoBlob, pendingPhotoCount, photoUploadRefusal } from '../../../src/client/db/queries/photo-queries';
import { addPhoto, preparePhoto } from '../../../src/client/db/repos/photo-repo';
import { jpeg } from './photo-fake-server';
import { photoSetup, remotePhoto } from './photo-setup';

describe('photo sync: bytes up, content-addressed (issue 3 §7)', () => {
  it('after the rows are pushed, uploads the bytes and marks the blob uploaded; never twice', async () => {
    const s = await photoSetup();
    const photo = await preparePhoto({ data: jpeg('missing radio'), mime: 'image/jpeg', width: 10, height: 10 });
    const row = await addPhoto(s.db, s.ctx, { ownerTable: 'logEntry', ownerId: newId(), photo });
    const outcome = await s.engine().syncNow();
    expect(outcome).toEqual({ pushed: 1, pulled: 1, rejected: 0, error: null });
    expect(s.server.row('photo', row.id)).toBeDefined();
    expect(s.photos.blobs.get(photo.sha256)?.mime).toBe('image/jpeg');
    expect((await getPhotoBlob(s.db, photo.sha256))?.uploaded).toBe(1);
    expect(await pendingPhotoCount(s.db)).toBe(0);
    expect(s.seen).toEqual([{ uploaded: 1, refused: 0, downloaded: 0, notFetched: 0 }]);
    // The device token goes with the bytes, as with every sync call.
    const put = s.server.log.find((l) => l.method === 'PUT');
    expect(put).toMatchObject({ path: `/api/v1/photos/${photo.sha256}`, auth: `Bearer ${s.token}` });
    // Rows first, then bytes.
    const paths = s.server.log.map((l) => l.path);
    expect(paths.indexOf(`/api/v1/photos/${photo.sha256}`)).toBeGreaterThan(paths.indexOf('/api/v1/sync/push'));

    await s.engine().syncNow();
    expect(s.photos.puts()).toBe(1);
  });

  it('records a 413 on the blob: kept (uploaded 0), visible, not retried, and the rows still sync', async () => {
    const s = await photoSetup({ maxBytes: 32 });
    const photo = await preparePhoto({ data: jpeg('too big', 64), mime: 'image/jpeg', width: 10, height: 10 });
    await addPhoto(s.db, s.ctx, { ownerTable: 'logEntry', ownerId: newId(), photo });
    const outcome = await s.engine().syncNow();
    expect(outcome.error).toBeNull();
    expect(outcome.pushed).toBe(1);
    expect((await getPhotoBlob(s.db, photo.sha256))?.uploaded).toBe(0);
    expect(await photoUploadRefusal(s.db, photo.sha256)).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(await pendingPhotoCount(s.db)).toBe(1);
    expect(s.seen[0]).toMatchObject({ uploaded: 0, refused: 1 });

    await s.engine().syncNow();
    expect(s.photos.puts()).toBe(1);
  });

  it('records a 400 (unsupported type) the same way', async () => {
    const s = await photoSetup();
    const photo = await preparePhoto({ data: jpeg('gif'), mime: 'image/jpeg', width: 10, height: 10 });
    await addPhoto(s.db, s.ctx, { ownerTable: 'logEntry', ownerId: newId(), photo });
    // A blob whose stored type the server does not take.
    await s.db.photoBlob.update(photo.sha256, { mime: 'image/gif' });
    await s.engine().syncNow();
    expect(await photoUploadRefusal(s.db, photo.sha256)).toMatchObject({ status: 400 });
  });

  it('offline for the photos only: the sync of rows succeeds and the bytes wait for the next run', async () => {
    const s = await photoSetup();
    const photo = await preparePhoto({ data: jpeg('later'), mime: 'image/jpeg', width: 10, height: 10 });
    await addPhoto(s.db, s.ctx, { ownerTable: 'logEntry', ownerId: newId(), photo });
    const noPhotos: typeof fetch = async (input, init) => {
      if (String(input).includes('/photos/')) throw new TypeError('connection reset');
      return s.photos.fetch(input, init);
    };
    const outcome = await s.engine({ fetch: noPhotos }).syncNow();
    expect(outcome).toMatchObject({ pushed: 1, error: null });
    expect(s.errors).toHaveLength(1);
    expect((await getPhotoBlob(s.db, photo.sha256))?.uploaded).toBe(0);
    expect(await photoUploadRefusal(s.db, photo.sha256)).toBeUndefined();

    await s.engine().syncNow();
    expect((await getPhotoBlob(s.db, photo.sha256))?.uploaded).toBe(1);
  });
});

describe('photo sync: bytes down', () => {
  it("downloads a missing blob of another tablet's photo and stores it as uploaded", async () => {
    const s = await photoSetup();
    const remote = await remotePhoto(s, 'custody bag', true);
    await s.engine().syncNow();
    const blob = await getPhotoBlob(s.db, remote.sha256);
    expect(blob).toMatchObject({ sha256: remote.sha256, mime: 'image/jpeg', uploaded: 1 });
    expect(new Uint8Array(blob?.data ?? new ArrayBuffer(0))).toEqual(new Uint8Array(remote.data));
    expect(s.seen[0]).toMatchObject({ downloaded: 1 });
    // Nothing to upload: a downloaded blob is already on the server.
    expect(s.photos.puts()).toBe(0);
  });

  it('a photo whose bytes are not on the server yet (404) is tried again in a later run', async () => {
    const s = await photoSetup();
    const remote = await remotePhoto(s, 'not yet', false);
    const first = await s.engine().syncNow();
    expect(first.error).toBeNull();
    expect(s.seen[0]).toMatchObject({ downloaded: 0, notFetched: 1 });
    expect(await getPhotoBlob(s.db, remote.sha256)).toBeUndefined();

    s.photos.blobs.set(remote.sha256, { mime: 'image/jpeg', data: new Uint8Array(remote.data) });
    s.clock.now += DOWNLOAD_BACKOFF_MIN_MS; // after the first back-off
    await s.engine().syncNow();
    expect((await getPhotoBlob(s.db, remote.sha256))?.uploaded).toBe(1);
  });

  it('downloads a bounded number per run, never-tried photos before ones that failed', async () => {
    const s = await photoSetup();
    const a = await remotePhoto(s, 'first', false);
    await s.engine({ photoDownloads: 1 }).syncNow(); // a is tried and fails (404)
    const b = await remotePhoto(s, 'second', true);
    s.photos.blobs.set(a.sha256, { mime: 'image/jpeg', data: new Uint8Array(a.data) });
    s.clock.now += DOWNLOAD_BACKOFF_MIN_MS; // a is due again: the order alone puts b first
    await s.engine({ photoDownloads: 1 }).syncNow();
    expect(await getPhotoBlob(s.db, b.sha256)).toBeDefined();
    expect(await getPhotoBlob(s.db, a.sha256)).toBeUndefined();
    await s.engine({ photoDownloads: 1 }).syncNow();
    expect(await getPhotoBlob(s.db, a.sha256)).toBeDefined();
  });

  it('does not store bytes that do not hash to their address', async () => {
    const tamper = vi.fn((): ArrayBuffer | null => jpeg('something else'));
    const s = await photoSetup({ tamper });
    const remote = await remotePhoto(s, 'genuine', true);
    await s.engine().syncNow();
    expect(tamper).toHaveBeenCalled();
    expect(await getPhotoBlob(s.db, remote.sha256)).toBeUndefined();
    expect(s.seen[0]).toMatchObject({ downloaded: 0, notFetched: 1 });
  });
});
