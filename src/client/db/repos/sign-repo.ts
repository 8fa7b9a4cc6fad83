/**
 * Signing a handover, an opening or a closing of the desk (H3, S1). Each person has confirmed their
 * PIN on the tablet BEFORE this is called (the screen uses pin-check.ts, with the lockout); here the
 * signatures' strokes, the person taking over and the gate (H11) are checked again, the record is
 * hashed into the building's chain, and everything is written in ONE transaction, ops in the
 * contract's order: (1) the draft signed, (2) the record, (3) the new duty (none for a closing).
 * There is no duty-end op: the server ends the outgoing duty itself when it applies the record;
 * the tablet sets the same `endedAt` locally, without an op.
 */
import type { Duty } from '../../../domain/entities';
import { hashRecord } from '../../../domain/chain';
import { HandoverRecord, type BlockerSeen, type Signature } from '../../../domain/handover-entities';
import { newId } from '../../../domain/ids';
import { RowNotFoundError } from '../errors';
import { getMeta } from '../meta';
import { carryOver } from '../queries/carry-over';
import { requireHandover } from '../queries/count-view';
import { openDuties } from '../queries/desk-queries';
import { draftKind, gateState } from '../queries/gate-state';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { dutyLocked, lockTables } from './handover-locks';
import { signFingerprint } from './sign-fingerprint';
import {
  blockersSeen,
  chainHead,
  kindSignatures,
  newDutyShift,
  personTakingOver,
  recordCarried,
  recordCount,
  recordDuty,
  type SignError,
} from './sign-record';
import type { WriteContext } from './write-context';

export interface SignInput {
  handoverId: string;
  /** handover: [outgoing, incoming]; opening: the opener's (role incoming); closing: the outgoing person's. */
  signatures: Signature[];
  /** The blockers the screen showed during the handover; any still in force are added. */
  blockersSeen: BlockerSeen[];
}

export type { SignError } from './sign-record';

export type Signed = { record: HandoverRecord; newDuty: Duty | null };
type RecordDraft = Omit<HandoverRecord, 'hash' | 'updatedAt' | 'deleted'>;
type Attempt<T, E> = Result<T, E> | 'retry';

