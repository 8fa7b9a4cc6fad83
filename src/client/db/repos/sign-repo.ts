/**
 * Signing the handover (H3) and correcting a signed record. Both people have confirmed their PIN
 * on the tablet BEFORE these are called (the screen uses pin-repo `verifyStaffPin`); here the
 * signatures' strokes, the incoming person's eligibility (S1, H11(d)) and the gate (H11) are
 * checked again, the record is hashed into the building's chain, and everything is written in ONE
 * transaction, ops in this order: (1) handover signed, (2) outgoing duty ended, (3) the record,
 * (4) the incoming person's new duty.
 */
import type { Duty } from '../../../domain/entities';
import { hashRecord } from '../../../domain/chain';
import { HandoverRecord, type BlockerSeen, type GateOverride, type Signature } from '../../../domain/handover-entities';
import { newId } from '../../../domain/ids';
import { carryOver, gateState } from '../queries/carry-over';
import { requireHandover } from '../queries/count-view';
import { RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { dutyLocked, lockTables } from './handover-locks';
import { signFingerprint } from './sign-fingerprint';
import {
  blockersSeen,
  bothSignatures,
  chainHead,
  overrideCovers,
  recordCarried,
  recordCount,
  recordDuty,
} from './sign-record';
import type { WriteContext } from './write-context';

export interface SignInput {
  handoverId: string;
  incomingStaffId: string;
  /** One 'outgoing' signature by the handover's outgoing person and one 'incoming' by `incomingStaffId`. */
  signatures: Signature[];
  /** A chief's or manager's override of the gate (H11), or null. */
  override: GateOverride | null;
  /** The blockers the screen showed; any still in force are added. */
  blockersSeen: BlockerSeen[];
}

/**
 * signatureMissing: a pad without strokes or a signature by someone else; notEligible: the incoming
 * person is not rostered, not the H11(d) substitute, or inactive; blocked: the gate refuses and no
 * valid override covers it; countIncomplete: the only thing missing is the count (H8);
 * alreadySigned: the handover is no longer being prepared or its duty was handed over already.
 */
export type SignError = 'signatureMissing' | 'notEligible' | 'blocked' | 'countIncomplete' | 'alreadySigned';

type RecordDraft = Omit<HandoverRecord, 'hash' | 'updatedAt' | 'deleted'>;
type Attempt<T, E> = Result<T, E> | 'retry';

/**
 * Re-reading inside the write found the chain head, the draft, its count or its duty's entries
 * moved since the record was built: build again, once.
 */
async function withOneRetry<T, E>(attempt: () => Promise<Attempt<T, E>>): Promise<Result<T, E>> {
  for (let i = 0; i < 2; i++) {
    const outcome = await attempt();
    if (outcome !== 'retry') return outcome;
  }
  throw new Error('the handover or the chain changed twice while signing; try again');
}

/** The only blocker is the count not being finished (H8, part of H11(c)). */
function onlyCountMissing(blockers: { code: string; refs: string[] }[]): boolean {
  return (
    blockers.length === 1 && blockers[0]?.code === 'preparationIncomplete' && blockers[0].refs.join() === 'itemsCounted'
  );
}

const RecordFields = HandoverRecord.omit({ updatedAt: true, deleted: true });

/** The draft with its place in the chain and its hash, as the op carries it. */
async function hashed(draft: Omit<RecordDraft, 'prevHash'>, prevHash: string): Promise<RecordDraft & { hash: string }> {
  const unhashed = { ...draft, prevHash };
  const fields = { ...unhashed, hash: await hashRecord(unhashed) };
  // A record the server's schema would refuse is a bug here, not a user error: never queue it.
  RecordFields.parse(fields);
  return fields;
}

async function attemptSign(
  db: HandoverDb,
  ctx: WriteContext,
  input: SignInput,
): Promise<Attempt<{ record: HandoverRecord; newDuty: Duty }, SignError>> {
  const signedAt = ctx.now();
  const handover = await requireHandover(db, input.handoverId);
  if (handover.status !== 'preparing' || (await dutyLocked(db, handover.outgoingDutyId))) return fail('alreadySigned');
  // Read before anything the record is built from, so any tap or entry after it shows in the write.
  const builtFrom = await signFingerprint(db, handover.id, handover.outgoingDutyId);
  const signatures = bothSignatures(input.signatures, handover.outgoingStaffId, input.incomingStaffId);
  if (!signatures) return fail('signatureMissing');

  const gate = await gateState(db, handover, signedAt);
  const overridden = await overrideCovers(db, input.override, gate.blockers);
  const incoming = await db.staff.get(input.incomingStaffId);
  const rosterLifted = overridden && gate.blockers.some((b) => b.code === 'notRostered');
  if (
    !incoming ||
    incoming.deleted ||
    !incoming.active ||
    incoming.id === handover.outgoingStaffId ||
    !(gate.eligible.includes(incoming.id) || rosterLifted)
  ) {
    return fail('notEligible');
  }
  if (gate.blockers.length > 0 && !overridden)
    return fail(onlyCountMissing(gate.blockers) ? 'countIncomplete' : 'blocked');

  const duty = await db.duty.get(handover.outgoingDutyId);
  if (!duty || duty.deleted) throw new RowNotFoundError('duty', handover.outgoingDutyId);
  const endedAt = duty.endedAt ?? signedAt;
  const carried = await carryOver(db, { handoverId: handover.id, incomingStaffId: incoming.id, nowMs: signedAt });
  const newDutyId = newId();
  const draft: Omit<RecordDraft, 'prevHash'> = {
    id: newId(),
    siteId: ctx.siteId,
    handoverId: handover.id,
    correctsId: null,
    outgoingDutyId: duty.id,
    outgoingStaffId: handover.outgoingStaffId,
    incomingStaffId: incoming.id,
    newDutyId,
    scheduledAt: handover.scheduledAt,
    openedAt: handover.openedAt,
    signedAt,
    recordReviewed: handover.recordReviewed,
    equipmentChecked: handover.equipmentChecked,
    pendingReviewed: handover.pendingReviewed,
    anomaliesAsked: handover.anomaliesAsked,
    recordReviewNote: handover.recordReviewNote,
    anomalyAnswer: handover.anomalyAnswer,
    synthesis: handover.synthesis,
    fitness: handover.fitness,
    fitnessNote: handover.fitnessNote,
    substituteStaffId: handover.substituteStaffId,
    count: await recordCount(db, gate.count),
    duty: await recordDuty(db, duty, endedAt),
    carried: recordCarried(carried),
    blockersSeen: blockersSeen(input.blockersSeen, gate.blockers),
    override: overridden ? input.override : null,
    signatures,
    note: '',
  };
  const prevHash = await chainHead(db);
  const recordFields = await hashed(draft, prevHash);
  const shiftId = gate.candidates.find((c) => c.staffId === incoming.id)?.shiftId ?? null;

  // countLine and logEntry are in the write so no tap or entry can slip in between the check and the lock.
  return runWrite(db, [db.duty, db.countLine, db.logEntry, ...lockTables(db)], async () => {
    // Re-checked inside the write: another tab or a pull may have moved on since the reads above.
    const now = await db.handover.get(handover.id);
    if (!now || now.status !== 'preparing' || (await dutyLocked(db, duty.id))) return fail('alreadySigned' as const);
    if (now.updatedAt !== handover.updatedAt || (await chainHead(db)) !== prevHash) return 'retry' as const;
    if ((await signFingerprint(db, handover.id, duty.id)) !== builtFrom) return 'retry' as const;
    await patchRow(db, ctx, 'handover', handover.id, { status: 'signed', incomingStaffId: incoming.id });
    if (duty.endedAt === null) await patchRow(db, ctx, 'duty', duty.id, { endedAt });
    const record = await insertRow(db, ctx, 'handoverRecord', 'put', recordFields);
    // The new duty's op is the incoming person's: they signed for it with their PIN.
    const newDuty = await insertRow(db, { ...ctx, actorStaffId: incoming.id }, 'duty', 'put', {
      id: newDutyId,
      siteId: ctx.siteId,
      staffId: incoming.id,
      deviceId: ctx.deviceId,
      shiftId,
      startedAt: signedAt,
      endedAt: null,
      handoverId: record.id,
    });
    return ok({ record, newDuty });
  });
}

/**
 * Signs the handover (H3) once both PINs were confirmed on the tablet (verifyStaffPin, by the
 * screen). Recomputes the gate (H11) itself: refused while blocked unless a chief's or manager's
 * override with a reason covers every blocker; the incoming person must be eligible (S1, H11(d))
 * unless the override lifts `notRostered`. After it resolves, the handover, its count and the
 * outgoing duty are locked (LockedError on further writes).
 * @throws RowNotFoundError when the handover or its duty is not on this tablet.
 */
export async function signHandover(
  db: HandoverDb,
  ctx: WriteContext,
  input: SignInput,
): Promise<Result<{ record: HandoverRecord; newDuty: Duty }, SignError>> {
  return withOneRetry(() => attemptSign(db, ctx, input));
}

/**
 * A correction of a signed record (H3, D5): a new record in the chain with `correctsId`, a note
 * saying what it corrects and why, and the signatures of the record's own two people (strokes
 * required; the PINs confirmed by the screen). The corrected record is never changed; its content is carried over.
 * @throws RowNotFoundError when the record is not on this tablet.
 */
export async function addCorrection(
  db: HandoverDb,
  ctx: WriteContext,
  input: { recordId: string; note: string; signatures: Signature[] },
): Promise<Result<HandoverRecord, 'noteRequired' | 'signatureMissing'>> {
  const note = input.note.trim();
  return withOneRetry(async () => {
    const original = await db.handoverRecord.get(input.recordId);
    if (!original || original.deleted) throw new RowNotFoundError('handoverRecord', input.recordId);
    if (note === '') return fail('noteRequired' as const);
    // H3: a correction is signed by the same two people as the record it corrects (the server
    // refuses any other pair).
    const signatures = bothSignatures(input.signatures, original.outgoingStaffId, original.incomingStaffId);
    if (!signatures) return fail('signatureMissing' as const);
    const { _versions: _local, hash: _hash, updatedAt: _u, deleted: _d, prevHash: _p, ...content } = original;
    const draft = { ...content, id: newId(), correctsId: original.id, signedAt: ctx.now(), signatures, note };
    const prevHash = await chainHead(db);
    const fields = await hashed(draft, prevHash);
    return runWrite(db, [db.handoverRecord], async () => {
      if ((await chainHead(db)) !== prevHash) return 'retry' as const;
      return ok(await insertRow(db, ctx, 'handoverRecord', 'put', fields));
    });
  });
}
