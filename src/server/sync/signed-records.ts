/**
 * The signed record of a handover, opening or closing (H3, docs/architecture.md "Data"): insert-only and
 * chained. The server stores a record exactly as it was signed, recomputes its hash, accepts it
 * only on top of a hash of its own building's chain, ties an addendum to the record it corrects,
 * lets exactly one record take over or close an outgoing duty (a second tablet gets
 * `handover_taken`), re-checks the duty rules (duty-rules.ts) and the gate against what the signing
 * tablet knew (gate-check.ts), locks the draft and the outgoing duty, and ends that duty itself.
 * Shape, signatures and draft are checked by the domain's row rules (row-rules.ts) before. There is
 * no override (H11).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical';
import { GENESIS_HASH, recordHashInput, type HashableRecord } from '../../domain/chain';
import type { SyncTable } from '../../domain/entities';
import type { HandoverRecord } from '../../domain/handover-entities';
import type { Op } from '../../domain/sync-protocol';
import type { StoredRow } from '../store/store';
import { applyRecordToDuties, recordDutyRefusal } from './duty-rules';
import { recordGateRefusal } from './gate-check';
import { liveRow, reject, type ApplyContext, type OpOutcome, type Rejection } from './op-outcome';
import { validateRow } from './row-checks';
import type { LockedTable } from './row-locks';

/** The hash the record's content gives (chain.ts), with node:crypto (synchronous, no round trip per record). */
export function recordHash(row: Record<string, unknown>): string {
  return createHash('sha256')
    .update(recordHashInput(row as unknown as HashableRecord), 'utf8')
    .digest('hex');
}

/**
 * H3: the row the server would store must be exactly what the tablet signed and hashed. Parsing
 * may drop unknown nested fields or (in a future schema) rewrite a value; either would store
 * something other than the signed content, so such a record is refused rather than altered.
 * `sent` is the op's fields with the server's `updatedAt`/`deleted`, as parsed.
 */
export function rewrittenByParsing(sent: Record<string, unknown>, parsed: Record<string, unknown>): Rejection | null {
  if (canonicalJson(sent) === canonicalJson(parsed)) return null;
  return reject(
    'validation_failed',
    'H3: the record would not be stored exactly as signed (a field the schema drops or rewrites); send only schema fields',
  );
}

