/**
 * Read functions of the handover screens (H1-H11), meant for `useLiveQuery(() => fn(db, ...))`.
 * The count view and the carry-over/gate live in their own files and are re-exported here so the
 * screens import one module.
 */
import type { SyncError } from '../../../domain/entities';
import type { Handover, HandoverRecord } from '../../../domain/handover-entities';
import { dutyLocked } from '../repos/handover-locks';
import { plain } from '../repos/repo-helpers';
import type { HandoverDb } from '../schema';

export { countView, type CountItemView, type CountView } from './count-view';
export { carryOver, type CarryOver } from './carry-over';
export { gateFor } from './gate-state';

export async function getHandover(db: HandoverDb, id: string): Promise<Handover | undefined> {
  const h = await db.handover.get(id);
  return h && !h.deleted ? h : undefined;
}

/** The newest handover of a duty that was not abandoned (being prepared, or signed). */
export async function handoverForDuty(db: HandoverDb, dutyId: string): Promise<Handover | undefined> {
  const rows = await db.handover.where('outgoingDutyId').equals(dutyId).toArray();
  return rows
    .filter((h) => !h.deleted && h.status !== 'abandoned')
    .sort((a, b) => b.openedAt - a.openedAt || b.id.localeCompare(a.id))
    .at(0);
}

/** `staffId`'s opening of the desk being prepared (H3), if any. */
export async function openingDraftFor(db: HandoverDb, staffId: string): Promise<Handover | undefined> {
  const rows = await db.handover.where('status').equals('preparing').toArray();
  return rows
    .filter((h) => !h.deleted && h.kind === 'opening' && h.incomingStaffId === staffId)
    .sort((a, b) => b.openedAt - a.openedAt || b.id.localeCompare(a.id))
    .at(0);
}

/** The signed record of a handover (the original, not an addendum), once signed. */
export async function recordForHandover(db: HandoverDb, handoverId: string): Promise<HandoverRecord | undefined> {
  const rows = await db.handoverRecord.where('handoverId').equals(handoverId).toArray();
  const original = rows.find((r) => !r.deleted && r.correctsId === null);
  // As signed: without the tablet's version bookkeeping, which is not part of its hash.
  return original ? plain(original) : undefined;
}

/** H3: the duty was handed over by a signed record on this tablet; its record is closed. */
export async function isDutyLocked(db: HandoverDb, dutyId: string): Promise<boolean> {
  return dutyLocked(db, dutyId);
}

/**
 * The building's newest `limit` signed records and addenda, newest signedAt first (ready for
 * verifyChain). Read through the signedAt index, stopping after `limit`.
 */
export async function listRecords(db: HandoverDb, limit: number): Promise<HandoverRecord[]> {
  const n = Math.floor(limit);
  if (!(n > 0)) return [];
  const rows = await db.handoverRecord
    .orderBy('signedAt')
    .reverse()
    .filter((r) => !r.deleted)
    .limit(n)
    .toArray();
  return rows.map((r) => plain(r));
}

/**
 * The server's refusal of this handover's signed record, newest first (e.g. `handover_taken`: another
 * tablet signed the same duty first, so this tablet's new duty was taken off too). The refused
 * record itself is gone from the tablet; the syncError keeps its fields, `handoverId` among them.
 */
export async function refusedHandover(db: HandoverDb, handoverId: string): Promise<SyncError | undefined> {
  const [rows, records] = await Promise.all([
    db.syncError.toArray(),
    db.handoverRecord.where('handoverId').equals(handoverId).primaryKeys(),
  ]);
  const recordIds = new Set<string>(records);
  const mine = (e: SyncError) => e.fields['handoverId'] === handoverId || recordIds.has(e.rowId);
  return rows
    .filter((e) => !e.deleted && e.table === 'handoverRecord' && mine(e))
    .sort((a, b) => b.recordedAt - a.recordedAt || b.counter - a.counter)
    .at(0);
}
