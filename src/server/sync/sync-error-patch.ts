/**
 * A refusal dealt with (issue 7 §8): a tablet patches the `syncError` row with who dismissed it and
 * when, so every tablet of the building stops showing it as open. The refusal itself (what was
 * refused, why, whose change it was) is the server's record and never changes: a patch touching
 * any other field is refused, a dismissal is made in the name of the person who makes it and is
 * never taken back, and a second dismissal (two tablets, offline) leaves the first one standing.
 */
import { EpochMs, type SyncTable } from '../../domain/entities';
import { SYNC_ERROR_PATCH_FIELDS, type Op } from '../../domain/sync-protocol';
import type { StoredRow } from '../store/store';
import { reject, type Actor, type ApplyContext, type OpOutcome } from './op-outcome';

const ALLOWED = new Set<string>(SYNC_ERROR_PATCH_FIELDS);

/**
 * The outcome of a `syncError` patch decided before the ordinary patch path, or null to let that
 * path apply it (per-field versions, schema check). `existing` is the live stored row.
 */
export async function syncErrorPatchOutcome(
  ctx: ApplyContext,
  op: Op,
  existing: StoredRow<SyncTable>,
  actor: Actor,
): Promise<OpOutcome | null> {
  const others = Object.keys(op.fields).filter((f) => !ALLOWED.has(f));
  if (others.length > 0) {
    return reject(
      'rule_violation',
      `syncError: only ${SYNC_ERROR_PATCH_FIELDS.join(' and ')} may change, not ${others.join(', ')}`,
    );
  }
  if (!Object.hasOwn(op.fields, 'dismissedAt') || !Object.hasOwn(op.fields, 'dismissedBy')) {
    return reject('validation_failed', 'syncError: a dismissal sets both dismissedAt and dismissedBy');
  }
  if (op.fields['dismissedAt'] === null || op.fields['dismissedBy'] === null) {
    return reject('rule_violation', 'syncError: a dismissal is never taken back');
  }
  // Checked here, before the per-field versions: a malformed value is refused, never kept as a conflict.
  if (!EpochMs.safeParse(op.fields['dismissedAt']).success) {
    return reject('validation_failed', 'syncError: dismissedAt is not a time in epoch milliseconds');
  }
  if (op.fields['dismissedBy'] !== actor.id) {
    return reject('rule_violation', 'syncError: a refusal is dismissed in the name of the person who dismisses it');
  }
  const dismissedAt = existing.row['dismissedAt'];
  if (dismissedAt !== null && dismissedAt !== undefined) {
    // Dismissed already, on another tablet: the first dismissal stands and no conflict is kept for
    // the chief. The row is written again unchanged so that this tablet pulls the one that stands.
    await ctx.store.writeRow({
      siteId: existing.siteId,
      table: existing.table,
      id: existing.id,
      row: existing.row,
      versions: existing.versions,
      updatedHlc: existing.updatedHlc,
      deleted: existing.deleted,
    });
    return { status: 'applied' };
  }
  return null;
}
