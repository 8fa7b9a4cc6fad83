/**
 * The signed handover record (H3, DESIGN.md "Data"): insert-only and chained. The server
 * recomputes each record's hash, accepts a record only on top of a hash of its own building's chain,
 * lets exactly one record accept an outgoing duty (a second tablet gets `handover_taken`, so the
 * building never has two open duties), and locks the handover draft and the outgoing duty.
 */
import { createHash } from 'node:crypto';
import { GENESIS_HASH, recordHashInput, type HashableRecord } from '../../domain/chain';
import type { Op } from '../../domain/sync-protocol';
import type { StoredRow } from '../store/store';
import { liveRow, reject, type ApplyContext, type OpOutcome, type Rejection } from './op-outcome';
import { validateRow } from './row-checks';
import type { LockedTable } from './row-locks';

/** The hash the record's content gives (chain.ts), with node:crypto: the push transaction is synchronous. */
export function recordHash(row: Record<string, unknown>): string {
  return createHash('sha256')
    .update(recordHashInput(row as unknown as HashableRecord), 'utf8')
    .digest('hex');
}

function hashMismatch(row: Record<string, unknown>): Rejection | null {
  const computed = recordHash(row);
  if (computed === row['hash']) return null;
  return reject(
    'validation_failed',
    `hash mismatch: the record's content hashes to ${computed}, not ${String(row['hash'])}`,
  );
}

/**
 * A put under the id of a record the server already holds. The same content (same hash) is the
 * same record arriving again: accepted with nothing written. Anything else would rewrite a signed
 * record and is refused `immutable`.
 */
export function replayRecordPut(ctx: ApplyContext, op: Op, existing: StoredRow, updatedAt: string): OpOutcome {
  const checked = validateRow('handoverRecord', { ...op.fields, updatedAt, deleted: false }, ctx.nowMs);
  if (!checked.ok) return reject('validation_failed', checked.message);
  const tampered = hashMismatch(checked.row);
  if (tampered) return tampered;
  if (existing.row['hash'] === checked.row['hash']) return { status: 'applied' };
  return reject('immutable', `handoverRecord ${op.rowId} is signed and cannot be replaced; corrections are addenda`);
}

/** The locks a new record (not an addendum) takes: its handover draft and the outgoing duty. */
function locksOf(row: Record<string, unknown>): [LockedTable, string][] {
  return [
    ['duty', String(row['outgoingDutyId'])],
    ['handover', String(row['handoverId'])],
  ];
}

/**
 * The refusal of a new, schema-valid record, or null: a hash that does not match its content, a
 * `prevHash` outside the building's chain, or a duty another record already accepted.
 */
export function recordRefusal(ctx: ApplyContext, row: Record<string, unknown>): Rejection | null {
  const tampered = hashMismatch(row);
  if (tampered) return tampered;
  const prevHash = String(row['prevHash']);
  if (prevHash !== GENESIS_HASH && ctx.store.getChainRecordId(ctx.siteId, prevHash) === undefined) {
    return reject('validation_failed', `prevHash: ${prevHash} is not the hash of a signed record of this building`);
  }
  if (row['correctsId'] !== null) return null;
  for (const [table, id] of locksOf(row)) {
    const lock = ctx.store.getLock(table, id);
    if (lock) return reject('handover_taken', takenMessage(ctx, table, id, lock.recordId));
  }
  return null;
}

/** Who accepted the handover first and when, so the second tablet can tell its people. */
function takenMessage(ctx: ApplyContext, table: LockedTable, id: string, recordId: string): string {
  const record = liveRow(ctx, 'handoverRecord', recordId)?.row;
  const incomingId = String(record?.['incomingStaffId'] ?? '');
  const name = liveRow(ctx, 'staff', incomingId)?.row['name'];
  const signedAt = record?.['signedAt'];
  const when = typeof signedAt === 'number' ? new Date(signedAt).toISOString() : 'an earlier time';
  const who = typeof name === 'string' ? `${name} (${incomingId})` : incomingId;
  return `this handover was already accepted: ${table} ${id} was signed over to ${who} at ${when} (record ${recordId})`;
}

/** After a record is written: add it to the chain and, unless it is an addendum, lock what it signed. */
export function sealRecord(ctx: ApplyContext, row: Record<string, unknown>): void {
  const recordId = String(row['id']);
  ctx.store.addChainLink(ctx.siteId, String(row['hash']), recordId);
  if (row['correctsId'] !== null) return;
  for (const [table, id] of locksOf(row)) ctx.store.lockRow({ siteId: ctx.siteId, table, id, recordId });
}

/**
 * A duty opened by a signed handover must be the one that record opened (`newDutyId`), so no
 * second duty can hang off an accepted handover (never two open duties). Null when allowed.
 */
export function openedDutyRefusal(
  ctx: ApplyContext,
  prev: Record<string, unknown> | null,
  duty: Record<string, unknown>,
): Rejection | null {
  const recordId = duty['handoverId'];
  if (recordId === null || recordId === undefined || recordId === prev?.['handoverId']) return null;
  const record = liveRow(ctx, 'handoverRecord', String(recordId))?.row;
  // A missing record is the reference check's refusal (reference_unknown), already given.
  if (!record || record['newDutyId'] === duty['id']) return null;
  return reject(
    'rule_violation',
    `handoverId: record ${String(recordId)} opened duty ${String(record['newDutyId'])}, not ${String(duty['id'])}`,
  );
}
