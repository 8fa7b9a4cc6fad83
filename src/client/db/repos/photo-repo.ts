/**
 * Photos of damaged items, custody items and log entries (issue 3 §7). The bytes are kept on the
 * tablet in the local-only `photoBlob` table, content-addressed by their SHA-256; the synced
 * `photo` row (append-only) says what the photo belongs to. The sync engine uploads the bytes
 * later (photo-sync.ts), so taking a photo never waits for the network.
 */
import type { Table } from 'dexie';
import { sha256Hex } from '../../../domain/chain';
import { Photo, type PhotoMime, type PhotoOwner } from '../../../domain/handover-entities';
import { newId } from '../../../domain/ids';
import type { HandoverDb } from '../schema';
import { insertRow, runWrite } from '../write';
import type { WriteContext } from './write-context';

/** A compressed photo as the camera component hands it over. */
export interface PhotoInput {
  data: ArrayBuffer;
  mime: PhotoMime;
  width: number;
  height: number;
}

/** A photo with its content address, ready to be written inside a transaction. */
export type PreparedPhoto = PhotoInput & { sha256: string };

/** The photo would be refused by the server (too big, wrong type or size): never queued. */
export class InvalidPhotoError extends Error {
  readonly code = 'invalid_photo';
  constructor(readonly issues: unknown) {
    super('the photo cannot be stored (size, type or dimensions)');
    this.name = 'InvalidPhotoError';
  }
}

/** The tables a write that adds a photo must include in its runWrite. */
export function photoTables(db: HandoverDb): Table[] {
  return [db.photo, db.photoBlob];
}

/**
 * Hashes the bytes. Call it BEFORE opening a write: crypto.subtle is async work IndexedDB does not
 * wait for, so awaiting it inside a Dexie transaction would let the transaction commit early.
 */
export async function preparePhoto(photo: PhotoInput): Promise<PreparedPhoto> {
  return { ...photo, sha256: await sha256Hex(photo.data) };
}

const PhotoFields = Photo.omit({ updatedAt: true, deleted: true });

/**
 * Stores the bytes (unless this tablet already has them: same content, same address) and appends
 * the photo row with its outbox op. Call INSIDE a runWrite whose tables include photoTables(db).
 * @throws InvalidPhotoError when the server would refuse the photo row (nothing is written).
 */
export async function addPhotoInTx(
  db: HandoverDb,
  ctx: WriteContext,
  input: { ownerTable: PhotoOwner; ownerId: string; photo: PreparedPhoto },
): Promise<Photo> {
  const { photo } = input;
  const candidate = {
    id: newId(),
    siteId: ctx.siteId,
    sha256: photo.sha256,
    mime: photo.mime,
    bytes: photo.data.byteLength,
    width: photo.width,
    height: photo.height,
    ownerTable: input.ownerTable,
    ownerId: input.ownerId,
    staffId: ctx.actorStaffId,
    takenAt: ctx.now(),
  };
  const parsed = PhotoFields.safeParse(candidate);
  if (!parsed.success) throw new InvalidPhotoError(parsed.error.issues);
  const existing = await db.photoBlob.get(photo.sha256);
  // Kept as it is when present: it may already be uploaded (1), which must not go back to 0.
  if (!existing) await db.photoBlob.add({ sha256: photo.sha256, mime: photo.mime, data: photo.data, uploaded: 0 });
  return insertRow(db, ctx, 'photo', 'append', candidate);
}

/** Adds a photo to an existing row in a transaction of its own. */
export async function addPhoto(
  db: HandoverDb,
  ctx: WriteContext,
  input: { ownerTable: PhotoOwner; ownerId: string; photo: PreparedPhoto },
): Promise<Photo> {
  return runWrite(db, photoTables(db), () => addPhotoInTx(db, ctx, input));
}
