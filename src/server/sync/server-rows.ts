/**
 * Rows the server writes on its own behalf: the `syncError` left by a refused op and the
 * `conflict` left by a patch field that lost. Both sync to every tablet of the building, so a
 * refusal or a lost edit is never dropped silently (DESIGN.md "Push", "Conflicts").
 */
import type { Conflict, SyncError, SyncTable } from '../../domain/entities';
import { newId } from '../../domain/ids';
import type { Op } from '../../domain/sync-protocol';
import type { Store } from '../store/store';
import type { ServerClock } from './server-clock';

/** Fields that identify a row and are never versioned: they cannot change. */
const UNVERSIONED = new Set(['id', 'siteId']);

/** The versions of a freshly created row: every field except id/siteId at 1. */
export function initialVersions(row: Record<string, unknown>): Record<string, number> {
  const versions: Record<string, number> = {};
  for (const key of Object.keys(row)) if (!UNVERSIONED.has(key)) versions[key] = 1;
  return versions;
}

/** Insert a brand-new row stamped by the server clock. */
export function insertServerRow(
  store: Store,
  clock: ServerClock,
  table: SyncTable,
  row: { id: string; siteId: string } & Record<string, unknown>,
  nowMs: number,
): Record<string, unknown> {
  const updatedAt = clock.next(nowMs);
  const full = { ...row, updatedAt, deleted: false };
  store.writeRow({
    siteId: row.siteId,
    table,
    id: row.id,
    row: full,
    versions: initialVersions(full),
    updatedHlc: updatedAt,
    deleted: false,
  });
  return full;
}

export interface RejectionInput {
  siteId: string;
  op: Op;
  code: string;
  message: string;
  nowMs: number;
}

/** Record a refused op as a `syncError` row of the building. */
export function writeSyncError(store: Store, clock: ServerClock, r: RejectionInput): void {
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
    fields: r.op.fields,
    recordedAt: r.nowMs,
    issues: [],
    dismissedAt: null,
    dismissedBy: null,
  };
  insertServerRow(store, clock, 'syncError', row, r.nowMs);
}

export interface LostField {
  field: string;
  losingValue: unknown;
  winningValue: unknown;
}

/** Record one patch field that lost to a newer server value, for the section chief to review. */
export function writeConflict(
  store: Store,
  clock: ServerClock,
  siteId: string,
  op: Op,
  lost: LostField,
  nowMs: number,
): void {
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
  insertServerRow(store, clock, 'conflict', row, nowMs);
}
