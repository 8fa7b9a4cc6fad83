/**
 * Rows the server writes on its own behalf: the `syncError` left by a refused op, the `conflict`
 * left by a patch field that lost, and the `reviewFlag` left by a time the server does not believe
 * (T1). All sync to every tablet of the building, so a refusal, a lost edit or a doubtful time is
 * never dropped silently (docs/architecture.md "Push", "Conflicts"). No tablet may write them (WRITE_POLICY).
 */
import type { Conflict, ReviewFlag, ReviewFlagKind, SyncError, SyncTable } from '../../domain/entities';
import { newId } from '../../domain/ids';
import type { FieldIssue } from '../../domain/row-rules';
import type { Op } from '../../domain/sync-protocol';
import type { StoreTx } from '../store/store';
import { cappedFields, type RefusedOp } from './refused-op';
import type { ServerClock } from './server-clock';

/** Fields that identify a row and are never versioned: they cannot change. */
const UNVERSIONED = new Set(['id', 'siteId']);

/** The versions of a freshly created row: every field except id/siteId at 1. */
export function initialVersions(row: Record<string, unknown>): Record<string, number> {
  const versions: Record<string, number> = {};
  for (const key of Object.keys(row)) if (!UNVERSIONED.has(key)) versions[key] = 1;
  return versions;
}

/** Insert a brand-new row stamped by the server clock; received (T1) when written. */
export async function insertServerRow(
  store: StoreTx,
  clock: ServerClock,
  table: SyncTable,
  row: { id: string; siteId: string } & Record<string, unknown>,
  nowMs: number,
): Promise<Record<string, unknown>> {
  const updatedAt = clock.next(nowMs);
  const full = { ...row, updatedAt, deleted: false };
  await store.writeRow<SyncTable>({
    siteId: row.siteId,
    table,
    id: row.id,
    row: full,
    versions: initialVersions(full),
    updatedHlc: updatedAt,
    deleted: false,
    receivedAt: nowMs,
  });
  return full;
}

export interface RejectionInput {
  siteId: string;
  /** The refused op: a valid one, or the bounded view of one the schema refused (refused-op.ts). */
  op: RefusedOp;
  code: string;
  message: string;
  /** The fields at fault (zod issues, rule fields); empty when the refusal is not about a field. */
  issues?: readonly FieldIssue[];
  nowMs: number;
}

/**
 * Record a refused op as a `syncError` row of the building. Issue 9 §7: its fields are capped
 * (refused-op.ts cappedFields): known keys only, at most 4 KiB of JSON.
 */
export async function writeSyncError(store: StoreTx, clock: ServerClock, r: RejectionInput): Promise<void> {
  const row: Omit<SyncError, 'updatedAt' | 'deleted'> = {
    id: newId(),
    siteId: r.siteId,
    deviceId: r.op.deviceId,
    counter: r.op.counter,
    table: r.op.table,
    rowId: r.op.rowId,
    opKind: r.op.kind,
    code: r.code,
    message: r.message,
    actorStaffId: r.op.actorStaffId,
    fields: cappedFields(r.op.table, r.op.fields),
    recordedAt: r.nowMs,
    // The entity keeps at most 50; a row with more problems than that is refused whole anyway.
    issues: (r.issues ?? []).slice(0, 50),
    dismissedAt: null,
    dismissedBy: null,
  };
  await insertServerRow(store, clock, 'syncError', row, r.nowMs);
}

export interface LostField {
  field: string;
  losingValue: unknown;
  winningValue: unknown;
}

/** Record one patch field that lost to a newer server value, for the section chief to review. */
export async function writeConflict(
  store: StoreTx,
  clock: ServerClock,
  siteId: string,
  op: Op,
  lost: LostField,
  nowMs: number,
): Promise<void> {
  const row: Omit<Conflict, 'updatedAt' | 'deleted'> = {
    id: newId(),
    siteId,
    table: op.table,
    rowId: op.rowId,
    field: lost.field,
    losingValue: lost.losingValue,
    winningValue: lost.winningValue,
    deviceId: op.deviceId,
    counter: op.counter,
    actorStaffId: op.actorStaffId,
    recordedAt: nowMs,
  };
  await insertServerRow(store, clock, 'conflict', row, nowMs);
}

export interface FlagInput {
  siteId: string;
  op: Op;
  kind: ReviewFlagKind;
  /** The field whose time is in doubt: a stamped field of the row, or `deviceTime` (the op's own clock). */
  field: string;
  stampedAt: number | null;
  expectedAt: number | null;
  receivedAt: number;
}

/** Record a row kept but flagged for the section chief (T1), pointing at the op's row. */
export async function writeReviewFlag(store: StoreTx, clock: ServerClock, f: FlagInput): Promise<void> {
  const row: Omit<ReviewFlag, 'updatedAt' | 'deleted'> = {
    id: newId(),
    siteId: f.siteId,
    kind: f.kind,
    table: f.op.table,
    rowId: f.op.rowId,
    field: f.field,
    deviceId: f.op.deviceId,
    counter: f.op.counter,
    actorStaffId: f.op.actorStaffId,
    stampedAt: f.stampedAt,
    expectedAt: f.expectedAt,
    receivedAt: f.receivedAt,
    recordedAt: f.receivedAt,
  };
  await insertServerRow(store, clock, 'reviewFlag', row, f.receivedAt);
}
