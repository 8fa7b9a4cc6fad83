/**
 * The handover draft (H1, H2, H9, H10, H11(d)): opened by the outgoing person for their open duty
 * (a handover, or a closing when no shift follows), filled in by both people at the desk, mutable
 * until signed (sign-repo.ts). Checklist flags are separate fields, so two people ticking different
 * boxes never conflict. The opening of the desk and the incoming person's join are in desk-repo.ts.
 */
import { latestLines } from '../../../domain/count-rules';
import { Handover, type HandoverKind } from '../../../domain/handover-entities';
import { newId } from '../../../domain/ids';
import { HandoverActorError, RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { proofKeyOf } from '../../state/proof-keys';
import { insertRow, patchRow, runWrite } from '../write';
import { incomingActor, preparer } from './handover-actors';
import { assertDutyUnlocked, assertHandoverUnlocked, lockTables } from './handover-locks';
import type { WriteContext } from './write-context';

/** The fields the two people fill in while preparing (who joins is joinHandover's). */
export type HandoverEditable = Pick<
  Handover,
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

/** H7, H9: the incoming person's own words, written only by them once they have joined. */
const INCOMING_FIELDS: readonly (keyof HandoverEditable)[] = ['synthesis', 'recordReviewNote'];

/** A new draft's answers: nothing ticked, nothing said, nobody joined. */
export function blankDraft(): Omit<
  Handover,
  | 'id'
  | 'siteId'
  | 'kind'
  | 'outgoingDutyId'
  | 'outgoingStaffId'
  | 'incomingStaffId'
  | 'joinedAt'
  | 'scheduledAt'
  | 'openedAt'
  | 'status'
  | 'updatedAt'
  | 'deleted'
> {
  return {
    recordReviewed: false,
    equipmentChecked: false,
    pendingReviewed: false,
    anomaliesAsked: false,
    recordReviewNote: '',
    anomalyAnswer: '',
    synthesis: '',
    fitness: 'unset',
    fitnessNote: '',
    fitnessAttestedBy: null,
    substituteStaffId: null,
    substituteApproval: null,
  };
}

/**
 * Opens the handover (or, when no shift follows, the closing: H3) of `outgoingDutyId` (H1), or
 * returns the one already being prepared for it, so a reload or a second tap never opens two. The
 * outgoing person is the duty's person; the preparation starts now (H1: measured against
 * `outgoingLeadMinutes` before the end of the shift). After the server refused the signed record of
 * an earlier draft, the new one starts from that draft's answers, join and count.
 * @throws RowNotFoundError when the duty is not on this tablet.
 * @throws LockedError when the duty has already been handed over or closed.
 */
export async function openHandover(
  db: HandoverDb,
  ctx: WriteContext,
  input: { outgoingDutyId: string; scheduledAt: number | null; kind: Exclude<HandoverKind, 'opening'> },
): Promise<Handover> {
  return runWrite(db, [db.duty, db.countLine, ...lockTables(db)], async () => {
    const duty = await db.duty.get(input.outgoingDutyId);
    if (!duty || duty.deleted) throw new RowNotFoundError('duty', input.outgoingDutyId);
    await assertDutyUnlocked(db, duty.id);
    const existing = (await db.handover.where('outgoingDutyId').equals(duty.id).toArray())
      .filter((h) => !h.deleted && h.status === 'preparing')
      .sort((a, b) => b.openedAt - a.openedAt || b.id.localeCompare(a.id))
      .at(0);
    if (existing) return existing;
    const refused = await refusedDraft(db, duty.id, input.kind);
    const draft = await insertRow(db, ctx, 'handover', 'put', {
      id: newId(),
      siteId: ctx.siteId,
      kind: input.kind,
      outgoingDutyId: duty.id,
      outgoingStaffId: duty.staffId,
      incomingStaffId: refused?.incomingStaffId ?? null,
      joinedAt: refused?.joinedAt ?? null,
      scheduledAt: input.scheduledAt,
      openedAt: refused?.openedAt ?? ctx.now(),
      ...(refused ? answersOf(refused) : blankDraft()),
      status: 'preparing' as const,
    });
    if (refused) await copyCount(db, ctx, refused.id, draft.id);
    return draft;
  });
}

/**
 * The draft of `dutyId` whose signed record the server refused (gate_blocked, duty_rule...): marked
 * signed, yet no record of it is on the tablet and the duty is still open. Preparing again starts
 * from its answers and its count, so nothing typed or tapped is lost on a refusal.
 */
async function refusedDraft(db: HandoverDb, dutyId: string, kind: HandoverKind): Promise<Handover | undefined> {
  const drafts = (await db.handover.where('outgoingDutyId').equals(dutyId).toArray())
    .filter((h) => !h.deleted && h.status === 'signed' && (h.kind ?? 'handover') === kind)
    .sort((a, b) => b.openedAt - a.openedAt || b.id.localeCompare(a.id));
  const newest = drafts[0];
  if (!newest) return undefined;
  const records = await db.handoverRecord.where('handoverId').equals(newest.id).count();
  return records === 0 ? newest : undefined;
}

/** The answers of a draft, to carry into a new one. */
function answersOf(h: Handover): ReturnType<typeof blankDraft> {
  return {
    recordReviewed: h.recordReviewed,
    equipmentChecked: h.equipmentChecked,
    pendingReviewed: h.pendingReviewed,
    anomaliesAsked: h.anomaliesAsked,
    recordReviewNote: h.recordReviewNote,
    anomalyAnswer: h.anomalyAnswer,
    synthesis: h.synthesis,
    fitness: h.fitness,
    fitnessNote: h.fitnessNote,
    fitnessAttestedBy: h.fitnessAttestedBy ?? null,
    substituteStaffId: h.substituteStaffId,
    substituteApproval: h.substituteApproval ?? null,
  };
}

/**
 * The refused draft's count, carried into the new draft: each item's newest line again, as the
 * person who tapped it (the op is theirs, as the line says: H8), with the explanation's author.
 * Issue 9 §3: an op in a person's name needs their proof key, so only the lines of people whose PIN
 * was typed in this page are carried; the others' items show as not counted yet, to tap again.
 */
async function copyCount(db: HandoverDb, ctx: WriteContext, fromId: string, toId: string): Promise<void> {
  const lines = (await db.countLine.where('handoverId').equals(fromId).toArray()).filter((l) => !l.deleted);
  for (const line of latestLines(lines).values()) {
    if (!proofKeyOf(line.staffId)) continue;
    await insertRow(db, { ...ctx, actorStaffId: line.staffId }, 'countLine', 'append', {
      id: newId(),
      siteId: ctx.siteId,
      handoverId: toId,
      itemId: line.itemId,
      state: line.state,
      quantity: line.quantity,
      explanation: line.explanation,
      staffId: line.staffId,
      explainedBy: line.explainedBy ?? null,
      recordedAt: ctx.now(),
      deviceTime: ctx.deviceNow(),
    });
  }
}

/**
 * Changes some fields of the draft; only the fields that differ are queued (per-field versions).
 * H9: the restatement and the review note are the incoming person's, once joined. H11(d): setting
 * the fitness records who attested it; a new substitute needs a new approval (S1).
 * @throws ZodError when a value breaks the Handover schema (a note too long, an unknown fitness).
 * @throws RowNotFoundError when the handover is not on this tablet.
 * @throws LockedError once it is signed (H3).
 * @throws HandoverActorError when the incoming person's words are written by anyone else.
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
    if (INCOMING_FIELDS.some((f) => f in valid) && incomingActor(handover) !== ctx.actorStaffId) {
      throw new HandoverActorError(handoverId, 'restatement');
    }
    const extra: Partial<Handover> = {};
    if (valid.fitness !== undefined && valid.fitness !== handover.fitness) {
      extra.fitnessAttestedBy = valid.fitness === 'unset' ? null : ctx.actorStaffId;
      if (valid.fitness !== 'unfit') Object.assign(extra, { substituteStaffId: null, substituteApproval: null });
    }
    if (valid.substituteStaffId !== undefined && valid.substituteStaffId !== handover.substituteStaffId) {
      extra.substituteApproval = null;
    }
    await patchRow(db, ctx, 'handover', handoverId, { ...valid, ...extra });
  });
}

/**
 * "Cancel this handover": the outgoing person (or the opener) gives up a draft started by mistake
 * or of the wrong kind (a closing when a shift turns out to follow). The duty goes on; a new one
 * can be started. Cancelling a cancelled draft changes nothing.
 * @throws RowNotFoundError when the handover is not on this tablet.
 * @throws LockedError once it is signed (H3).
 */
export async function cancelHandover(
  db: HandoverDb,
  ctx: WriteContext,
  handoverId: string,
): Promise<Result<void, 'notYours'>> {
  return runWrite(db, lockTables(db), async () => {
    const handover = await db.handover.get(handoverId);
    if (!handover || handover.deleted) throw new RowNotFoundError('handover', handoverId);
    await assertHandoverUnlocked(db, handover);
    if (preparer(handover) !== ctx.actorStaffId) return fail('notYours' as const);
    await patchRow(db, ctx, 'handover', handoverId, { status: 'abandoned' });
    return ok(undefined);
  });
}