/**
 * Re-reading inside the write found the chain head, the draft, its count, its duty's entries or the
 * pull cursor moved since the record was built: build again, once.
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

async function attemptSign(db: HandoverDb, ctx: WriteContext, input: SignInput): Promise<Attempt<Signed, SignError>> {
  const signedAt = ctx.now();
  const handover = await requireHandover(db, input.handoverId);
  const kind = draftKind(handover);
  const dutyId = handover.outgoingDutyId;
  if (handover.status !== 'preparing' || (dutyId !== null && (await dutyLocked(db, dutyId))))
    return fail('alreadySigned');
  if (kind === 'opening' && (await openDuties(db)).length > 0) return fail('dutyOpen');
  // Read before anything the record is built from, so any tap, entry or pull after it shows in the write.
  const builtFrom = await signFingerprint(db, handover.id, dutyId);
  const cursor = (await getMeta(db, 'cursor')) ?? 0;

  const gate = await gateState(db, handover, signedAt);
  const incoming = await personTakingOver(db, handover, gate);
  if (!incoming.ok) return incoming;
  const signatures = kindSignatures(kind, input.signatures, {
    outgoing: handover.outgoingStaffId,
    incoming: incoming.value,
  });
  if (!signatures) return fail('signatureMissing');
  if (gate.blockers.length > 0) return fail(onlyCountMissing(gate.blockers) ? 'countIncomplete' : 'blocked');

  const duty = dutyId === null ? undefined : await db.duty.get(dutyId);
  if (dutyId !== null && (!duty || duty.deleted)) throw new RowNotFoundError('duty', dutyId);
  const endedAt = duty?.endedAt ?? signedAt;
  const carried = await carryOver(db, { handoverId: handover.id, incomingStaffId: incoming.value, nowMs: signedAt });
  const newDutyId = kind === 'closing' ? null : newId();
  const draft: Omit<RecordDraft, 'prevHash'> = {
    id: newId(),
    siteId: ctx.siteId,
    kind,
    handoverId: handover.id,
    correctsId: null,
    outgoingDutyId: dutyId,
    outgoingStaffId: handover.outgoingStaffId,
    incomingStaffId: incoming.value,
    newDutyId,
    scheduledAt: handover.scheduledAt,
    openedAt: handover.openedAt,
    joinedAt: handover.joinedAt ?? null,
    signedAt,
    syncCursor: cursor,
    recordReviewed: handover.recordReviewed,
    equipmentChecked: handover.equipmentChecked,
    pendingReviewed: handover.pendingReviewed,
    anomaliesAsked: handover.anomaliesAsked,
    recordReviewNote: handover.recordReviewNote,
    anomalyAnswer: handover.anomalyAnswer,
    synthesis: handover.synthesis,
    fitness: handover.fitness,
    fitnessNote: handover.fitnessNote,
    fitnessAttestedBy: handover.fitnessAttestedBy ?? null,
    substituteStaffId: handover.substituteStaffId,
    substituteApproval: handover.substituteApproval ?? null,
    count: await recordCount(db, gate.count),
    duty: duty ? await recordDuty(db, duty, endedAt) : null,
    carried: recordCarried(carried),
    blockersSeen: blockersSeen(input.blockersSeen, gate.blockers),
    signatures,
    note: '',
  };
  const prevHash = await chainHead(db);
  const recordFields = await hashed(draft, prevHash);
  const shiftId = await newDutyShift(db, handover, gate, signedAt);

  // countLine and logEntry are in the write so no tap or entry can slip in between the check and the lock.
  return runWrite(db, [db.duty, db.countLine, db.logEntry, ...lockTables(db)], async () => {
    // Re-checked inside the write: another tab or a pull may have moved on since the reads above.
    const now = await db.handover.get(handover.id);
    if (!now || now.status !== 'preparing' || (dutyId !== null && (await dutyLocked(db, dutyId)))) {
      return fail('alreadySigned' as const);
    }
    if (kind === 'opening' && (await openDuties(db)).length > 0) return fail('dutyOpen' as const);
    if (now.updatedAt !== handover.updatedAt || (await chainHead(db)) !== prevHash) return 'retry' as const;
    if ((await signFingerprint(db, handover.id, dutyId)) !== builtFrom) return 'retry' as const;
    if (((await getMeta(db, 'cursor')) ?? 0) !== cursor) return 'retry' as const;
    await patchRow(db, ctx, 'handover', handover.id, { status: 'signed' });
    const record = await insertRow(db, ctx, 'handoverRecord', 'put', recordFields);
    // H3: the server ends the outgoing duty when it applies the record; the tablet shows the same now.
    const current = dutyId === null ? undefined : await db.duty.get(dutyId);
    if (current && current.endedAt === null) await db.duty.put({ ...current, endedAt });
    if (newDutyId === null || incoming.value === null) return ok({ record, newDuty: null });
    // The new duty's op is the person's who takes it: they signed for it with their PIN.
    const newDuty = await insertRow(db, { ...ctx, actorStaffId: incoming.value }, 'duty', 'put', {
      id: newDutyId,
      siteId: ctx.siteId,
      staffId: incoming.value,
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
 * Signs the draft (H3) once each signer's PIN was confirmed on the tablet (by the screen).
 * Recomputes the gate (H11) itself and refuses while anything blocks; the person taking over must
 * be eligible (S1, H11(d)). After it resolves, the draft, its count and the outgoing duty are
 * locked (LockedError on further writes) and the outgoing duty has ended.
 * @throws RowNotFoundError when the draft or its duty is not on this tablet.
 */
export async function signHandover(
  db: HandoverDb,
  ctx: WriteContext,
  input: SignInput,
): Promise<Result<Signed, SignError>> {
  return withOneRetry(() => attemptSign(db, ctx, input));
}

/**
 * A correction of a signed record (H3, D5): a new record in the chain with `correctsId`, a note
 * saying what it corrects and why, and the signatures of the record's own people (strokes
 * required; the PINs confirmed by the screen): both for a handover, the one signer of an opening or
 * closing. The corrected record is never changed; its content is carried over.
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
    // H3: a correction is signed by the same people as the record it corrects (the server refuses others).
    const signatures = kindSignatures(original.kind ?? 'handover', input.signatures, {
      outgoing: original.outgoingStaffId,
      incoming: original.incomingStaffId,
    });
    if (!signatures) return fail('signatureMissing' as const);
    const { _versions: _local, hash: _hash, updatedAt: _u, deleted: _d, prevHash: _p, ...content } = original;
    // A record signed before kinds, joins and cursors existed is a handover; its override is gone (H11).
    const { override: _gone, ...kept } = content as typeof content & { override?: unknown };
    const legacy = {
      kind: 'handover' as const,
      joinedAt: null,
      syncCursor: 0,
      fitnessAttestedBy: null,
      substituteApproval: null,
    };
    const draft = { ...legacy, ...kept, id: newId(), correctsId: original.id, signedAt: ctx.now(), signatures, note };
    const prevHash = await chainHead(db);
    const fields = await hashed(draft, prevHash);
    return runWrite(db, [db.handoverRecord], async () => {
      if ((await chainHead(db)) !== prevHash) return 'retry' as const;
      return ok(await insertRow(db, ctx, 'handoverRecord', 'put', fields));
    });
  });
}
