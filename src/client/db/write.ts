/**
 * The one path by which a repository writes: the entity row, its outbox op and the meta counters
 * in ONE Dexie 'rw' transaction (docs/architecture.md "Outbox"), so a crash or a full disk leaves either all
 * of them or none.
 */
import type { Table } from 'dexie';
import { signOp } from '../../domain/actor-proof';
import { ENTITY_SCHEMAS } from '../../domain/entities';
import { formatHlc, parseHlc, tickHlc, zeroHlc } from '../../domain/hlc';
import type { OpKind, WritableTable } from '../../domain/sync-protocol';
import { textsOverLimit } from '../../domain/text-limits';
import { requireProofKey } from '../state/proof-keys';
import { RowNotFoundError, TooLongError, rethrowStorageError } from './errors';
import { getMeta, refreshOffset, setMeta } from './meta';
import type { WriteContext } from './repos/write-context';
import type { HandoverDb, OutboxOp } from './schema';

export interface OpDraft {
  table: WritableTable;
  rowId: string;
  kind: OpKind;
  fields: Record<string, unknown>;
  baseVersion?: Record<string, number>;
  prev?: Record<string, unknown>;
}

/** Fields the server never versions (identity). */
const UNVERSIONED = new Set(['id', 'siteId']);

/** A new local row has version 0 for every field: the server has not seen it yet. */
export function zeroVersions(fields: Record<string, unknown>): Record<string, number> {
  const v: Record<string, number> = {};
  for (const f of Object.keys(fields)) if (!UNVERSIONED.has(f)) v[f] = 0;
  return v;
}

/** Server semantics for an applied op: each written field's version goes up by one. */
export function bumpVersions(
  versions: Record<string, number>,
  fields: Record<string, unknown>,
): Record<string, number> {
  const v = { ...versions };
  for (const f of Object.keys(fields)) if (!UNVERSIONED.has(f)) v[f] = (v[f] ?? 0) + 1;
  return v;
}

/**
 * Runs `fn` in one rw transaction over `tables` plus outbox and meta. A QuotaExceededError becomes
 * QuotaError; the rollback keeps every earlier write.
 */
export async function runWrite<T>(db: HandoverDb, tables: Table[], fn: () => Promise<T>): Promise<T> {
  try {
    return await db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
      // T1: stamp with the newest offset, even if a service-worker sync learned it.
      await refreshOffset(db);
      return fn();
    });
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/**
 * The version to send as a patch's baseVersion: the version the server last reported, plus one
 * for each of this tablet's own queued ops that will write the field first. Without the second
 * part, two offline edits of one field would conflict with each other on the server.
 * Call inside the write transaction.
 */
export async function baseVersionFor(
  db: HandoverDb,
  table: WritableTable,
  rowId: string,
  versions: Record<string, number>,
  fields: readonly string[],
): Promise<Record<string, number>> {
  const pending = await db.outbox.where('[table+rowId]').equals([table, rowId]).toArray();
  const base: Record<string, number> = {};
  for (const f of fields) {
    base[f] = (versions[f] ?? 0) + pending.filter((op) => op.kind !== 'delete' && f in op.fields).length;
  }
  return base;
}

/**
 * Refuses a text over its schema's limit before anything is queued (issue 7): the server would
 * refuse the op, after the screen had shown it saved.
 * @throws TooLongError naming the first such field.
 */
export function assertTextLimits(table: WritableTable, fields: Record<string, unknown>): void {
  const [first] = textsOverLimit(ENTITY_SCHEMAS[table].shape, fields);
  if (first) throw new TooLongError(table, first.field, first.max, first.length);
}

/**
 * Appends an op with counter = persisted counter + 1 and a freshly ticked, persisted HLC, signed
 * with the actor's proof key (issue 9 §3, docs/rules.md). Call inside the write transaction. `add`
 * (not `put`) so a clash aborts the whole write.
 * @throws ProofKeyMissingError (before anything is written) when the actor's PIN was not typed in
 * this page: the server would refuse the op as actor_unproven.
 */
export async function queueOp(db: HandoverDb, ctx: WriteContext, draft: OpDraft): Promise<OutboxOp> {
  // Checked first, so a write without a key throws before any row or counter changes.
  const proofKey = requireProofKey(ctx.actorStaffId);
  const counter = ((await getMeta(db, 'counter')) ?? 0) + 1;
  const stored = parseHlc((await getMeta(db, 'hlc')) ?? '');
  const last = stored ? { ...stored, node: ctx.deviceId } : zeroHlc(ctx.deviceId);
  const hlc = formatHlc(tickHlc(last, ctx.now()));
  const unsigned = {
    deviceId: ctx.deviceId,
    counter,
    table: draft.table,
    rowId: draft.rowId,
    kind: draft.kind,
    fields: draft.fields,
    baseVersion: draft.baseVersion ?? {},
    hlc,
    deviceTime: ctx.deviceNow(),
    actorStaffId: ctx.actorStaffId,
  };
  // Synchronous HMAC: awaiting WebCrypto here would end the Dexie transaction.
  const op: OutboxOp = {
    ...unsigned,
    proof: signOp(proofKey, unsigned),
    ...(draft.prev ? { _prev: draft.prev } : {}),
  };
  await db.outbox.add(op);
  await setMeta(db, 'counter', counter);
  await setMeta(db, 'hlc', hlc);
  return op;
}

/** The fields of `patch` whose value differs from `row` (a no-op patch queues nothing). */
export function changedFields<T extends object>(row: T, patch: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(patch) as [keyof T, T[keyof T]][]) {
    if (v !== undefined && JSON.stringify(row[k]) !== JSON.stringify(v)) out[k] = v;
  }
  return out;
}

/** The current values of `keys` in `row`: the op's local-only `_prev`. */
export function pick(row: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = row[k];
  return out;
}

/**
 * Inserts a new row (op kind put or append) with all versions 0. Call inside the write
 * transaction. `fields` is the whole row without `updatedAt`/`deleted`, as the op carries it.
 */
export async function insertRow<T extends { id: string }>(
  db: HandoverDb,
  ctx: WriteContext,
  table: WritableTable,
  kind: 'put' | 'append',
  fields: T,
): Promise<T & { updatedAt: string; deleted: false }> {
  assertTextLimits(table, fields);
  const op = await queueOp(db, ctx, { table, rowId: fields.id, kind, fields: { ...fields } });
  const row = { ...fields, updatedAt: op.hlc, deleted: false as const };
  await db.syncTable(table).add({ ...row, _versions: zeroVersions(fields) });
  return row;
}

/**
 * Patches the changed fields of an existing row and queues the op with baseVersion and `_prev`.
 * Call inside the write transaction. Returns false when nothing changed (no op queued).
 * @throws RowNotFoundError when the row is missing or deleted.
 */
export async function patchRow(
  db: HandoverDb,
  ctx: WriteContext,
  table: WritableTable,
  rowId: string,
  patch: Record<string, unknown>,
): Promise<boolean> {
  const rows = db.syncTable(table);
  const row = await rows.get(rowId);
  if (!row || row['deleted'] === true) throw new RowNotFoundError(table, rowId);
  const fields = changedFields(row, patch);
  const keys = Object.keys(fields);
  if (keys.length === 0) return false;
  assertTextLimits(table, fields);
  const baseVersion = await baseVersionFor(db, table, rowId, row._versions, keys);
  const op = await queueOp(db, ctx, { table, rowId, kind: 'patch', fields, baseVersion, prev: pick(row, keys) });
  await rows.put({ ...row, ...fields, updatedAt: op.hlc });
  return true;
}
