/**
 * Applying one op inside the push transaction (server.md "Applying one op"). Expected refusals are
 * returned as values (STYLE.md #5): the caller records them as `syncError` rows and the device's
 * counter still advances, so the queue never jams behind one bad op. Each written row passes the
 * schema, its references and the table rules (row-checks.ts); rows a signed handover locked are
 * refused (row-locks.ts); signed records are insert-only and chained (signed-records.ts); duties
 * begin and end only by signed records, one open at a time (duty-rules.ts, building-rules.ts). Every
 * write carries the op's receipt time (`ctx.nowMs`, T1); the store keeps the row's first one.
 */
import { verifyOpProof } from '../../domain/actor-proof';
import type { Role, Staff, SyncTable } from '../../domain/entities';
import { clampHlc, formatHlc, parseHlc } from '../../domain/hlc';
import { IMMUTABLE_FIELDS, WRITE_POLICY, type Op, type OpKind } from '../../domain/sync-protocol';
import { buildingRuleRefusal } from './building-rules';
import { deviceKindRefusal } from './device-kind-rules';
import { dutyPatchRefusal } from './duty-rules';
import { reject, unavailable, type Actor, type ApplyContext, type OpOutcome, type Rejection } from './op-outcome';
import { applyResolution, resolutionRefusal } from './conflict-resolution';
import { replayReviewPut, reviewRefusal, sealReview } from './review-seal';
import { checkRow } from './row-checks';
import { lockRefusal } from './row-locks';
import { MAX_HLC_FUTURE_MS } from './server-clock';
import { initialVersions, writeConflict, type LostField } from './server-rows';
import { recordRefusal, replayRecordPut, sealRecord } from './signed-records';
import { syncErrorPatchOutcome } from './sync-error-patch';

export type { ApplyContext, OpOutcome } from './op-outcome';

const IMMUTABLE = new Set<string>(IMMUTABLE_FIELDS);
/** Issue 9 §3: tables written only by the server, through the admin API (admin-routes.ts). */
const ONLINE_ONLY = new Set<string>(['staff', 'site']);

/** Apply `op` for the building in `ctx`; writes rows only when the outcome is not 'rejected'. */
export async function applyOp(ctx: ApplyContext, op: Op): Promise<OpOutcome> {
  // Issue 9 §3: staff and building settings change only online, through the admin API.
  if (ONLINE_ONLY.has(op.table)) {
    return reject('online_only', `${op.table} changes only online, through the admin API`);
  }
  // Issue 9 §5: own properties only; the schema already limits `table` to WRITE_POLICY's keys.
  if (!Object.hasOwn(WRITE_POLICY, op.table)) return reject('validation_failed', 'table: not writable');
  const policy = WRITE_POLICY[op.table];
  if (!(policy.kinds as readonly OpKind[]).includes(op.kind)) {
    return reject('kind_not_allowed', `${op.kind} is not allowed on ${op.table}`);
  }
  const actor = await checkActor(ctx, op, policy.roles);
  if ('status' in actor) return actor;
  // Issue 8: an office device never writes the desk's duty, handover, count or signed record.
  const officeRefusal = deviceKindRefusal(ctx.deviceKind, op.table);
  if (officeRefusal) return officeRefusal;

  const parsed = parseHlc(op.hlc);
  if (!parsed)
    return reject('validation_failed', 'hlc: not an HLC timestamp', [{ path: 'hlc', code: 'invalid_format' }]);
  // T1: a tablet whose clock runs ahead cannot drag the building's clock into the future.
  const clamped = clampHlc(parsed, ctx.nowMs, MAX_HLC_FUTURE_MS);
  ctx.clock.observe(clamped, ctx.nowMs);
  const updatedAt = formatHlc(clamped);

  return op.kind === 'patch'
    ? applyPatch(ctx, op, updatedAt, actor)
    : op.kind === 'delete'
      ? applyDelete(ctx, op, updatedAt)
      : applyInsert(ctx, op, updatedAt, actor);
}

/**
 * The op's author as the table rules see them, or the refusal: unknown, unproven (issue 9 §3: the
 * op's proof must verify under the actor's proof key, which only someone who typed their PIN can
 * hold), inactive (§9: unless the op was made before the deactivation, by server-corrected time)
 * or of the wrong role.
 */