export function hashMismatch(row: Record<string, unknown>): Rejection | null {
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
export function replayRecordPut(
  ctx: ApplyContext,
  op: Op,
  existing: StoredRow<SyncTable>,
  updatedAt: string,
): OpOutcome {
  const sent = { ...op.fields, updatedAt, deleted: false };
  const checked = validateRow('handoverRecord', sent, ctx.nowMs);
  if (!checked.ok) return reject('validation_failed', checked.message);
  const tampered = rewrittenByParsing(sent, checked.row) ?? hashMismatch(checked.row);
  if (tampered) return tampered;
  if (existing.row['hash'] === checked.row['hash']) return { status: 'applied' };
  return reject('immutable', `handoverRecord ${op.rowId} is signed and cannot be replaced; corrections are addenda`);
}

/**
 * The locks a new record (not an addendum) takes: its draft and the outgoing duty, so no second
 * record takes over or closes the same duty. An opening has no outgoing duty.
 */
function locksOf(row: Record<string, unknown>): [LockedTable, string][] {
  const draft: [LockedTable, string] = ['handover', String(row['handoverId'])];
  return typeof row['outgoingDutyId'] === 'string' ? [['duty', row['outgoingDutyId']], draft] : [draft];
}

/** What an addendum must repeat of the record it corrects: it corrects that record, no other. */
const CORRECTION_KEEPS = [
  'kind',
  'handoverId',
  'outgoingDutyId',
  'outgoingStaffId',
  'incomingStaffId',
  'newDutyId',
] as const;

/**
 * H3: an addendum corrects its record; it cannot hand over another duty (it takes no locks and
 * no handover_taken check, so it must not name another handover, duty or person). Null when allowed.
 */
async function correctionRefusal(ctx: ApplyContext, row: Record<string, unknown>): Promise<Rejection | null> {
  const correctsId = String(row['correctsId']);
  const corrected = (await liveRow<SyncTable>(ctx, 'handoverRecord', correctsId))?.row;
  // A missing corrected record is the reference check's refusal (reference_unknown), already given.
  if (!corrected) return null;
  // Records signed before openings and closings existed carry no kind: they are handovers.
  const kept: Record<string, unknown> = { ...corrected, kind: corrected['kind'] ?? 'handover' };
  const changed = CORRECTION_KEEPS.filter((f) => row[f] !== kept[f]);
  if (changed.length === 0) return null;
  return reject(
    'rule_violation',
    `H3: an addendum corrects its record; it cannot hand over another duty (${changed.join(', ')} differ from record ${correctsId})`,
  );
}

/**
 * The refusal of a new, schema-valid record, or null: content the schema would rewrite, a hash
 * that does not match its content, a `prevHash` outside the building's chain, an addendum that
 * names another handover than the record it corrects, a duty another record already took over or
 * closed (`handover_taken`), a duty rule (`duty_rule`), or a blocker the signing tablet knew of
 * (`gate_blocked`). `sent` is the op's fields with `updatedAt`/`deleted` as passed to the schema;
 * `row` the parsed row; `op` the put, whose device signed it.
 */
export async function recordRefusal(
  ctx: ApplyContext,
  sent: Record<string, unknown>,
  row: Record<string, unknown>,
  op: Op,
): Promise<Rejection | null> {
  const tampered = rewrittenByParsing(sent, row) ?? hashMismatch(row);
  if (tampered) return tampered;
  const prevHash = String(row['prevHash']);
  if (prevHash !== GENESIS_HASH && (await ctx.store.getChainRecordId(ctx.siteId, prevHash)) === undefined) {
    return reject('validation_failed', `prevHash: ${prevHash} is not the hash of a signed record of this building`);
  }
  if (row['correctsId'] !== null) return correctionRefusal(ctx, row);
  for (const [table, id] of locksOf(row)) {
    const lock = await ctx.store.getLock(ctx.siteId, table, id);
    if (lock) return reject('handover_taken', await takenMessage(ctx, table, id, lock.recordId));
  }
  const record = row as HandoverRecord;
  return (await recordDutyRefusal(ctx, record)) ?? (await recordGateRefusal(ctx, record, op.deviceId));
}

/** Who took over (or closed) first and when, so the second tablet can tell its people. */
async function takenMessage(ctx: ApplyContext, table: LockedTable, id: string, recordId: string): Promise<string> {
  const record = (await liveRow<SyncTable>(ctx, 'handoverRecord', recordId))?.row;
  const closing = record?.['kind'] === 'closing';
  const personId = String(record?.[closing ? 'outgoingStaffId' : 'incomingStaffId'] ?? '');
  const name = (await liveRow(ctx, 'staff', personId))?.row.name;
  const signedAt = record?.['signedAt'];
  const when = typeof signedAt === 'number' ? new Date(signedAt).toISOString() : 'an earlier time';
  const who = typeof name === 'string' ? `${name} (${personId})` : personId;
  return closing
    ? `H3: this duty was already closed: ${table} ${id} was closed by ${who} at ${when} (record ${recordId})`
    : `H3: this handover was already accepted: ${table} ${id} was signed over to ${who} at ${when} (record ${recordId})`;
}

/**
 * After a record is written: add it to the chain and, unless it is an addendum, lock what it signed
 * and end the outgoing duty (or flag the opening), in the same transaction (duty-rules.ts).
 * `updatedAt` is the record's HLC.
 */
export async function sealRecord(
  ctx: ApplyContext,
  row: Record<string, unknown>,
  op: Op,
  updatedAt: string,
): Promise<void> {
  const recordId = String(row['id']);
  await ctx.store.addChainLink(ctx.siteId, String(row['hash']), recordId);
  if (row['correctsId'] !== null) return;
  for (const [table, id] of locksOf(row)) await ctx.store.lockRow({ siteId: ctx.siteId, table, id, recordId });
  await applyRecordToDuties(ctx, row as HandoverRecord, op, updatedAt);
}
