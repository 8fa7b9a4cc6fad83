/**
 * H3: what a signed record freezes that other writers may still change while it is built and
 * hashed: the handover's count lines (a tap, or another tablet's tap arriving by pull) and the
 * outgoing duty's log entries (a new entry, an amendment's status change, a pulled edit). Read
 * before the build and again inside the signing write: when they differ, the record would lock the
 * duty without that change, so it is built again instead.
 */
import type { HandoverDb } from '../schema';

/**
 * A fingerprint of the handover's live count lines (ids) and of the duty's entries (ids with their
 * updatedAt, so an edit or a deletion shows too), or of the count alone for an opening. Works inside or outside a transaction over
 * `db.countLine` and `db.logEntry`.
 */
export async function signFingerprint(db: HandoverDb, handoverId: string, dutyId: string | null): Promise<string> {
  const [lines, entries] = await Promise.all([
    db.countLine.where('handoverId').equals(handoverId).toArray(),
    // An opening hands over no duty: only its count is frozen.
    dutyId === null ? [] : db.logEntry.where('dutyId').equals(dutyId).toArray(),
  ]);
  const lineIds = lines
    .filter((l) => !l.deleted)
    .map((l) => l.id)
    .sort();
  const entryVersions = entries.map((e) => `${e.id}@${e.updatedAt}`).sort();
  return JSON.stringify([lineIds, entryVersions]);
}
