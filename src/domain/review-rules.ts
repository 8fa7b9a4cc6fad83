/**
 * O1: the table rules of what the section chief writes: the signed review of a building day, a
 * spot check of the desk and the choice of the value kept after a sync conflict. Called by
 * `checkRowRules` (row-rules.ts), so the server runs them on every op and the tablet's review
 * repository runs them before queueing. What needs the building's other rows or the server's clock
 * (the day is over, the day has no review yet, one resolution per conflict, a locked row) is
 * checked by the server in `src/server/sync/review-seal.ts` and `conflict-resolution.ts`, and by the
 * tablet in `src/client/db/repos/review-repo.ts`.
 */
import type { Role, SyncTable } from './entities';
import type { ConflictResolution, DayReview, SpotCheck } from './review-entities';

type Row = Record<string, unknown>;
type Lookup = (table: SyncTable, id: string) => Row | undefined;
type Actor = { id: string; role: Role };

/** One field at fault, as a refused op's `issues` carries it. */
export interface ReviewIssue {
  path: string;
  code: 'notActor' | 'required' | 'otherDay' | 'notDrawn';
}

/** Why a review row is refused: who wrote it (`rule_violation`) or what it lacks (`validation_failed`). */
export interface ReviewRefusal {
  code: 'rule_violation' | 'validation_failed';
  message: string;
  issues: ReviewIssue[];
}

const violation = (path: string, code: ReviewIssue['code'], message: string): ReviewRefusal => ({
  code: 'rule_violation',
  message,
  issues: [{ path, code }],
});
const invalid = (path: string, code: ReviewIssue['code'], message: string): ReviewRefusal => ({
  code: 'validation_failed',
  message,
  issues: [{ path, code }],
});

/**
 * Whether an SVG from the signature pad holds strokes (signature_pad draws a stroke as a path and
 * a dot as a circle): an empty pad still yields an SVG document, which is no signature.
 */
export function signatureDrawn(svg: string): boolean {
  return /<(path|circle)\b/.test(svg);
}

/**
 * O1: the review is signed by the chief who sends it (WRITE_POLICY lets only a chief write it), in
 * their own hand; an addendum (`correctsId`) says what it corrects (`note`) and corrects a review of
 * the same day. Null when allowed.
 */
export function dayReviewRule(review: DayReview, actor: Actor, lookup: Lookup): ReviewRefusal | null {
  if (review.reviewerId !== actor.id) {
    return violation(
      'reviewerId',
      'notActor',
      `day review: O1 the reviewer ${review.reviewerId} is not the signer (${actor.id})`,
    );
  }
  if (review.signature.staffId !== review.reviewerId) {
    return violation('signature', 'notActor', "day review: O1 the signature is not the reviewer's");
  }
  if (!signatureDrawn(review.signature.svg)) {
    return invalid('signature', 'notDrawn', 'day review: O1 the handwritten signature is blank');
  }
  if (review.correctsId === null) return null;
  if (review.note.trim() === '') {
    return invalid('note', 'required', 'day review: O1 an addendum says what it corrects and why (note)');
  }
  const corrected = lookup('dayReview', review.correctsId);
  // A missing corrected review is the reference check's refusal (reference_unknown).
  if (corrected && corrected['day'] !== review.day) {
    return violation(
      'correctsId',
      'otherDay',
      `day review: O1 an addendum of ${review.day} cannot correct the review of ${String(corrected['day'])}`,
    );
  }
  return null;
}

/** O1: a spot check is recorded by the chief who made it; a desk found not in order says what was found. */
export function spotCheckRule(check: SpotCheck, actor: Actor): ReviewRefusal | null {
  if (check.staffId !== actor.id) {
    return violation('staffId', 'notActor', `spot check: O1 staffId ${check.staffId} is not the person who wrote it`);
  }
  if (!check.inOrder && check.findings.trim() === '') {
    return invalid('findings', 'required', 'spot check: O1 a desk not in order needs its findings');
  }
  return null;
}

/** O1: a conflict is resolved in the name of the chief who chose. */
export function conflictResolutionRule(resolution: ConflictResolution, actor: Actor): ReviewRefusal | null {
  if (resolution.staffId !== actor.id) {
    return violation(
      'staffId',
      'notActor',
      `conflict resolution: O1 staffId ${resolution.staffId} is not the person who chose (${actor.id})`,
    );
  }
  return null;
}
