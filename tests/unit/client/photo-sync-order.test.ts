/**
 * The photo phase never holds up rows (issue 3 §7): it runs after the row sync's lock is released,
 * under its own lock, and stops as soon as a local write is waiting to be pushed.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/domain/ids';
import { pendingOpCount } from '../../../src/client/db/queries';
import { getPhotoBlob } from '../../../src/client/db/queries/photo-queries';
import { startDuty } from './duty-fixture';
import { addPhoto, preparePhoto } from '../../../src/client/db/repos/photo-repo';
import { jpeg } from './photo-fake-server';
import { photoCalls, photoSetup, remotePhoto, type PhotoSetup } from './photo-setup';

async function localPhoto(s: PhotoSetup, seed: string) {
  const photo = await preparePhoto({ data: jpeg(seed), mime: 'image/jpeg', width: 10, height: 10 });
  await addPhoto(s.db, s.ctx, { ownerTable: 'logEntry', ownerId: newId(), photo });
  return photo;
}

/** A LockManager that grants exclusive locks in order and records what happened to each. */
function recordingLocks(heldElsewhere: string[] = []) {
  const events: string[] = [];
  const held = new Set(heldElsewhere);
  const locks = {
    async request(name: string, a: unknown, b?: unknown) {
      const cb = (typeof a === 'function' ? a : b) as (lock: { name: string } | null) => Promise<unknown>;
      const options = (typeof a === 'function' ? {} : a) as { ifAvailable?: boolean };
      if (held.has(name)) {
        if (!options.ifAvailable) throw new Error(`the test LockManager does not queue (${name})`);
        events.push(`unavailable ${name}`);
        return cb(null);
      }
      held.add(name);
      events.push(`take ${name}`);
      try {
        return await cb({ name });
      } finally {
        held.delete(name);
        events.push(`free ${name}`);
      }
    },
  } as unknown as LockManager;
  return { locks, events };
}

describe('photo phase after the rows (issue 3 §7)', () => {
  it('takes its own lock photos:<siteId> once the row lock sync:<siteId> is released', async () => {
    const s = await photoSetup();
    const photo = await localPhoto(s, 'radio');
    const { locks, events } = recordingLocks();
    const outcome = await s.engine({ locks }).syncNow();
    expect(outcome).toMatchObject({ pushed: 1, error: null });
    expect(events).toEqual([
      `take sync:${s.siteId}`,
      `free sync:${s.siteId}`,
      `take photos:${s.siteId}`,
      `free photos:${s.siteId}`,
    ]);
    expect((await getPhotoBlob(s.db, photo.sha256))?.uploaded).toBe(1);
  });

  it('does not wait for a photo phase another context (page or worker) is running', async () => {
    const s = await photoSetup();
    const photo = await localPhoto(s, 'radio');
    const { locks, events } = recordingLocks([`photos:${s.siteId}`]);
    const outcome = await s.engine({ locks }).syncNow();
    expect(outcome).toMatchObject({ pushed: 1, error: null });
    expect(events).toContain(`unavailable photos:${s.siteId}`);
    expect(s.photos.puts()).toBe(0);
    expect((await getPhotoBlob(s.db, photo.sha256))?.uploaded).toBe(0);
  });

  it('a count tap made while photo bytes move is pushed at once, not after the photos', async () => {
    const s = await photoSetup();
    await localPhoto(s, 'big photo');
    let putStarted!: () => void;
    const started = new Promise<void>((resolve) => (putStarted = resolve));
    let releasePut!: () => void;
    const held = new Promise<void>((resolve) => (releasePut = resolve));
    let putFinished = false;
    let pushedWhilePutHeld = false;
    const slowPhotos: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT') {
        putStarted();
        await held;
        const res = await s.photos.fetch(input, init);
        putFinished = true;
        return res;
      }
      const res = await s.photos.fetch(input, init);
      if (String(input).endsWith('/sync/push') && !putFinished) pushedWhilePutHeld = true;
      return res;
    };
    const engine = s.engine({ fetch: slowPhotos });
    const first = engine.syncNow();
    await started; // rows pushed and pulled; 2 MB on their way up
    const duty = await startDuty(s.db, s.ctx, { shiftId: 'day' });
    pushedWhilePutHeld = false;
    const second = engine.syncNow();
    // The second run's rows go out and are acknowledged while the upload is still held.
    while ((await pendingOpCount(s.db)) > 0) await new Promise((resolve) => setImmediate(resolve));
    expect(s.server.row('duty', duty.id)).toBeDefined();
    expect(pushedWhilePutHeld).toBe(true);
    expect(putFinished).toBe(false);
    releasePut();
    expect(await first).toMatchObject({ error: null });
    expect(await second).toMatchObject({ pushed: 1, error: null });
  });

  it('stops as soon as a local write is waiting, so rows go first; the next run finishes the photos', async () => {
    const s = await photoSetup();
    const a = await localPhoto(s, 'first');
    const b = await localPhoto(s, 'second');
    const remote = await remotePhoto(s, 'from the other tablet', true);
    let wrote = false;
    const tapDuringUpload: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT' && !wrote) {
        wrote = true;
        await startDuty(s.db, s.ctx, { shiftId: 'day' }); // a tap on the tablet meanwhile
      }
      return s.photos.fetch(input, init);
    };
    const engine = s.engine({ fetch: tapDuringUpload });
    await engine.syncNow();
    expect(s.photos.puts()).toBe(1);
    expect(photoCalls(s, 'GET', remote.sha256)).toBe(0);
    expect(s.seen).toEqual([{ uploaded: 1, refused: 0, downloaded: 0, notFetched: 0 }]);
    expect(await pendingOpCount(s.db)).toBe(1);

    const next = await engine.syncNow();
    expect(next).toMatchObject({ pushed: 1, error: null });
    expect((await getPhotoBlob(s.db, a.sha256))?.uploaded).toBe(1);
    expect((await getPhotoBlob(s.db, b.sha256))?.uploaded).toBe(1);
    expect(await getPhotoBlob(s.db, remote.sha256)).toBeDefined();
  });
});
