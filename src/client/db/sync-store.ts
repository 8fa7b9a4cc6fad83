/**
 * The sync engine's side of the database: every step of a sync that touches IndexedDB, each as
 * one transaction, so the engine itself (page or service worker) never imports Dexie.
 */
import type { Table } from 'dexie';
import type { SyncError } from '../../domain/entities';
import { SYNC_TABLES, type SyncTable } from '../../domain/entities';
import { OP_REJECT_CODES } from '../../domain/errors';
import { clampHlc, formatHlc, HlcError, parseHlc, receiveHlc, zeroHlc, type Hlc } from '../../domain/hlc';
import type { Op, PullResponse, PushResponse, PushResult } from '../../domain/sync-protocol';
import { rethrowStorageError } from './errors';
import { getMeta, setMeta } from './meta';
import { isWritableTable, rebaseRow, undoRefusedOp } from './rebase';
import { carryLocalDismissal } from './repos/refusal-repo';
import { asSent, keepSent } from './sent-ops';
import type { DeviceInfo } from './repos/device-repo';
import type { HandoverDb, LocalRow, OutboxOp } from './schema';
import { bumpVersions } from './write';

/** T1: how far ahead of the corrected clock a received HLC may be before it is pulled back. */
const MAX_FUTURE_HLC_MS = 60_000;

function syncTables(db: HandoverDb): Table[] {
  return SYNC_TABLES.map((t) => db.syncTable(t));
}

