import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../../src/domain/handover-entities';
import { newId } from '../../../src/domain/ids';
import { getPhotoBlob, pendingPhotoCount, photosFor } from '../../../src/client/db/queries/photo-queries';
import {
  addPhoto,
  addPhotoInTx,
  InvalidPhotoError,
  photoTables,
  preparePhoto,
} from '../../../src/client/db/repos/photo-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { runWrite } from '../../../src/client/db/write';
import { enrolledDb, T0 } from './helpers';
import { jpeg } from './photo-fake-server';

async function setup() {
  const e = await enrolledDb();
  const ctx = await makeWriteContext(e.db, e.staffId, () => T0);
  return { ...e, ctx };
}

describe('photos on the tablet (issue 3 §7)', () => {
  it('addresses a photo by the SHA-256 of its bytes, computed before any transaction', async () => {
    const data = jpeg('radio');
    const prepared = await preparePhoto({ data, mime: 'image/jpeg', width: 640, height: 480 });
    expect(prepared.sha256).toBe(createHash('sha256').update(new Uint8Array(data)).digest('hex'));
    expect(prepared).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480 });
  });

  it('stores the blob (not uploaded) and appends the photo row with its op in one write', async () => {
    const { db, ctx } = await setup();
    const ownerId = newId();
    const photo = await preparePhoto({ data: jpeg('damaged'), mime: 'image/jpeg', width: 1280, height: 960 });
    const row = await addPhoto(db, ctx, { ownerTable: 'countLine', ownerId, photo });
    expect(row).toMatchObject({
      sha256: photo.sha256,
      bytes: 64,
      ownerTable: 'countLine',
      ownerId,
      staffId: ctx.actorStaffId,
      takenAt: T0,
    });
    const blob = await getPhotoBlob(db, photo.sha256);
    expect(blob).toMatchObject({ sha256: photo.sha256, mime: 'image/jpeg', uploaded: 0 });
    expect(new Uint8Array(blob?.data ?? new ArrayBuffer(0))).toEqual(new Uint8Array(photo.data));
    const ops = await db.outbox.toArray();
    expect(ops.map((o) => [o.table, o.kind, o.rowId])).toEqual([['photo', 'append', row.id]]);
    // The bytes never travel in the op: they go up to the photo endpoint.
    expect(JSON.stringify(ops[0]?.fields)).not.toContain('data');
    expect((await photosFor(db, 'countLine', ownerId)).map((p) => p.id)).toEqual([row.id]);
    expect(await pendingPhotoCount(db)).toBe(1);
  });

  it('keeps one blob for the same bytes twice, and an uploaded blob stays uploaded', async () => {
    const { db, ctx } = await setup();
    const photo = await preparePhoto({ data: jpeg('same'), mime: 'image/jpeg', width: 10, height: 10 });
    await addPhoto(db, ctx, { ownerTable: 'logEntry', ownerId: newId(), photo });
    await db.photoBlob.update(photo.sha256, { uploaded: 1 });
    await addPhoto(db, ctx, { ownerTable: 'logEntry', ownerId: newId(), photo });
    expect(await db.photoBlob.count()).toBe(1);
    expect((await getPhotoBlob(db, photo.sha256))?.uploaded).toBe(1);
    expect(await db.photo.count()).toBe(2);
  });

  it('refuses a photo the server would refuse (too big) and writes nothing of it', async () => {
    const { db, ctx } = await setup();
    const photo = await preparePhoto({
      data: jpeg('big', MAX_PHOTO_BYTES + 1),
      mime: 'image/jpeg',
      width: 4000,
      height: 3000,
    });
    await expect(addPhoto(db, ctx, { ownerTable: 'logEntry', ownerId: newId(), photo })).rejects.toBeInstanceOf(
      InvalidPhotoError,
    );
    expect(await db.photoBlob.count()).toBe(0);
    expect(await db.photo.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('adds a photo inside a larger write: a later failure in that write takes the photo back too', async () => {
    const { db, ctx } = await setup();
    const photo = await preparePhoto({ data: jpeg('rollback'), mime: 'image/webp', width: 10, height: 10 });
    await expect(
      runWrite(db, photoTables(db), async () => {
        await addPhotoInTx(db, ctx, { ownerTable: 'taskNote', ownerId: newId(), photo });
        throw new Error('the rest of the write failed');
      }),
    ).rejects.toThrow('the rest of the write failed');
    expect(await db.photoBlob.count()).toBe(0);
    expect(await db.photo.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});
