/**
 * Applying one op inside the push transaction (server.md "Applying one op"). Expected refusals are
 * returned as values (STYLE.md #5): the caller records them as `syncError` rows and the device's
 * counter still advances, so the queue never jams behind one bad op.
 */
import { ENTITY_SCHEMAS, type LogEntry, type SyncTable } from '../../domain/entities';
import type { OpRejectCode } from '../../domain/errors';
import { clampHlc, formatHlc, parseHlc } from '../../domain/hlc';
import { hasErrors, validateLogEntry } from '../../domain/log-entry';
import {
  IMMUTABLE_FIELDS,
  ROW_REFERENCES,
  WRITE_POLICY,
  type Op,
  type OpKind,
  type WritableTable,
} from '../../domain/sync-protocol';
import type { Store, StoredRow } from '../store/store';
import { MAX_HLC_FUTURE_MS, type ServerClock } from './server-clock';
import { initialVersions, writeConflict, type LostField } from './server-rows';

export interface ApplyContext {
  store: Store;
  clock: ServerClock;
  siteId: string;
  nowMs: number;
  /** Staff rows read during this push; an applied staff op evicts its entry. */
  staffCache: Map<string, StoredRow | undefined>;
}

export type OpOutcome =
  | { status: 'applied' }
  | { status: 'conflict'; code: 'conflict'; message: string }
  | { status: 'rejected'; code: OpRejectCode; message: string };

const IMMUTABLE = new Set<string>(IMMUTABLE_FIELDS);

function reject(code: OpRejectCode, message: string): OpOutcome {
  return { status: 'rejected', code, message };
}

/** Apply `op` for the building in `ctx`; writes rows only when the outcome is not 'rejected'. */
export function applyOp(ctx: ApplyContext, op: Op): OpOutcome {
  const policy = WRITE_POLICY[op.table];
  if (!(policy.kinds as readonly OpKind[]).includes(op.kind)) {
    return reject('kind_not_allowed', `${op.kind} is not allowed on ${op.table}`);
  }
  const actorRefusal = checkActor(ctx, op.actorStaffId, policy.roles);
  if (actorRefusal) return actorRefusal;

  const parsed = parseHlc(op.hlc);
  if (!parsed) return reject('validation_failed', 'hlc: not an HLC timestamp');
  // T1: a tablet whose clock runs ahead cannot drag the building's clock into the future.
  const clamped = clampHlc(parsed, ctx.nowMs, MAX_HLC_FUTURE_MS);
  ctx.clock.observe(clamped, ctx.nowMs);
  const updatedAt = formatHlc(clamped);

  const outcome =
    op.kind === 'patch'
      ? applyPatch(ctx, op, updatedAt)
      : op.kind === 'delete'
        ? applyDelete(ctx, op, updatedAt)
        : applyInsert(ctx, op, updatedAt);
  if (op.table === 'staff' && outcome.status !== 'rejected') ctx.staffCache.delete(op.rowId);
  return outcome;
}

function checkActor(ctx: ApplyContext, actorId: string, roles: readonly string[]): OpOutcome | null {
  let actor = ctx.staffCache.get(actorId);
  if (!ctx.staffCache.has(actorId)) {
    actor = ctx.store.getRow('staff', actorId);
    ctx.staffCache.set(actorId, actor);
  }
  if (!actor || actor.siteId !== ctx.siteId || actor.deleted) {
    return reject('staff_unknown', `staff ${actorId} is not staff of this building`);
  }
  if (actor.row['active'] !== true) return reject('forbidden_role', `staff ${actorId} is not active`);
  const role = String(actor.row['role']);
  if (!roles.includes(role)) return reject('forbidden_role', `role ${role} may not write this table`);
  return null;
}

