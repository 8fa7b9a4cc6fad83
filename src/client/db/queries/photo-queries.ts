/** Read functions for photos, meant for `useLiveQuery(() => fn(db, ...))`. */
import type { Photo, PhotoOwner } from '../../../domain/handover-entities';
import { photoRefusal, type PhotoUploadRefusal } from '../photo-store';
import type { HandoverDb, PhotoBlobRow } from '../schema';

/** The photos of one row (an item movement, a count line, a log entry...), oldest first. */
export async function photosFor(db: HandoverDb, ownerTable: PhotoOwner, ownerId: string): Promise<Photo[]> {
  const rows = await db.photo.where('[ownerTable+ownerId]').equals([ownerTable, ownerId]).toArray();
  return rows.filter((p) => !p.deleted).sort((a, b) => a.takenAt - b.takenAt || a.id.localeCompare(b.id));
}

/**
 * The photos of many rows of one table in one read (through the ownerId index), by owner id, each
 * list oldest first like photosFor. Owners without photos are absent from the map.
 */
export async function photosForOwners(
  db: HandoverDb,
  ownerTable: PhotoOwner,
  ownerIds: readonly string[],
): Promise<Map<string, Photo[]>> {
  const byOwner = new Map<string, Photo[]>();
  if (ownerIds.length === 0) return byOwner;
  const rows = await db.photo.where('ownerId').anyOf(ownerIds).toArray();
  rows.sort((a, b) => a.takenAt - b.takenAt || a.id.localeCompare(b.id));
  for (const p of rows) {
    if (p.deleted || p.ownerTable !== ownerTable) continue;
    const list = byOwner.get(p.ownerId);
    if (list) list.push(p);
    else byOwner.set(p.ownerId, [p]);
  }
  return byOwner;
}

/** The bytes of a photo when this tablet has them (taken here, or fetched by the sync). */
export async function getPhotoBlob(db: HandoverDb, sha256: string): Promise<PhotoBlobRow | undefined> {
  return db.photoBlob.get(sha256);
}

/** Why the server refused to take this photo's bytes (400, 403, 413), if it did; shown, never retried. */
export async function photoUploadRefusal(db: HandoverDb, sha256: string): Promise<PhotoUploadRefusal | undefined> {
  const blob = await db.photoBlob.get(sha256);
  return blob ? photoRefusal(blob) : undefined;
}

/** How many photos taken on this tablet are not on the server yet (refused ones included). */
export async function pendingPhotoCount(db: HandoverDb): Promise<number> {
  return db.photoBlob.where('uploaded').equals(0).count();
}
