/**
 * H3: what a signed handover locks on this tablet: the handover draft, its count lines, the
 * outgoing duty and the content of that duty's log entries. The repositories check these inside
 * their write transactions (include `lockTables(db)` in the runWrite) and throw LockedError, so a
 * locked write never reaches the outbox; the server refuses the same writes with `locked` (409).
 */
import type { Table } from 'dexie';
import type { Handover } from '../../../domain/handover-entities';
import { LockedError } from '../errors';
import type { HandoverDb } from '../schema';

/** The tables a lock check reads: include them in the runWrite of a write that checks a lock. */
export function lockTables(db: HandoverDb): Table[] {
  return [db.handover, db.handoverRecord];
}

/**
 * A duty is locked once this tablet holds a signed record (not an addendum) that hands it over.
 * Works inside or outside a transaction that includes `db.handoverRecord`.
 */
export async function dutyLocked(db: HandoverDb, dutyId: string): Promise<boolean> {
  const records = await db.handoverRecord.where('outgoingDutyId').equals(dutyId).toArray();
  return records.some((r) => !r.deleted && r.correctsId === null);
}

/** A handover is locked once signed: its status says so, or a signed record of it is here. */
export async function handoverLocked(db: HandoverDb, handover: Pick<Handover, 'id' | 'status'>): Promise<boolean> {
  if (handover.status === 'signed') return true;
  const records = await db.handoverRecord.where('handoverId').equals(handover.id).toArray();
  return records.some((r) => !r.deleted);
}

/** @throws LockedError when the duty has been handed over (H3). */
export async function assertDutyUnlocked(db: HandoverDb, dutyId: string): Promise<void> {
  if (await dutyLocked(db, dutyId)) throw new LockedError('duty', dutyId);
}

/** @throws LockedError when the handover has been signed (H3). */
export async function assertHandoverUnlocked(db: HandoverDb, handover: Pick<Handover, 'id' | 'status'>): Promise<void> {
  if (await handoverLocked(db, handover)) throw new LockedError('handover', handover.id);
}

/**
 * H3: the fields of a locked duty's log entry that may still change, its follow-up: status and
 * result, a referral's department (H4, H11(a)), an equipment operation's end (H11(b)), and a
 * repair's assignee and completion time (F2). The server keeps the same list (row-locks.ts).
 */
export const ENTRY_FOLLOW_UP_FIELDS: ReadonlySet<string> = new Set([
  'status',
  'result',
  'referredTo',
  'operationEndedAt',
  'assignedTo',
  'completedAt',
]);

/**
 * @throws LockedError when `fields` changes anything but the follow-up of an entry of the duty
 * `dutyId` and that duty has been handed over (H3): its content is signed, corrections are addenda.
 */
export async function assertEntryPatchAllowed(
  db: HandoverDb,
  dutyId: string,
  fields: readonly string[],
): Promise<void> {
  if (fields.every((f) => ENTRY_FOLLOW_UP_FIELDS.has(f))) return;
  await assertDutyUnlocked(db, dutyId);
}