async function checkActor(ctx: ApplyContext, op: Op, roles: readonly string[]): Promise<Actor | Rejection> {
  const actorId = op.actorStaffId;
  let actor = ctx.staffCache.get(actorId);
  if (!ctx.staffCache.has(actorId)) {
    actor = await ctx.store.getRow(ctx.siteId, 'staff', actorId);
    ctx.staffCache.set(actorId, actor);
  }
  if (!actor || actor.deleted) {
    return reject('staff_unknown', `staff ${actorId} is not staff of this building`);
  }
  let key = ctx.proofKeys.get(actorId);
  if (key === undefined) {
    key = (await ctx.store.getStaffKey(ctx.siteId, actorId))?.proofKey ?? null;
    ctx.proofKeys.set(actorId, key);
  }
  if (key === null || !verifyOpProof(key, op, op.proof)) {
    return reject('actor_unproven', `op ${op.counter} is not proven to be by staff ${actorId}`);
  }
  if (actor.row.active !== true && !madeBeforeDeactivation(ctx, actor.row)) {
    return reject('forbidden_role', `staff ${actorId} is not active`);
  }
  const role: Role = actor.row.role;
  if (!roles.includes(role)) return reject('forbidden_role', `role ${role} may not write this table`);
  return { id: actorId, role };
}

/** §9: an inactive person's op made (server-corrected) before their recorded deactivation. */
function madeBeforeDeactivation(ctx: ApplyContext, row: Staff): boolean {
  const deactivatedAt = row.deactivatedAt;
  return typeof deactivatedAt === 'number' && ctx.opTime !== null && ctx.opTime < deactivatedAt;
}

/** put and append: a new row; the op carries the whole row without updatedAt/deleted. */
async function applyInsert(ctx: ApplyContext, op: Op, updatedAt: string, actor: Actor): Promise<OpOutcome> {
  if ((await ctx.store.getRowSiteId(op.table, op.rowId)) !== undefined) {
    // Another building's id was refused before (push-op.ts foreignRowRefusal).
    const existing = await ctx.store.getRow<SyncTable>(ctx.siteId, op.table, op.rowId);
    // A signed record arriving again is a duplicate; under its id any other content is refused.
    if (op.table === 'handoverRecord' && existing) return replayRecordPut(ctx, op, existing, updatedAt);
    // O1: so is a signed day review (review-seal.ts).
    if (op.table === 'dayReview' && existing) return replayReviewPut(ctx, op, existing, updatedAt);
    return reject('row_exists', `${op.table} ${op.rowId} already exists`);
  }
  if (op.fields['id'] !== op.rowId) {
    return reject('validation_failed', 'id: must equal the op rowId', [{ path: 'id', code: 'custom' }]);
  }
  const locked = await lockRefusal(ctx, op, undefined);
  if (locked) return locked;
  const sent = { ...op.fields, updatedAt, deleted: false };
  const checked = await checkRow(ctx, op.table, null, sent, actor);
  if (!('ok' in checked)) return checked;
  const refusal =
    op.table === 'handoverRecord'
      ? await recordRefusal(ctx, sent, checked.row, op)
      : op.table === 'dayReview'
        ? await reviewRefusal(ctx, sent, checked.row)
        : op.table === 'conflictResolution'
          ? await resolutionRefusal(ctx, op, checked.row, actor)
          : await buildingRuleRefusal(ctx, op, null, checked.row, Object.keys(checked.row));
  if (refusal) return refusal;
  await ctx.store.writeRow<SyncTable>({
    siteId: ctx.siteId,
    table: op.table,
    id: op.rowId,
    row: checked.row,
    versions: initialVersions(checked.row),
    updatedHlc: updatedAt,
    deleted: false,
    receivedAt: ctx.nowMs,
  });
  if (op.table === 'handoverRecord') await sealRecord(ctx, checked.row, op, updatedAt);
  if (op.table === 'dayReview') await sealReview(ctx, checked.row);
  if (op.table === 'conflictResolution') await applyResolution(ctx, op, checked.row, actor);
  return { status: 'applied' };
}

/**
 * patch: per-field versions decide (docs/architecture.md "Conflicts"). A field whose server version is newer
 * than the one the tablet based its edit on keeps the server value, and the losing value is kept
 * in a `conflict` row. The merged row must still be valid, or nothing is applied.
 */
