/**
 * H3: once a handover is signed, the handover draft, its count lines and the outgoing duty are
 * locked. The server refuses any change to them with `locked` (HTTP 409 as a request of its own);
 * corrections are addenda (a new handoverRecord with `correctsId`). Entries of a locked duty keep
 * only their follow-up open (status, result, referral, equipment end), their content may not, except
 * that an empty `process` may be filled in once: H6 needs it to resolve the entry, and filling a
 * blank changes nothing that was signed (the amendment that carries it is the addendum).
 */
import { canonicalJson } from '../../domain/canonical';
import type { Op } from '../../domain/sync-protocol';
import type { StoredRow } from '../store/store';
import { liveRow, reject, type ApplyContext, type Rejection } from './op-outcome';

/** The tables a signed record locks, by the name the `locks` table uses. */
export type LockedTable = 'handover' | 'duty';

/**
 * Fields of a locked duty's log entry that may still change (the follow-up of an open entry): its
 * status and result; the department a major matter is referred to (H4, H11(a)); the end of an
 * equipment operation that outlasted the shift (H11(b)). Without the last two, a matter carried
 * from a signed shift could never stop blocking the gate. F2: a repair's assignee and completion
 * time are its progress, recorded as the repair goes on, often shifts after it was written.
 * The tablet keeps the same list (`ENTRY_FOLLOW_UP_FIELDS` in client/db/repos/handover-locks.ts).
 */
const ENTRY_FIELDS_OPEN_AFTER_SIGNING = new Set([
  'status',
  'result',
  'referredTo',
  'operationEndedAt',
  'assignedTo',
  'completedAt',
]);

async function lockedMessage(ctx: ApplyContext, table: LockedTable, id: string): Promise<string | null> {
  const lock = await ctx.store.getLock(ctx.siteId, table, id);
  if (!lock) return null;
  return `${table} ${id} is locked by the signed handover record ${lock.recordId} (H3); corrections are addenda`;
}

/**
 * H3: a count line for a draft that is signed, locked or not: a second tablet's own draft is
 * patched to signed before its record is refused `handover_taken`, so it holds no lock row, yet a
 * line added to it would change a count both its people signed.
 */
async function signedDraftMessage(ctx: ApplyContext, handoverId: string): Promise<string | null> {
  const locked = await lockedMessage(ctx, 'handover', handoverId);
  if (locked !== null) return locked;
  const draft = (await liveRow(ctx, 'handover', handoverId))?.row;
  if (draft?.status !== 'signed') return null;
  return `handover ${handoverId} is signed (H3): its count can no longer change; corrections are addenda`;
}

/**
 * The refusal of `op` because it changes something a signed handover locked, or null.
 * `existing` is the stored row for a patch. (No locked table allows delete: WRITE_POLICY.)
 */
export async function lockRefusal(
  ctx: ApplyContext,
  op: Op,
  existing: StoredRow | undefined,
): Promise<Rejection | null> {
  const message = await lockViolation(ctx, op, existing);
  return message === null ? null : reject('locked', message);
}

async function lockViolation(ctx: ApplyContext, op: Op, existing: StoredRow | undefined): Promise<string | null> {
  if ((op.table === 'duty' || op.table === 'handover') && op.kind === 'patch') {
    return lockedMessage(ctx, op.table, op.rowId);
  }

  if (op.table === 'handover' && op.kind === 'put') {
    // H3: a new draft for a duty already handed over could only lead to a second record for it.
    const dutyId = op.fields['outgoingDutyId'];
    const message = typeof dutyId === 'string' ? await lockedMessage(ctx, 'duty', dutyId) : null;
    return message === null ? null : `${message}; no new handover can be opened for it`;
  }

  if (op.table === 'countLine' && op.kind === 'append') {
    // A count line added after signing would change the count both people signed.
    const handoverId = op.fields['handoverId'];
    return typeof handoverId === 'string' ? await signedDraftMessage(ctx, handoverId) : null;
  }

  if (op.table === 'logEntry' && op.kind === 'put') {
    const dutyId = op.fields['dutyId'];
    return typeof dutyId === 'string' ? await lockedMessage(ctx, 'duty', dutyId) : null;
  }

  if (op.table === 'logEntry' && op.kind === 'patch' && existing) {
    const fillsBlankProcess = (f: string) => f === 'process' && String(existing.row['process'] ?? '').trim() === '';
    const content = Object.keys(op.fields).filter(
      (f) =>
        !ENTRY_FIELDS_OPEN_AFTER_SIGNING.has(f) &&
        !fillsBlankProcess(f) &&
        // Issue 9 §5: own properties only (`toString` is on every row's prototype).
        !sameValue(op.fields[f], Object.hasOwn(existing.row, f) ? existing.row[f] : undefined),
    );
    if (content.length === 0) return null;
    const duties = [existing.row['dutyId'], op.fields['dutyId']].filter((d): d is string => typeof d === 'string');
    for (const dutyId of duties) {
      const message = await lockedMessage(ctx, 'duty', dutyId);
      if (message !== null)
        return `${message}; only the follow-up of its entries may change (not ${content.join(', ')})`;
    }
  }
  return null;
}

/** A patch field that repeats the stored value changes nothing, so it does not touch locked content. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}