/** Schema check plus the domain rules of the table (H6 for log entries). Null when valid. */
function validateRow(
  table: WritableTable,
  row: Record<string, unknown>,
  nowMs: number,
): { ok: true; row: Record<string, unknown> } | { ok: false; message: string } {
  const schema = ENTITY_SCHEMAS[table];
  const unknown = Object.keys(row).filter((k) => !(k in schema.shape));
  if (unknown.length > 0) return { ok: false, message: `unknown field(s): ${unknown.join(', ')}` };
  const result = schema.safeParse(row);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`);
    return { ok: false, message: issues.join('; ') };
  }
  const parsed = result.data as Record<string, unknown>;
  if (table === 'logEntry') {
    // H6/D2: the same rule the tablet ran, again, so an old or altered client cannot bypass it.
    const errors = validateLogEntry(parsed as LogEntry, nowMs);
    if (hasErrors(errors)) {
      const list = Object.entries(errors).map(([field, err]) => `${field}: ${err}`);
      return { ok: false, message: `H6: ${list.join('; ')}` };
    }
  }
  return { ok: true, row: parsed };
}

/** The first reference of `row` (ROW_REFERENCES) to a row missing from this building, or null. */
function missingReference(ctx: ApplyContext, table: WritableTable, row: Record<string, unknown>): string | null {
  const refs: Readonly<Record<string, SyncTable>> =
    table in ROW_REFERENCES ? ROW_REFERENCES[table as keyof typeof ROW_REFERENCES] : {};
  for (const [field, target] of Object.entries(refs)) {
    // An optional link left empty points at nothing, so there is nothing to check.
    if (row[field] === null || row[field] === undefined) continue;
    const id = String(row[field]);
    const found = ctx.store.getRow(target, id);
    if (!found || found.deleted || found.siteId !== ctx.siteId) return `${field}: no ${target} ${id} in this building`;
  }
  return null;
}

/** put and append: a new row; the op carries the whole row without updatedAt/deleted. */
function applyInsert(ctx: ApplyContext, op: Op, updatedAt: string): OpOutcome {
  if (ctx.store.getRowSiteId(op.table, op.rowId) !== undefined) {
    return reject('row_exists', `${op.table} ${op.rowId} already exists`);
  }
  if (op.fields['id'] !== op.rowId) return reject('validation_failed', 'id: must equal the op rowId');
  const checked = validateRow(op.table, { ...op.fields, updatedAt, deleted: false }, ctx.nowMs);
  if (!checked.ok) return reject('validation_failed', checked.message);
  const dangling = missingReference(ctx, op.table, checked.row);
  if (dangling) return reject('reference_unknown', dangling);
  ctx.store.writeRow({
    siteId: ctx.siteId,
    table: op.table,
    id: op.rowId,
    row: checked.row,
    versions: initialVersions(checked.row),
    updatedHlc: updatedAt,
    deleted: false,
  });
  return { status: 'applied' };
}

/**
 * patch: per-field versions decide (DESIGN.md "Conflicts"). A field whose server version is newer
 * than the one the tablet based its edit on keeps the server value, and the losing value is kept
 * in a `conflict` row. The merged row must still be valid, or nothing is applied.
 */
function applyPatch(ctx: ApplyContext, op: Op, updatedAt: string): OpOutcome {
  const existing = ctx.store.getRow(op.table, op.rowId);
  if (!existing || existing.deleted) return reject('row_unknown', `${op.table} ${op.rowId} does not exist`);
  const immutable = Object.keys(op.fields).filter((f) => IMMUTABLE.has(f));
  if (immutable.length > 0) return reject('validation_failed', `immutable field(s): ${immutable.join(', ')}`);

  const merged: Record<string, unknown> = { ...existing.row };
  const versions = { ...existing.versions };
  const lost: LostField[] = [];
  let appliedFields = 0;
  for (const [field, value] of Object.entries(op.fields)) {
    const serverVersion = versions[field] ?? 0;
    if (serverVersion > (op.baseVersion[field] ?? 0)) {
      lost.push({ field, losingValue: value, winningValue: existing.row[field] });
    } else {
      merged[field] = value;
      versions[field] = serverVersion + 1;
      appliedFields++;
    }
  }
  if (appliedFields > 0) {
    merged['updatedAt'] = updatedAt;
    versions['updatedAt'] = (versions['updatedAt'] ?? 0) + 1;
  }
  const checked = validateRow(op.table, merged, ctx.nowMs);
  if (!checked.ok) return reject('validation_failed', checked.message);
  const dangling = missingReference(ctx, op.table, checked.row);
  if (dangling) return reject('reference_unknown', dangling);

  if (appliedFields > 0) {
    ctx.store.writeRow({
      siteId: ctx.siteId,
      table: op.table,
      id: op.rowId,
      row: checked.row,
      versions,
      updatedHlc: updatedAt,
      deleted: false,
    });
  }
  for (const l of lost) writeConflict(ctx.store, ctx.clock, ctx.siteId, op, l, ctx.nowMs);
  if (lost.length === 0) return { status: 'applied' };
  const names = lost.map((l) => l.field).join(', ');
  return { status: 'conflict', code: 'conflict', message: `kept the newer server value of: ${names}` };
}

/** delete: a tombstone, so the deletion itself syncs (DESIGN.md "Conflicts"). */
function applyDelete(ctx: ApplyContext, op: Op, updatedAt: string): OpOutcome {
  const existing = ctx.store.getRow(op.table, op.rowId);
  if (!existing || existing.deleted) return reject('row_unknown', `${op.table} ${op.rowId} does not exist`);
  const versions = { ...existing.versions };
  versions['deleted'] = (versions['deleted'] ?? 0) + 1;
  versions['updatedAt'] = (versions['updatedAt'] ?? 0) + 1;
  ctx.store.writeRow({
    siteId: ctx.siteId,
    table: op.table,
    id: op.rowId,
    row: { ...existing.row, deleted: true, updatedAt },
    versions,
    updatedHlc: updatedAt,
    deleted: true,
  });
  return { status: 'applied' };
}
