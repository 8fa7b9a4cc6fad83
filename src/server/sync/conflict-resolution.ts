/**
 * O1, docs/architecture.md "Conflicts": the section chief resolves a sync conflict by choosing the
 * value kept, as an op of its own (a `conflictResolution` append, one per conflict). `winning`
 * keeps the server's value and changes nothing else. `losing` makes the server write the value
 * that lost onto the row's field itself: a server row write with its own version and `seq`, in the
 * same push transaction, so every tablet pulls it. It is refused `locked` when a signed record
 * froze the row (row-locks.ts), and refused as the row's own checks would refuse it when the
 * merged row fails them (schema, references, table rules; the chief is the one who writes it).
 */
import { parseHlc } from '../../domain/hlc';
import { WRITE_POLICY, type Op, type OpKind, type WritableTable } from '../../domain/sync-protocol';
import type { SyncTable } from '../../domain/entities';
import type { RowWrite } from '../store/store';
import { buildingRuleRefusal } from './building-rules';
import { liveRow, reject, type Actor, type ApplyContext, type Rejection } from './op-outcome';
import { checkRow } from './row-checks';
import { lockRefusal } from './row-locks';

const isWritable = (table: string): table is WritableTable => Object.hasOwn(WRITE_POLICY, table);

/** The row write a `losing` choice makes, without its HLC (stamped when written). */
type LosingWrite = Omit<RowWrite, 'updatedHlc'>;

/**
 * What the choice in `resolution` writes: null when nothing (a `winning` choice, or the row already
 * holds the losing value), the write, or why it cannot be made.
 */
async function losingWrite(
  ctx: ApplyContext,
  op: Op,
  resolution: Record<string, unknown>,
  actor: Actor,
): Promise<LosingWrite | Rejection | null> {
  if (resolution['choice'] !== 'losing') return null;
  const conflict = (await liveRow<SyncTable>(ctx, 'conflict', String(resolution['conflictId'])))?.row;
  // A missing conflict is the reference check's refusal (reference_unknown), already given.
  if (!conflict) return null;
  const table = String(conflict['table']);
  const rowId = String(conflict['rowId']);
  const field = String(conflict['field']);
  if (!isWritable(table) || !(WRITE_POLICY[table].kinds as readonly OpKind[]).includes('patch')) {
    return reject('rule_violation', `O1: ${table} rows are not changed after they are written`);
  }
  const target = await liveRow<SyncTable>(ctx, table, rowId);
  if (!target) return reject('row_unknown', `O1: ${table} ${rowId} no longer exists`);
  const value = conflict['losingValue'];
  // The patch this choice amounts to, as the lock and building checks read it.
  const patch: Op = { ...op, table, rowId, kind: 'patch', fields: { [field]: value }, baseVersion: {} };
  const locked = await lockRefusal(ctx, patch, target);
  if (locked) return locked;
  // Issue 9 §5: own properties only (the field name comes from a stored conflict row).
  const current = Object.hasOwn(target.row, field) ? target.row[field] : undefined;
  if (JSON.stringify(current) === JSON.stringify(value)) return null;
  const merged = { ...target.row, [field]: value };
  const checked = await checkRow(ctx, table, target.row, merged, actor);
  if (!('ok' in checked)) return checked;
  const refused = await buildingRuleRefusal(ctx, patch, target.row, checked.row, [field]);
  if (refused) return refused;
  const versions = { ...target.versions };
  versions[field] = (Object.hasOwn(versions, field) ? (versions[field] ?? 0) : 0) + 1;
  versions['updatedAt'] = (versions['updatedAt'] ?? 0) + 1;
  return { siteId: ctx.siteId, table, id: rowId, row: checked.row, versions, deleted: false, receivedAt: ctx.nowMs };
}

/**
 * The refusal of a new conflict resolution, or null: a conflict already resolved
 * (`rule_violation`: one choice per conflict), or a `losing` choice that cannot be written.
 */
export async function resolutionRefusal(
  ctx: ApplyContext,
  op: Op,
  resolution: Record<string, unknown>,
  actor: Actor,
): Promise<Rejection | null> {
  const conflictId = String(resolution['conflictId']);
  const earlier = (await ctx.store.listLiveRowsWhere(ctx.siteId, 'conflictResolution', 'conflictId', conflictId))[0];
  if (earlier) {
    return reject(
      'rule_violation',
      `O1: conflict ${conflictId} was already resolved (conflictResolution ${earlier.id})`,
      [{ path: 'conflictId', code: 'alreadyResolved' }],
    );
  }
  const write = await losingWrite(ctx, op, resolution, actor);
  return write !== null && 'status' in write ? write : null;
}

/** After the resolution is written: a `losing` choice puts the losing value on the row, by the server. */
export async function applyResolution(
  ctx: ApplyContext,
  op: Op,
  resolution: Record<string, unknown>,
  actor: Actor,
): Promise<void> {
  const write = await losingWrite(ctx, op, resolution, actor);
  if (write === null || 'status' in write) return;
  // Issue 10 §4: stamped after the version it replaces, whichever server process wrote that one.
  const previous = parseHlc(String(write.row['updatedAt'] ?? ''));
  if (previous) ctx.clock.observe(previous, ctx.nowMs);
  const updatedAt = ctx.clock.next(ctx.nowMs);
  await ctx.store.writeRow({ ...write, row: { ...write.row, updatedAt }, updatedHlc: updatedAt });
}