async function applyPatch(ctx: ApplyContext, op: Op, updatedAt: string, actor: Actor): Promise<OpOutcome> {
  const existing = await ctx.store.getRow<SyncTable>(ctx.siteId, op.table, op.rowId);
  // Issue 9 §5: an id held by no building answers as one held by another (push-op.ts).
  if (!existing) return unavailable(op.table, op.rowId);
  if (existing.deleted) return reject('row_unknown', `${op.table} ${op.rowId} does not exist`);
  // Issue 7 §8: only the dismissal of a refusal may change on a syncError row.
  const guarded = op.table === 'syncError' ? await syncErrorPatchOutcome(ctx, op, existing, actor) : null;
  if (guarded) return guarded;
  const immutable = Object.keys(op.fields).filter((f) => IMMUTABLE.has(f));
  if (immutable.length > 0) {
    const issues = immutable.map((path) => ({ path, code: 'immutable' }));
    return reject('validation_failed', `immutable field(s): ${immutable.join(', ')}`, issues);
  }
  const locked =
    (await lockRefusal(ctx, op, existing)) ?? (op.table === 'duty' ? dutyPatchRefusal(op, existing) : null);
  if (locked) return locked;

  const merged: Record<string, unknown> = { ...existing.row };
  const versions = { ...existing.versions };
  const lost: LostField[] = [];
  let appliedFields = 0;
  for (const [field, value] of Object.entries(op.fields)) {
    // Issue 9 §5: own properties only, so no field name reaches Object.prototype.
    const serverVersion = ownNumber(versions, field);
    if (serverVersion > ownNumber(op.baseVersion, field)) {
      const winningValue = Object.hasOwn(existing.row, field) ? existing.row[field] : undefined;
      lost.push({ field, losingValue: value, winningValue });
    } else {
      merged[field] = value;
      versions[field] = serverVersion + 1;
      appliedFields++;
    }
  }
  if (appliedFields > 0) {
    merged['updatedAt'] = updatedAt;
    versions['updatedAt'] = ownNumber(versions, 'updatedAt') + 1;
  }
  const checked = await checkRow(ctx, op.table, existing.row, merged, actor);
  if (!('ok' in checked)) return checked;
  const touched = Object.keys(op.fields).filter((f) => !lost.some((l) => l.field === f));
  const refusal = await buildingRuleRefusal(ctx, op, existing.row, checked.row, touched);
  if (refusal) return refusal;

  if (appliedFields > 0) {
    await ctx.store.writeRow<SyncTable>({
      siteId: ctx.siteId,
      table: op.table,
      id: op.rowId,
      row: checked.row,
      versions,
      updatedHlc: updatedAt,
      deleted: false,
      receivedAt: ctx.nowMs,
    });
  }
  for (const l of lost) await writeConflict(ctx.store, ctx.clock, ctx.siteId, op, l, ctx.nowMs);
  if (lost.length === 0) return { status: 'applied' };
  const names = lost.map((l) => l.field).join(', ');
  return { status: 'conflict', code: 'conflict', message: `kept the newer server value of: ${names}` };
}

/**
 * delete: a tombstone, so the deletion itself syncs (docs/architecture.md "Conflicts"). No table a signed
 * handover locks (duty, handover, countLine, logEntry) allows delete in WRITE_POLICY, so no lock
 * check is needed here.
 */
async function applyDelete(ctx: ApplyContext, op: Op, updatedAt: string): Promise<OpOutcome> {
  const existing = await ctx.store.getRow<SyncTable>(ctx.siteId, op.table, op.rowId);
  if (!existing) return unavailable(op.table, op.rowId);
  if (existing.deleted) return reject('row_unknown', `${op.table} ${op.rowId} does not exist`);
  const versions = { ...existing.versions };
  versions['deleted'] = (versions['deleted'] ?? 0) + 1;
  versions['updatedAt'] = (versions['updatedAt'] ?? 0) + 1;
  await ctx.store.writeRow<SyncTable>({
    siteId: ctx.siteId,
    table: op.table,
    id: op.rowId,
    row: { ...existing.row, deleted: true, updatedAt },
    versions,
    updatedHlc: updatedAt,
    deleted: true,
    receivedAt: ctx.nowMs,
  });
  return { status: 'applied' };
}

/** A per-field version: the object's own number under `field`, else 0 (issue 9 §5). */
function ownNumber(versions: Readonly<Record<string, number>>, field: string): number {
  const v = Object.hasOwn(versions, field) ? versions[field] : undefined;
  return typeof v === 'number' ? v : 0;
}
