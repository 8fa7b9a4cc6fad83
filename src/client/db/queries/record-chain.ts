/** The head of the building's chain of signed records (H3), read through the signedAt index. */
import type { HandoverRecord } from '../../../domain/handover-entities';
import type { HandoverDb, LocalRow } from '../schema';

/**
 * The newest record (or addendum) on this tablet by signedAt, optionally not one of
 * `exceptHandoverId`. Walks the signedAt index from the newest end and stops at the first match, so
 * it stays cheap however long the building's history grows (the count screen reads it on every tap).
 * Equal signedAt: the greater id wins (the index's order).
 */
export async function newestRecord(
  db: HandoverDb,
  opts: { exceptHandoverId?: string } = {},
): Promise<LocalRow<HandoverRecord> | undefined> {
  const except = opts.exceptHandoverId;
  return db.handoverRecord
    .orderBy('signedAt')
    .reverse()
    .filter((r) => !r.deleted && r.handoverId !== except)
    .first();
}
