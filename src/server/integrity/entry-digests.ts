/**
 * D5, H3: the entry digests a signed record froze (`duty.entries[]` of a handover record,
 * `entries[]` of a day review) checked against the entries the database holds now.
 *
 * `entryDigest` (src/domain/chain.ts) covers every field of an entry except `updatedAt` and
 * `deleted`, but a locked entry's follow-up stays open after signing (src/server/sync/row-locks.ts:
 * `status`, `result`, `referredTo`, `operationEndedAt`, and an empty `process` filled once), so a
 * digest that no longer matches is not by itself tampering. Every legitimate change arrives through
 * the sync path, which bumps the field's version (per-field versions, docs/architecture.md
 * "Conflicts"); a write made behind the server's back (an `UPDATE rows` in SQLite) does not. So a
 * mismatch is explained only when the entry's content, with each follow-up field that was patched
 * set back to its value before the follow-up (blank, absent, or any status), gives the frozen
 * digest. (A follow-up field changed twice, once before and once after signing, would need its
 * intermediate value and is reported; the follow-up paths set each field once.)
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical';
import { ENTRY_STATUSES } from '../../domain/entities';
import type { StoredRow } from '../store/store';

/**
 * The fields an entry may still change after its duty is signed, and the values they may have had
 * before: the follow-up fields of row-locks.ts, plus the F2 repair follow-up (assignee and
 * completion time), which a repair gets once work is done.
 */
const FOLLOW_UP_BEFORE: Record<string, readonly unknown[]> = {
  status: ENTRY_STATUSES,
  result: [''],
  referredTo: [''],
  operationEndedAt: [null],
  process: [''],
  assignedTo: [''],
  completedAt: [null],
};

/** The digest of an entry's content as stored (chain.ts `entryDigest`, with node:crypto). */
export function storedEntryDigest(row: Record<string, unknown>): string {
  const { updatedAt: _updatedAt, deleted: _deleted, ...content } = row;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** Every combination of the candidate values of `fields` applied to `row`. */
function* variants(row: Record<string, unknown>, fields: string[]): Generator<Record<string, unknown>> {
  const [field, ...rest] = fields;
  if (field === undefined) {
    yield row;
    return;
  }
  // `undefined`: the field did not exist yet (an entry stored before the F1/F2 fields).
  const values = new Set<unknown>([row[field], ...(FOLLOW_UP_BEFORE[field] ?? []), undefined]);
  for (const value of values) yield* variants({ ...row, [field]: value }, rest);
}

export type EntryDigestVerdict = 'same' | 'followUp' | 'changed' | 'missing';

/**
 * How the stored entry compares with the digest a signed record froze: `same` content, changed by
 * its legitimate `followUp` only, `changed` behind the sync path (tampering), or `missing`.
 */
export function checkEntryDigest(stored: StoredRow | undefined, frozen: string): EntryDigestVerdict {
  if (!stored || stored.deleted) return 'missing';
  if (storedEntryDigest(stored.row) === frozen) return 'same';
  // Patched through sync at least once after its first write (a put stores every version at 1).
  const patched = Object.keys(FOLLOW_UP_BEFORE).filter((f) => (stored.versions[f] ?? 0) > 1);
  for (const candidate of variants(stored.row, patched)) {
    if (storedEntryDigest(candidate) === frozen) return 'followUp';
  }
  return 'changed';
}
