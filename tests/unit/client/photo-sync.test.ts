import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../../src/domain/chain';
import { formatHlc } from '../../../src/domain/hlc';
import { newId } from '../../../src/domain/ids';
import { getPhotoBlob, pendingPhotoCount, photoUploadRefusal } from '../../../src/client/db/queries/photo-queries';
import { addPhoto, preparePhoto } from '../../../src/client/db/repos/photo-repo';
import { createSyncEngine } from '../../../src/client/sync/sync-engine';
import type { PhotoSyncOutcome } from '../../../src/client/sync/photo-sync';
import { setup } from './engine-setup';
import { T0 } from './helpers';
import { jpeg, withPhotos, type PhotoFakeOptions } from './photo-fake-server';

async function photoSetup(opts?: Omit<PhotoFakeOptions, 'token'>) {
  const s = await setup();
  const photos = withPhotos(s.server, { token: s.token, ...opts });
  const seen: PhotoSyncOutcome[] = [];
  const errors: unknown[] = [];
  const engine = (o?: { fetch?: typeof fetch; photoDownloads?: number }) =>
    createSyncEngine({
      db: s.db,
      baseUrl: 'http://test',
      fetch: o?.fetch ?? photos.fetch,
      now: () => T0,
      ...(o?.photoDownloads !== undefined ? { photoDownloads: o.photoDownloads } : {}),
      onPhotos: (p) => seen.push(p),
      onError: (e) => errors.push(e),
    });
  return { ...s, photos, engine, seen, errors };
}

/** A photo another tablet took: its row is on the server, its bytes maybe. */
async function remotePhoto(s: Awaited<ReturnType<typeof photoSetup>>, seed: string, withBytes: boolean) {
  const data = jpeg(seed);
  const sha256 = await sha256Hex(data);
  const id = newId();
  s.server.write(
    'photo',
    id,
    {
      id,
      siteId: s.siteId,
      updatedAt: formatHlc({ wallMs: T0, counter: 0, node: 'other' }),
      deleted: false,
      sha256,
      mime: 'image/jpeg',
      bytes: data.byteLength,
      width: 10,
      height: 10,
      ownerTable: 'logEntry',
      ownerId: newId(),
      staffId: newId(),
      takenAt: T0,
    },
    {},
  );
  if (withBytes) s.photos.blobs.set(sha256, { mime: 'image/jpeg', data: new Uint8Array(data) });
  return { sha256, data };
}

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
    await s.engine().syncNow();
    expect((await getPhotoBlob(s.db, remote.sha256))?.uploaded).toBe(1);
  });

  it('downloads a bounded number per run, never-tried photos before ones that failed', async () => {
    const s = await photoSetup();
    const a = await remotePhoto(s, 'first', false);
    await s.engine({ photoDownloads: 1 }).syncNow(); // a is tried and fails (404)
    const b = await remotePhoto(s, 'second', true);
    s.photos.blobs.set(a.sha256, { mime: 'image/jpeg', data: new Uint8Array(a.data) });
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
