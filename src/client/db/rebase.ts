/**
 * Keeping a tablet's unsent edits on screen while the server's rows arrive (docs/architecture.md "Pull"),
 * and undoing a refused op on screen. Both run inside the sync engine's transactions.
 */
import { IMMUTABLE_FIELDS, type WritableTable, WRITABLE_TABLES } from '../../domain/sync-protocol';
import type { HandoverDb, LocalRow, OutboxOp } from './schema';
import { pick, zeroVersions } from './write';

type Row = LocalRow<Record<string, unknown>>;

export function isWritableTable(table: string): table is WritableTable {
  return (WRITABLE_TABLES as readonly string[]).includes(table);
}

function later(a: string, b: unknown): string {
  return typeof b === 'string' && b > a ? b : a;
}

/**
 * Re-applies this tablet's pending ops for one row on top of the row as the server sent it, in
 * counter order, and refreshes each pending patch's `_prev` to what it now overwrites. The row's
 * `_versions` stay the server's: they are what the next patch's baseVersion builds on.
 */
export async function rebaseRow(db: HandoverDb, table: WritableTable, rowId: string): Promise<void> {
  const ops = await db.outbox.where('[table+rowId]').equals([table, rowId]).sortBy('counter');
  if (ops.length === 0) return;
  const rows = db.syncTable(table);
  let row: Row | undefined = await rows.get(rowId);
  for (const op of ops) {
    if (op.kind === 'put' || op.kind === 'append') {
      row = row
        ? { ...row, ...op.fields }
        : { ...op.fields, updatedAt: op.hlc, deleted: false, _versions: zeroVersions(op.fields) };
    } else if (row && op.kind === 'patch') {
      await db.outbox.put({ ...op, _prev: pick(row, Object.keys(op.fields)) });
      row = { ...row, ...op.fields, updatedAt: later(op.hlc, row['updatedAt']) };
    } else if (row && op.kind === 'delete') {
      row = { ...row, deleted: true, updatedAt: later(op.hlc, row['updatedAt']) };
    }
  }
  if (row) await rows.put(row);
}

/**
 * Takes a refused op's effect off the screen; the refused values live on in its syncError row.
 * A refused put/append removes the row (the server never had it), except for `row_exists`, where
 * the row is the server's. A refused patch restores each field to `_prev`, unless a later pending
 * op writes the field, which then inherits `_prev` in case it is refused too.
 */
export async function undoRefusedOp(db: HandoverDb, op: OutboxOp, code: string): Promise<void> {
  const rows = db.syncTable(op.table);
  if (op.kind === 'put' || op.kind === 'append') {
    if (code !== 'row_exists') await rows.delete(op.rowId);
    if (code !== 'row_exists' && op.table === 'handoverRecord') await reopenOutgoingDuty(db, op.fields);
    return;
  }
  const row = await rows.get(op.rowId);
  if (!row) return;
  const pending = (await db.outbox.where('[table+rowId]').equals([op.table, op.rowId]).sortBy('counter')).filter(
    (o) => o.counter > op.counter,
  );
  if (op.kind === 'delete') {
    if (!pending.some((o) => o.kind === 'delete')) await rows.put({ ...row, deleted: false });
    return;
  }
  const prev = op._prev;
  if (!prev) return;
  const restored: Row = { ...row };
  for (const f of Object.keys(op.fields)) {
    if ((IMMUTABLE_FIELDS as readonly string[]).includes(f) || !(f in prev)) continue;
    const next = pending.find((o) => o.kind === 'patch' && f in o.fields);
    if (next) {
      next._prev = { ...next._prev, [f]: prev[f] };
      await db.outbox.put(next);
    } else {
      restored[f] = prev[f];
    }
  }
  await rows.put(restored);
}

/**
 * H3: signing ended the outgoing duty on the tablet without an op (the server ends it when it
 * applies the record). A refused record ended nothing on the server, so the duty is open again here.
 */
async function reopenOutgoingDuty(db: HandoverDb, record: Record<string, unknown>): Promise<void> {
  const dutyId = record['outgoingDutyId'];
  if (typeof dutyId !== 'string') return;
  const duty = await db.duty.get(dutyId);
  if (duty && duty.endedAt !== null && duty.endedAt === record['signedAt'])
    await db.duty.put({ ...duty, endedAt: null });
}
