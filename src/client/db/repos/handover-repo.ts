/**
 * The handover draft (H1, H2, H9, H10, H11(d)): opened by the outgoing person for their open duty,
 * filled in by both people at the desk, mutable until signed (sign-repo.ts). Checklist flags are
 * separate fields, so two people ticking different boxes never conflict.
 */
import { Handover } from '../../../domain/handover-entities';
import { newId } from '../../../domain/ids';
import { RowNotFoundError } from '../errors';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { assertDutyUnlocked, assertHandoverUnlocked, lockTables } from './handover-locks';
import type { WriteContext } from './write-context';

/** The fields the two people fill in while preparing. */
export type HandoverEditable = Pick<
  Handover,
  | 'incomingStaffId'
  | 'recordReviewed'
  | 'equipmentChecked'
  | 'pendingReviewed'
  | 'anomaliesAsked'
  | 'recordReviewNote'
  | 'anomalyAnswer'
  | 'synthesis'
  | 'fitness'
  | 'fitnessNote'
  | 'substituteStaffId'
>;

const EditablePatch = Handover.pick({
  incomingStaffId: true,
  recordReviewed: true,
  equipmentChecked: true,
  pendingReviewed: true,
  anomaliesAsked: true,
  recordReviewNote: true,
  anomalyAnswer: true,
  synthesis: true,
  fitness: true,
  fitnessNote: true,
  substituteStaffId: true,
}).partial();

/**
 * Opens the handover of `outgoingDutyId` (H1), or returns the one already being prepared for it, so
 * a reload or a second tap never opens two. The outgoing person is the duty's person.
 * @throws RowNotFoundError when the duty is not on this tablet.
 * @throws LockedError when the duty has already been handed over.
 */
export async function openHandover(
  db: HandoverDb,
  ctx: WriteContext,
  input: { outgoingDutyId: string; scheduledAt: number | null },
): Promise<Handover> {
  return runWrite(db, [db.duty, ...lockTables(db)], async () => {
    const duty = await db.duty.get(input.outgoingDutyId);
    if (!duty || duty.deleted) throw new RowNotFoundError('duty', input.outgoingDutyId);
    await assertDutyUnlocked(db, duty.id);
    const existing = (await db.handover.where('outgoingDutyId').equals(duty.id).toArray())
      .filter((h) => !h.deleted && h.status === 'preparing')
      .sort((a, b) => b.openedAt - a.openedAt || b.id.localeCompare(a.id))
      .at(0);
    if (existing) return existing;
    return insertRow(db, ctx, 'handover', 'put', {
      id: newId(),
      siteId: ctx.siteId,
      outgoingDutyId: duty.id,
      outgoingStaffId: duty.staffId,
      incomingStaffId: null,
      scheduledAt: input.scheduledAt,
      openedAt: ctx.now(),
      recordReviewed: false,
      equipmentChecked: false,
      pendingReviewed: false,
      anomaliesAsked: false,
      recordReviewNote: '',
      anomalyAnswer: '',
      synthesis: '',
      fitness: 'unset' as const,
      fitnessNote: '',
      substituteStaffId: null,
      status: 'preparing' as const,
    });
  });
}

/**
 * Changes some fields of the draft; only the fields that differ are queued (per-field versions).
 * @throws ZodError when a value breaks the Handover schema (a note too long, an unknown fitness).
 * @throws RowNotFoundError when the handover is not on this tablet.
 * @throws LockedError once it is signed (H3).
 */
export async function updateHandover(
  db: HandoverDb,
  ctx: WriteContext,
  handoverId: string,
  patch: Partial<HandoverEditable>,
): Promise<void> {
  const valid = EditablePatch.parse(patch);
  await runWrite(db, lockTables(db), async () => {
    const handover = await db.handover.get(handoverId);
    if (!handover || handover.deleted) throw new RowNotFoundError('handover', handoverId);
    await assertHandoverUnlocked(db, handover);
    await patchRow(db, ctx, 'handover', handoverId, valid);
  });
}

/**
 * Gives up a handover that will not be signed (the duty goes on, or a new one is opened later).
 * Abandoning an abandoned handover changes nothing.
 * @throws RowNotFoundError when the handover is not on this tablet.
 * @throws LockedError once it is signed (H3).
 */
export async function abandonHandover(db: HandoverDb, ctx: WriteContext, handoverId: string): Promise<void> {
  await runWrite(db, lockTables(db), async () => {
    const handover = await db.handover.get(handoverId);
    if (!handover || handover.deleted) throw new RowNotFoundError('handover', handoverId);
    await assertHandoverUnlocked(db, handover);
    await patchRow(db, ctx, 'handover', handoverId, { status: 'abandoned' });
  });
}
