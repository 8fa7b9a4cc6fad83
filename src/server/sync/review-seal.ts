/**
 * O1: the section chief's signed review of a building day, on the server. Like a signed handover
 * record (signed-records.ts) it is insert-only, stored exactly as signed, its hash recomputed
 * (chain.ts `recordHashInput`, with node:crypto) and accepted
 * only on top of a hash of the building's `chain` (or genesis), which it then joins. Beyond that:
 * the day must be over in the building's zone by the server's clock (`day_not_over`), a day is
 * reviewed once (`already_reviewed`) and corrected by addenda only. The reviewer, the signature and
 * an addendum's note and day are the domain's row rules (review-rules.ts), already run. Nothing
 * patches a review: WRITE_POLICY allows `put` only, so the signed review is locked.
 */
import { GENESIS_HASH } from '../../domain/chain';
import { isDayOver } from '../../domain/building-day';
import type { SyncTable } from '../../domain/entities';
import type { Op } from '../../domain/sync-protocol';
import type { StoredRow } from '../store/store';
import { liveRow, reject, type ApplyContext, type OpOutcome, type Rejection } from './op-outcome';
import { validateRow } from './row-checks';
import { hashMismatch, rewrittenByParsing } from './signed-records';

/**
 * A put under the id of a review the server already holds: the same content (same hash) arriving
 * again is a duplicate, applied with nothing written; any other content is refused `immutable`.
 */
export function replayReviewPut(
  ctx: ApplyContext,
  op: Op,
  existing: StoredRow<SyncTable>,
  updatedAt: string,
): OpOutcome {
  const sent = { ...op.fields, updatedAt, deleted: false };
  const checked = validateRow('dayReview', sent, ctx.nowMs);
  if (!checked.ok) return reject('validation_failed', checked.message, checked.issues);
  const tampered = rewrittenByParsing(sent, checked.row) ?? hashMismatch(checked.row);
  if (tampered) return tampered;
  if (existing.row['hash'] === checked.row['hash']) return { status: 'applied' };
  return reject('immutable', `dayReview ${op.rowId} is signed and cannot be replaced; corrections are addenda (O1)`);
}

/** The building's time zone (T1: days are the building's, never the tablet's). */
async function siteTimeZone(ctx: ApplyContext): Promise<string> {
  const zone = (await liveRow(ctx, 'site', ctx.siteId))?.row.timeZone;
  if (typeof zone !== 'string') throw new Error(`site ${ctx.siteId} has no time zone`);
  return zone;
}

/**
 * The refusal of a new, schema-valid review, or null. `sent` is the op's fields with
 * `updatedAt`/`deleted` as passed to the schema; `row` the parsed row.
 */
export async function reviewRefusal(
  ctx: ApplyContext,
  sent: Record<string, unknown>,
  row: Record<string, unknown>,
): Promise<Rejection | null> {
  const tampered = rewrittenByParsing(sent, row) ?? hashMismatch(row);
  if (tampered) return tampered;
  const prevHash = String(row['prevHash']);
  if (prevHash !== GENESIS_HASH && (await ctx.store.getChainRecordId(ctx.siteId, prevHash)) === undefined) {
    return reject('validation_failed', `prevHash: ${prevHash} is not the hash of a signed record of this building`, [
      { path: 'prevHash', code: 'reference_unknown' },
    ]);
  }
  const day = String(row['day']);
  // O1: the server's clock decides, so a tablet whose clock runs ahead cannot sign today early.
  if (!isDayOver(day, await siteTimeZone(ctx), ctx.nowMs)) {
    return reject('day_not_over', `O1: the building day ${day} is not over yet; it is reviewed once it has ended`, [
      { path: 'day', code: 'dayNotOver' },
    ]);
  }
  if (row['correctsId'] !== null) return null;
  const first = (await ctx.store.listLiveRowsWhere(ctx.siteId, 'dayReview', 'day', day)).find(
    (r) => r.row.correctsId === null,
  );
  if (first) {
    return reject(
      'already_reviewed',
      `O1: the building day ${day} was already reviewed (dayReview ${first.id}); a correction is an addendum`,
      [{ path: 'day', code: 'alreadyReviewed' }],
    );
  }
  return null;
}

/** After the review is written: it joins the building's chain, in the same transaction. */
export async function sealReview(ctx: ApplyContext, row: Record<string, unknown>): Promise<void> {
  await ctx.store.addChainLink(ctx.siteId, String(row['hash']), String(row['id']));
}