async function inTransaction<T>(db: HandoverDb, tables: Table[], fn: () => Promise<T>): Promise<T> {
  try {
    return await db.transaction('rw', [...tables, db.outbox, db.sentOps, db.meta], fn);
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/** The oldest `limit` queued ops, as sent (the local-only `_prev` and `_resent` removed). */
export async function readPushBatch(db: HandoverDb, limit: number): Promise<Op[]> {
  const ops = await db.outbox.orderBy('counter').limit(limit).toArray();
  return ops.map(asSent);
}

/** The id of the tablet's own copy of a refusal; the server's row replaces it when pulled. */
export function localSyncErrorId(deviceId: string, counter: number): string {
  return `local-${deviceId}-${counter}`;
}

/** A duplicate answer carries the original refusal's code when the op was refused back then. */
function refusalCode(r: PushResult | undefined): string | null {
  if (!r) return null;
  if (r.status === 'rejected') return r.code ?? 'rejected';
  if (r.status === 'duplicate' && r.code && (OP_REJECT_CODES as readonly string[]).includes(r.code)) return r.code;
  return null;
}

function localSyncError(op: OutboxOp, siteId: string, code: string, message: string, at: number): LocalRow<SyncError> {
  return {
    id: localSyncErrorId(op.deviceId, op.counter),
    siteId,
    updatedAt: op.hlc,
    deleted: false,
    deviceId: op.deviceId,
    counter: op.counter,
    table: op.table,
    rowId: op.rowId,
    opKind: op.kind,
    code,
    message,
    actorStaffId: op.actorStaffId,
    fields: op.fields,
    recordedAt: at,
    issues: [],
    dismissedAt: null,
    dismissedBy: null,
    _versions: {},
  };
}

/**
 * Records a push answer in ONE transaction: every op with counter <= ackedThrough leaves the
 * outbox for `sentOps` (kept for a restored server, issue 9 §1); an applied op bumps the row's
 * versions as the server did; a refused op gets a local syncError copy (visible before the next
 * pull) and its effect is taken off the screen. A resent op the server still had (duplicate) was
 * recorded the first time: nothing is done again.
 */
export async function recordPushResults(
  db: HandoverDb,
  device: DeviceInfo,
  res: PushResponse,
  nowMs: number,
): Promise<{ acked: number; rejected: number }> {
  return inTransaction(db, syncTables(db), async () => {
    const byCounter = new Map(res.results.map((r) => [r.counter, r]));
    const acked = await db.outbox.where('counter').belowOrEqual(res.ackedThrough).sortBy('counter');
    let rejected = 0;
    for (const op of acked) {
      const result = byCounter.get(op.counter);
      const code = refusalCode(result);
      if (op._resent && result?.status === 'duplicate') {
        // Its refusal or versions were recorded when it was first acknowledged.
      } else if (code !== null) {
        rejected++;
        await db.syncError.put(localSyncError(op, device.siteId, code, result?.message ?? '', nowMs));
        await undoRefusedOp(db, op, code);
      } else if (result && (result.status === 'applied' || (result.status === 'duplicate' && !result.code))) {
        const rows = db.syncTable(op.table);
        const row = await rows.get(op.rowId);
        if (row) await rows.put({ ...row, _versions: bumpVersions(row._versions, op.fields) });
      }
      await db.outbox.delete(op.counter);
      await keepSent(db, op, nowMs);
    }
    const before = (await getMeta(db, 'ackedThrough')) ?? 0;
    await setMeta(db, 'ackedThrough', Math.max(before, res.ackedThrough));
    // Issue 9 §1: a server that took these ops in order holds every earlier one: no resend check due.
    if (acked.length > 0) await setMeta(db, 'resendCheck', false);
    return { acked: acked.length, rejected };
  });
}

function mergeHlc(last: Hlc, remote: string | unknown, nowMs: number): Hlc {
  const parsed = typeof remote === 'string' ? parseHlc(remote) : null;
  if (!parsed) return last;
  try {
    return receiveHlc(last, clampHlc(parsed, nowMs, MAX_FUTURE_HLC_MS), nowMs);
  } catch (e) {
    // A corrupt remote counter must not stop the tablet from pulling; its own clock stays valid.
    if (e instanceof HlcError) return last;
    throw e;
  }
}

/**
 * Applies one pull page in ONE transaction with its cursor: each pulled row replaces the local
 * one (with the server's versions), then the tablet's pending ops for it are re-applied on top.
 * Returns null, applying nothing, when the stored cursor is no longer `fromCursor` (another
 * runner applied this page first). Each applied row's `table:id` goes into `seen` when given.
 */
export async function applyPullPage(
  db: HandoverDb,
  fromCursor: number,
  page: PullResponse,
  nowMs: number,
  seen?: Set<string>,
): Promise<number | null> {
  return inTransaction(db, syncTables(db), async () => {
    if (((await getMeta(db, 'cursor')) ?? 0) !== fromCursor) return null;
    const device = await getMeta(db, 'device');
    let hlc = parseHlc((await getMeta(db, 'hlc')) ?? '') ?? zeroHlc(device?.deviceId ?? 'unenrolled');
    const touched = new Map<string, { table: string; id: string }>();
    const replacedCopies: LocalRow<SyncError>[] = [];
    let applied = 0;
    for (const change of [...page.changes].sort((a, b) => a.seq - b.seq)) {
      if (!(SYNC_TABLES as readonly string[]).includes(change.table)) continue; // a newer server's table
      const table = change.table as SyncTable;
      // T1: `change.receivedAt` is deliberately not kept on the row. Repositories spread a row minus
      // `_versions` into signed-record digests and correction content (sign-record, sign-repo), so
      // another local field would change a hash or reach the server as an unknown field. The
      // server's receipt time that matters on screen arrives in the reviewFlag rows themselves.
      const row = { ...change.row, _versions: change.versions } as LocalRow<Record<string, unknown>>;
      await db.syncTable(table).put(row);
      touched.set(`${table}:${change.id}`, { table, id: change.id });
      seen?.add(`${table}:${change.id}`);
      if (table === 'syncError') {
        const localId = localSyncErrorId(String(row['deviceId']), Number(row['counter']));
        const local = await db.syncError.get(localId);
        if (local) replacedCopies.push(local);
        await db.syncError.delete(localId);
      } else if (table === 'conflict') {
        const target = await applyWinningValue(db, row);
        if (target) touched.set(`${target.table}:${target.id}`, target);
      }
      hlc = mergeHlc(hlc, row['updatedAt'], nowMs);
      applied++;
    }
    for (const { table, id } of touched.values()) if (isWritableTable(table)) await rebaseRow(db, table, id);
    await setMeta(db, 'cursor', page.cursor);
    await setMeta(db, 'hlc', formatHlc(hlc));
    // Issue 7 §8: a local copy dismissed before the server's row arrived passes its dismissal on.
    if (device) for (const local of replacedCopies) await carryLocalDismissal(db, local, device, nowMs);
    return applied;
  });
}

/**
 * A conflict row says which value the server kept for a field. If the server did not rewrite the
 * row itself (every field lost), this is the only news the tablet gets, so the kept value is put
 * back on the local row; the change stream is in seq order, so a later change still wins.
 */
async function applyWinningValue(
  db: HandoverDb,
  conflict: Record<string, unknown>,
): Promise<{ table: string; id: string } | null> {
  const table = String(conflict['table']);
  const id = String(conflict['rowId']);
  const field = String(conflict['field']);
  if (!isWritableTable(table) || field.startsWith('_') || ['id', 'siteId'].includes(field)) return null;
  const rows = db.syncTable(table);
  const row = await rows.get(id);
  if (!row) return null;
  await rows.put({ ...row, [field]: conflict['winningValue'] });
  return { table, id };
}
