/**
 * Set-up shared by the photo-sync tests: an enrolled tablet, the in-memory protocol server with the
 * photo endpoints, a clock the test moves, and an engine that reports its photo phases.
 */
import { sha256Hex } from '../../../src/domain/chain';
import { formatHlc } from '../../../src/domain/hlc';
import { newId } from '../../../src/domain/ids';
import { createSyncEngine } from '../../../src/client/sync/sync-engine';
import type { PhotoSyncOutcome } from '../../../src/client/sync/photo-sync';
import { setup } from './engine-setup';
import { T0 } from './helpers';
import { jpeg, withPhotos, type PhotoFakeOptions } from './photo-fake-server';

export async function photoSetup(opts?: Omit<PhotoFakeOptions, 'token'>) {
  const clock = { now: T0 };
  const s = await setup({ clock });
  const photos = withPhotos(s.server, { token: s.token, ...opts });
  const seen: PhotoSyncOutcome[] = [];
  const errors: unknown[] = [];
  const engine = (o?: { fetch?: typeof fetch; photoDownloads?: number; photoUploads?: number; locks?: LockManager }) =>
    createSyncEngine({
      db: s.db,
      baseUrl: 'http://test',
      fetch: o?.fetch ?? photos.fetch,
      now: () => clock.now,
      ...(o?.photoDownloads !== undefined ? { photoDownloads: o.photoDownloads } : {}),
      ...(o?.photoUploads !== undefined ? { photoUploads: o.photoUploads } : {}),
      ...(o?.locks ? { locks: o.locks } : {}),
      onPhotos: (p) => seen.push(p),
      onError: (e) => errors.push(e),
    });
  return { ...s, clock, photos, engine, seen, errors };
}

export type PhotoSetup = Awaited<ReturnType<typeof photoSetup>>;

/** A photo another tablet took at `takenAt`: its row is on the server, its bytes maybe. */
export async function remotePhoto(s: PhotoSetup, seed: string, withBytes: boolean, takenAt = T0) {
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
      takenAt,
    },
    {},
  );
  if (withBytes) s.photos.blobs.set(sha256, { mime: 'image/jpeg', data: new Uint8Array(data) });
  return { sha256, data };
}

/** How many times the tablet asked for (GET) or sent (PUT) the bytes of `sha256`. */
export function photoCalls(s: PhotoSetup, method: 'GET' | 'PUT', sha256: string): number {
  return s.server.log.filter((l) => l.method === method && l.path === `/api/v1/photos/${sha256}`).length;
}

/** A JSON error answer as the server gives it. */
export function errorAnswer(status: number, code: string): Response {
  return new Response(JSON.stringify({ error: { code, message: code } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
