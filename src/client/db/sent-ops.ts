/**
 * Issue 9 §1 (docs/architecture.md "Restores"): what the tablet keeps so a server restored from an
 * older backup loses nothing it acknowledged. Acknowledged ops stay in `sentOps` for
 * ACKED_OP_RETENTION_DAYS; a new generation or a cursor ahead of the server resets the pull cursor
 * and asks for a resend check; a counter_gap puts the retained ops back in the outbox with their
 * original counters and proofs. Each step is one transaction; the sync engine never imports Dexie.
 */
import { SYNC_TABLES } from '../../domain/entities';
import { ACKED_OP_RETENTION_DAYS, type Op } from '../../domain/sync-protocol';
import { rethrowStorageError } from './errors';
import { getMeta, setMeta } from './meta';
import { isWritableTable } from './rebase';
import type { DeviceInfo } from './repos/device-repo';
import type { HandoverDb, OutboxOp, SentOpRow } from './schema';

const DAY_MS = 86_400_000;

async function inTransaction<T>(db: HandoverDb, fn: () => Promise<T>, more: readonly string[] = []): Promise<T> {
  try {
    return await db.transaction(
      'rw',
      [db.outbox, db.sentOps, db.meta, db.syncError, ...more.map((t) => db.table(t))],
      fn,
    );
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/** Tables only the server writes (review flags, conflicts): a tablet never resends their rows. */
const SERVER_TABLES = SYNC_TABLES.filter((t) => !isWritableTable(t));

/**
 * The pull starts again from 0 on a history that replaced the one this tablet pulled. Rows the
 * tablet created stay (they are resent or come back). Rows only the server wrote of the old history
 * (its refusals, conflicts and review flags) are dropped: the new history brings back those it
 * holds, and the server writes new ones as it applies the resent ops, so none is shown twice.
 * The tablet's own copies of refusals (`local-` ids) stay until the server's row replaces them.
 * Rows other devices created stay visible while the pull runs; its end sweeps those the new history
 * lacks (sweepAfterResync), this tablet's changes of them or not.
 */
async function restartFromZero(db: HandoverDb): Promise<void> {
  await setMeta(db, 'cursor', 0);
  await setMeta(db, 'resendCheck', true);
  await setMeta(db, 'resyncSweep', true);
  for (const t of SERVER_TABLES) await db.syncTable(t).clear();
  await db.syncError.filter((r) => !r.id.startsWith('local-')).delete();
}

/** The op as the server saw it: the outbox's local-only fields removed. */
export function asSent(op: OutboxOp): Op {
  const { _prev: _p, _resent: _r, ...sent } = op;
  return sent;
}

/** Keep an acknowledged op (inside the caller's transaction, which must include `sentOps`). */
export async function keepSent(db: HandoverDb, op: OutboxOp, ackedAt: number): Promise<void> {
  const row: SentOpRow = { ...asSent(op), ackedAt };
  await db.sentOps.put(row);
}

/**
 * Note the generation an answer carried. The first one is simply stored; another one means the
 * server's history changed (a restore): the pull cursor goes back to 0 and a resend check is due,
 * in the same transaction, so a page of the new history is never applied at an old cursor.
 */
export async function noteGeneration(db: HandoverDb, generation: string): Promise<'first' | 'same' | 'changed'> {
  const known = await getMeta(db, 'generation');
  if (known === generation) return 'same';
  return inTransaction(
    db,
    async () => {
      const stored = await getMeta(db, 'generation');
      if (stored === generation) return 'same';
      await setMeta(db, 'generation', generation);
      if (stored === undefined) return 'first';
      await restartFromZero(db);
      return 'changed';
    },
    SERVER_TABLES,
  );
}

/** 409 cursor_ahead: the server's history is shorter than what this tablet pulled. Re-pull from 0. */
export async function restartPull(db: HandoverDb): Promise<void> {
  await inTransaction(db, () => restartFromZero(db), SERVER_TABLES);
}

/**
 * A due resend check: with ops queued, the next push tells by itself whether the server lost
 * earlier ones (counter_gap). With none queued, the newest retained op is queued again: the server
 * answers it as a duplicate when it has it, or with counter_gap from the first op it lacks.
 */
export async function queueResendCheck(db: HandoverDb, device: DeviceInfo): Promise<boolean> {
  if (!(await getMeta(db, 'resendCheck'))) return false;
  return inTransaction(db, async () => {
    await setMeta(db, 'resendCheck', false);
    if ((await db.outbox.count()) > 0) return false;
    const newest = await db.sentOps
      .where('[deviceId+counter]')
      .between([device.deviceId, 0], [device.deviceId, Infinity])
      .last();
    if (!newest) return false;
    const { ackedAt: _a, ...op } = newest;
    await db.outbox.put({ ...op, _resent: true });
    return true;
  });
}

/** Why pushes from this device are held, if they are (a re-enrolled tablet has a new device id). */
export async function pushBlockOf(db: HandoverDb, device: DeviceInfo) {
  const blocked = await getMeta(db, 'pushBlocked');
  return blocked?.deviceId === device.deviceId ? blocked : undefined;
}

/**
 * 409 counter_gap {expected}: the server lacks ops from `expected` on. 'retry' when the outbox
 * already starts there (another runner changed it); 'requeued' when every missing op was retained
 * and is queued again as it was sent; 'lost' when the tablet no longer holds op `expected` (older
 * than the retention window): then a visible syncError names the lost ops and pushes stop. Ops are
 * never renumbered: their proofs sign their counters, and a silent renumbering once lost 200 entries.
 */
export async function requeueFrom(
  db: HandoverDb,
  device: DeviceInfo,
  expected: number,
  nowMs: number,
): Promise<'retry' | 'requeued' | 'lost'> {
  return inTransaction(db, async () => {
    const first = (await db.outbox.orderBy('counter').first())?.counter ?? null;
    if (first !== null && first <= expected) return 'retry';
    const upTo = first === null ? Infinity : first - 1;
    const held = await db.sentOps
      .where('[deviceId+counter]')
      .between([device.deviceId, expected], [device.deviceId, upTo], true, true)
      .toArray();
    const complete = held[0]?.counter === expected && held.every((op, i) => op.counter === expected + i);
    if (!complete) {
      const oldestHeld =
        (
          await db.sentOps
            .where('[deviceId+counter]')
            .between([device.deviceId, 0], [device.deviceId, Infinity])
            .first()
        )?.counter ?? null;
      await recordLostOps(db, device, expected, first, oldestHeld, nowMs);
      return 'lost';
    }
    await db.outbox.bulkPut(held.map(({ ackedAt: _a, ...op }) => ({ ...op, _resent: true as const })));
    const got = first ?? expected + held.length;
    await setMeta(db, 'counterGap', { expected, got, resent: held.length, at: nowMs });
    return 'requeued';
  });
}

async function recordLostOps(
  db: HandoverDb,
  device: DeviceInfo,
  expected: number,
  firstQueued: number | null,
  oldestHeld: number | null,
  nowMs: number,
): Promise<void> {
  const lastLost = oldestHeld !== null && oldestHeld > expected ? oldestHeld - 1 : (firstQueued ?? expected) - 1;
  const range = lastLost > expected ? `${expected}-${lastLost}` : String(expected);
  const message =
    `the server no longer has ops ${range} of this tablet (restored from an older backup) and this tablet ` +
    `kept them only ${ACKED_OP_RETENTION_DAYS} days; nothing more is sent until an admin re-enrols this tablet`;
  await setMeta(db, 'pushBlocked', { deviceId: device.deviceId, expected, oldestHeld, at: nowMs });
  await db.syncError.put({
    id: `local-lost-${device.deviceId}-${expected}`,
    siteId: device.siteId,
    updatedAt: (await getMeta(db, 'hlc')) ?? '',
    deleted: false,
    deviceId: device.deviceId,
    counter: expected,
    table: '',
    rowId: '',
    opKind: '',
    code: 'ops_lost',
    message,
    actorStaffId: '',
    fields: { from: expected, to: lastLost },
    recordedAt: nowMs,
    issues: [],
    dismissedAt: null,
    dismissedBy: null,
    _versions: {},
  });
}

/**
 * A pull from 0 of a replaced history noted a row in `seen` as `table:id` for each row it brought. At its end,
 * a row another device created that the new history lacks is gone from the server: its creator
 * resends it (and every tablet pulls it again) or is shown the server's refusal, so it leaves this
 * tablet, even when this tablet changed or deleted it (those ops, resent, are refused visibly).
 * Without this a refused or never-resent row would stay here for good, unlike every other replica.
 * Rows this tablet created (a put or append queued or kept) stay: they are resent. Local copies of
 * refusals stay too.
 * Returns how many rows left; does nothing when no sweep is due.
 */
export async function sweepAfterResync(db: HandoverDb, seen: ReadonlySet<string>): Promise<number> {
  const tables = SYNC_TABLES.filter((t) => isWritableTable(t));
  return inTransaction(
    db,
    async () => {
      if (!(await getMeta(db, 'resyncSweep'))) return 0;
      // Rows this tablet created (a put or append it holds): resent, they come back. A row it only
      // patched or deleted does not: a resent patch or delete of a row the server lacks is refused,
      // and undoing it would keep the row here for good, a copy no other replica has.
      const own = new Set<string>();
      const creates = (op: Op) => op.kind === 'put' || op.kind === 'append';
      await db.outbox.each((op) => {
        if (creates(op)) own.add(`${op.table}:${op.rowId}`);
      });
      await db.sentOps.each((op) => {
        if (creates(op)) own.add(`${op.table}:${op.rowId}`);
      });
      let removed = 0;
      for (const table of tables) {
        const ids = (await db.syncTable(table).toCollection().primaryKeys()) as string[];
        const gone = ids.filter((id) => {
          const key = `${table}:${id}`;
          return !seen.has(key) && !own.has(key) && !(table === 'syncError' && id.startsWith('local-'));
        });
        await db.syncTable(table).bulkDelete(gone);
        removed += gone.length;
      }
      await setMeta(db, 'resyncSweep', false);
      return removed;
    },
    tables,
  );
}

/**
 * A pull from 0 that did not see the whole new history in one run (it stopped, or another runner
 * applied some of its pages) starts again from 0, so its sweep knows every row the server has.
 */
export async function rewindResync(db: HandoverDb, fromCursor: number): Promise<void> {
  await inTransaction(db, async () => {
    if ((await getMeta(db, 'cursor')) === fromCursor) await setMeta(db, 'cursor', 0);
  });
}

/** Drop acknowledged ops older than the retention window (after each sync run). Returns how many. */
export async function pruneSentOps(db: HandoverDb, nowMs: number): Promise<number> {
  const cutoff = nowMs - ACKED_OP_RETENTION_DAYS * DAY_MS;
  try {
    return await db.sentOps.where('ackedAt').below(cutoff).delete();
  } catch (e) {
    return rethrowStorageError(e);
  }
}
