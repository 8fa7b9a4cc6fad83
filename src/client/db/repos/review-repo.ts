/**
 * O1: what the section chief writes in the review: the signed review of a building day (or an
 * addendum correcting it), the choice of the value kept after a sync conflict, and a spot check of
 * the desk. The chief's PIN is confirmed on the screen BEFORE `signDayReview` is called (the PIN
 * check with its lockout); here the role, the day, the signature and the domain's row rules
 * (review-rules.ts) are checked as the server will check them, the review is built from the day as
 * this tablet holds it and hashed into the building's chain, and the put is queued. Hashing awaits
 * WebCrypto, which would commit an open IndexedDB transaction, so the review is built outside the
 * write and checked again inside it (as sign-repo.ts does): if the day's rows, the chain head or
 * the pull cursor moved meanwhile, it is built again once.
 */
import { isDayOver } from '../../../domain/building-day';
import { entryDigest, GENESIS_HASH, hashRecord } from '../../../domain/chain';
import { DayReview, type ConflictChoice, type SpotCheck } from '../../../domain/review-entities';
import { newId } from '../../../domain/ids';
import { checkRowRules } from '../../../domain/row-rules';
import { getMeta } from '../meta';
import { getSite } from '../queries';
import { newestChainHash, reviewDayData } from '../queries/review-queries';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, runWrite } from '../write';
import { dutyLocked } from './handover-locks';
import { roleOf } from './repo-helpers';
import type { WriteContext } from './write-context';

/** Why the tablet refuses to sign (each also refused by the server). */
export type ReviewSignError = 'notChief' | 'dayNotOver' | 'alreadyReviewed' | 'noteRequired' | 'signatureMissing';

export interface SignReviewInput {
  day: string;
  note: string;
  /** The handwritten signature's strokes (signature_pad SVG), null while the pad is empty. */
  svg: string | null;
  /** An addendum: the review it corrects. */
  correctsId: string | null;
}

const ReviewFields = DayReview.omit({ updatedAt: true, deleted: true });
type ReviewDraft = Omit<DayReview, 'updatedAt' | 'deleted'>;

/** What a review is built from, read without hashing so it can be re-read inside the write. */
async function dayBasis(db: HandoverDb, day: string) {
  const site = await getSite(db);
  if (!site) throw new Error('the building has not synced yet');
  const data = await reviewDayData(db, day, site.timeZone, site.incomingLeadMinutes);
  const cursor = (await getMeta(db, 'cursor')) ?? 0;
  const prevHash = (await newestChainHash(db)) ?? GENESIS_HASH;
  const key = JSON.stringify([
    data.entries.map((e) => [e.id, e.updatedAt]),
    data.records.map((r) => r.hash),
    data.flags.map((f) => f.flag.id),
    data.syncErrors.map((e) => e.id),
    data.conflicts.map((c) => c.conflict.id),
    data.dailyReports.map((r) => r.id),
    data.figures,
    cursor,
    prevHash,
  ]);
  return { data, cursor, prevHash, key };
}

async function buildReview(
  db: HandoverDb,
  ctx: WriteContext,
  input: SignReviewInput,
): Promise<{ key: string; review: Omit<ReviewDraft, 'hash' | 'signedAt' | 'signature'> }> {
  const { data, cursor, prevHash, key } = await dayBasis(db, input.day);
  const review = {
    id: newId(),
    siteId: ctx.siteId,
    day: input.day,
    correctsId: input.correctsId,
    reviewerId: ctx.actorStaffId,
    syncCursor: cursor,
    figures: data.figures,
    records: data.records.map((r) => ({ id: r.id, hash: r.hash })),
    entries: await Promise.all(data.entries.map(async (e) => ({ id: e.id, hash: await entryDigest(e) }))),
    reviewFlagIds: data.flags.map((f) => f.flag.id),
    syncErrorIds: data.syncErrors.map((e) => e.id),
    conflictIds: data.conflicts.map((c) => c.conflict.id),
    dailyReportIds: data.dailyReports.map((r) => r.id),
    note: input.note.trim(),
    prevHash,
  };
  return { key, review };
}

/**
 * O1: the chief signs the day `input.day` (or an addendum to its review). Returns the review queued,
 * or why it cannot be signed. The PIN was confirmed by the screen.
 */
