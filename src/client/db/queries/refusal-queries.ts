/**
 * What the status bar and the sync panel show of refused changes and photos (issue 7 §8), meant
 * for `useLiveQuery(() => fn(db))`. Nothing here is dropped: a refusal dealt with moves to its
 * own list, and a refused photo stays on the tablet.
 */
import type { SyncError } from '../../../domain/entities';
import type { PhotoUploadRefusal } from '../photo-store';
import type { HandoverDb } from '../schema';

export interface RefusalLists {
  /** Refusals nobody has dealt with yet, newest first: the status bar counts these. */
  open: SyncError[];
  /** Refusals dealt with (dismissed or sent again), the most recently dealt with first. */
  dealt: SyncError[];
}

/** The building's refused changes this tablet holds, open and dealt with. */
export async function refusalLists(db: HandoverDb): Promise<RefusalLists> {
  const rows = (await db.syncError.toArray()).filter((r) => !r.deleted);
  const dealtWith = (r: SyncError) => r.dismissedAt !== null && r.dismissedAt !== undefined;
  return {
    open: rows.filter((r) => !dealtWith(r)).sort((a, b) => b.recordedAt - a.recordedAt || b.counter - a.counter),
    dealt: rows.filter(dealtWith).sort((a, b) => (b.dismissedAt ?? 0) - (a.dismissedAt ?? 0) || b.counter - a.counter),
  };
}

/** A photo taken here whose bytes the server refused for good. */
export interface RefusedPhoto {
  sha256: string;
  refusal: PhotoUploadRefusal;
  /** What the photo was taken for (an entry, a count line...), when its row is on this tablet. */
  ownerTable: string | null;
}

export interface PhotoUploads {
  /** Photos taken here still to be uploaded (not refused). */
  waiting: number;
  refused: RefusedPhoto[];
}

/** Photos taken on this tablet that are not on the server: waiting, or refused (newest refusal first). */
export async function photoUploads(db: HandoverDb): Promise<PhotoUploads> {
  let waiting = 0;
  const refused: Omit<RefusedPhoto, 'ownerTable'>[] = [];
  await db.photoBlob
    .where('uploaded')
    .equals(0)
    .each((b) => {
      if (b.refusal === undefined) waiting++;
      else refused.push({ sha256: b.sha256, refusal: b.refusal });
    });
  const owners = await Promise.all(
    refused.map(async (r) => (await db.photo.where('sha256').equals(r.sha256).first())?.ownerTable ?? null),
  );
  return {
    waiting,
    refused: refused
      .map((r, i) => ({ ...r, ownerTable: owners[i] ?? null }))
      .sort((a, b) => b.refusal.at - a.refusal.at || a.sha256.localeCompare(b.sha256)),
  };
}