export async function signDayReview(
  db: HandoverDb,
  ctx: WriteContext,
  input: SignReviewInput,
): Promise<Result<DayReview, ReviewSignError>> {
  if ((await roleOf(db, ctx.actorStaffId)) !== 'chief') return fail('notChief');
  const site = await getSite(db);
  if (!site) throw new Error('the building has not synced yet');
  if (!isDayOver(input.day, site.timeZone, ctx.now())) return fail('dayNotOver');
  if (input.correctsId !== null && input.note.trim() === '') return fail('noteRequired');
  if (input.svg === null || !/<(path|circle)\b/.test(input.svg)) return fail('signatureMissing');
  const svg = input.svg;
  const chief = { id: ctx.actorStaffId, role: 'chief' as const };
  const corrected = input.correctsId === null ? undefined : await db.dayReview.get(input.correctsId);
  const lookup = (table: string, id: string) =>
    table === 'dayReview' && corrected && !corrected.deleted && corrected.id === id ? corrected : undefined;
  // Every table the day is read from (review-queries.ts, review-flags.ts): the re-check reads them again.
  const tables = [
    db.site,
    db.dayReview,
    db.logEntry,
    db.logAmendment,
    db.duty,
    db.handoverRecord,
    db.escalation,
    db.conflict,
    db.conflictResolution,
    db.task,
    db.taskNote,
    db.acknowledgement,
    db.reviewFlag,
    db.countLine,
    db.item,
    db.itemMovement,
    db.syncError,
    db.dailyReport,
    db.spotCheck,
  ];
  for (let attempt = 0; attempt < 2; attempt++) {
    const { key, review } = await buildReview(db, ctx, input);
    const signedAt = ctx.now();
    const unhashed = { ...review, signedAt, signature: { staffId: ctx.actorStaffId, signedAt, svg } };
    const fields: ReviewDraft = { ...unhashed, hash: await hashRecord(unhashed) };
    // A review the server's schema would refuse is a bug here, not a user error: never queue it.
    ReviewFields.parse(fields);
    const refusal = checkRowRules('dayReview', null, { ...fields, updatedAt: '', deleted: false }, chief, lookup);
    if (refusal) throw new Error(`day review refused by its own rules: ${refusal.message}`);
    const outcome = await runWrite(db, tables, async () => {
      const reviews = (await db.dayReview.where('day').equals(input.day).toArray()).filter((r) => !r.deleted);
      if (input.correctsId === null && reviews.some((r) => r.correctsId === null))
        return fail('alreadyReviewed' as const);
      // No hashing in here: awaiting WebCrypto would commit the transaction.
      if ((await dayBasis(db, input.day)).key !== key) return 'retry' as const;
      return ok(await insertRow(db, ctx, 'dayReview', 'put', fields));
    });
    if (outcome !== 'retry') return outcome;
  }
  throw new Error('the day changed twice while signing its review; try again');
}

/** Why a conflict cannot be resolved from this tablet (the server refuses the same). */
export type ResolveError = 'notChief' | 'alreadyResolved' | 'locked' | 'rowMissing';

/**
 * O1: the chief keeps the winning value or the losing one of a sync conflict. The choice is an op
 * of its own; the server writes a losing value onto the row, and the tablet shows it after its next
 * pull. Refused here, as on the server, when the conflict is resolved already or a signed record
 * locked the entry's duty.
 */
export async function resolveConflict(
  db: HandoverDb,
  ctx: WriteContext,
  input: { conflictId: string; choice: ConflictChoice; note?: string },
): Promise<Result<string, ResolveError>> {
  if ((await roleOf(db, ctx.actorStaffId)) !== 'chief') return fail('notChief');
  return runWrite(db, [db.conflict, db.conflictResolution, db.logEntry, db.handoverRecord, db.duty], async () => {
    const conflict = await db.conflict.get(input.conflictId);
    if (!conflict || conflict.deleted) return fail('rowMissing');
    const earlier = await db.conflictResolution.where('conflictId').equals(input.conflictId).toArray();
    if (earlier.some((r) => !r.deleted)) return fail('alreadyResolved');
    if (input.choice === 'losing' && conflict.table === 'logEntry') {
      const entry = await db.logEntry.get(conflict.rowId);
      if (!entry || entry.deleted) return fail('rowMissing');
      // H3: only the follow-up of a locked duty's entry stays open (server row-locks.ts).
      const followUp = ['status', 'result', 'referredTo', 'operationEndedAt'].includes(conflict.field);
      if (!followUp && (await dutyLocked(db, entry.dutyId))) return fail('locked');
    }
    const id = newId();
    await insertRow(db, ctx, 'conflictResolution', 'append', {
      id,
      siteId: ctx.siteId,
      conflictId: input.conflictId,
      choice: input.choice,
      staffId: ctx.actorStaffId,
      resolvedAt: ctx.now(),
      note: (input.note ?? '').trim(),
    });
    return ok(id);
  });
}

export type SpotCheckInput = Pick<SpotCheck, 'dutyId' | 'inOrder' | 'findings'>;
export type SpotCheckError = 'notChief' | 'findingsRequired';

/** O1: the chief records a spot check of the desk: who was on duty, in order or not, findings. */
export async function recordSpotCheck(
  db: HandoverDb,
  ctx: WriteContext,
  input: SpotCheckInput,
): Promise<Result<string, SpotCheckError>> {
  if ((await roleOf(db, ctx.actorStaffId)) !== 'chief') return fail('notChief');
  if (!input.inOrder && input.findings.trim() === '') return fail('findingsRequired');
  const id = newId();
  await runWrite(db, [db.spotCheck], () =>
    insertRow(db, ctx, 'spotCheck', 'append', {
      id,
      siteId: ctx.siteId,
      staffId: ctx.actorStaffId,
      checkedAt: ctx.now(),
      dutyId: input.dutyId,
      inOrder: input.inOrder,
      findings: input.findings.trim(),
    }),
  );
  return ok(id);
}
