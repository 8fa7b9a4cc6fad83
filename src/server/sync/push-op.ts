/**
 * One new op of a push, refused alone whatever is wrong with it (issue 9 §5, docs/architecture.md
 * "Push"): the `Op` schema is checked per op (a malformed op is `validation_failed`), a row id of
 * another building is `row_unavailable`, and the op applies inside a SAVEPOINT, so an unexpected
 * throw rolls back that op only and becomes `internal_error`. Each refusal leaves a syncError row,
 * and the caller advances the device's counter: no op can jam the queue behind it.
 */
import type { z } from 'zod';
import type { FieldIssue } from '../../domain/row-rules';
import { Op, type OpEnvelope } from '../../domain/sync-protocol';
import { ApiError } from '../api-error';
import { describeError, type Logger } from '../logger';
import type { StoreTx } from '../store/store';
import { applyOp, type ApplyContext } from './apply-op';
import type { PushClock } from './clock-flags';
import { reject, unavailable, type OpOutcome, type Rejection } from './op-outcome';
import { refusedOpOf, type RefusedOp } from './refused-op';
import type { ServerClock } from './server-clock';
import { writeSyncError } from './server-rows';

export interface PushOpContext {
  /** The push's transaction: each op applies in a savepoint of it. */
  store: StoreTx;
  clock: ServerClock;
  siteId: string;
  nowMs: number;
  /** Where an unexpected failure is logged, with the request it came in. */
  logger: Logger;
  requestId: string | undefined;
  apply: ApplyContext;
  times: PushClock;
}

/** What became of one new op: its outcome, and the op itself when it passed the schema. */
export interface NewOpResult {
  outcome: OpOutcome;
  op: Op | null;
}

/** Check, apply and record one new op (counter = last + 1). Throws only ApiErrors and store failures. */
export async function pushNewOp(ctx: PushOpContext, raw: OpEnvelope): Promise<NewOpResult> {
  const parsed = Op.safeParse(raw);
  if (!parsed.success) {
    const outcome = invalidOp(parsed.error);
    await record(ctx, refusedOpOf(raw), outcome);
    return { outcome, op: null };
  }
  const op = parsed.data;
  try {
    const outcome = await ctx.store.savepoint(() => applyInSavepoint(ctx, op));
    return { outcome, op };
  } catch (err) {
    // A refusal of the whole push (none is thrown while applying today) stays one.
    if (err instanceof ApiError) throw err;
    ctx.logger.error('op failed', {
      requestId: ctx.requestId,
      siteId: ctx.siteId,
      deviceId: op.deviceId,
      counter: op.counter,
      table: op.table,
      kind: op.kind,
      ...describeError(err),
    });
    // The rolled-back op may have left rows it read or wrote in the push's cache.
    ctx.apply.staffCache.clear();
    const outcome = reject('internal_error', 'the server failed while applying this op; it was set aside');
    await record(ctx, op, outcome);
    return { outcome, op };
  }
}

async function applyInSavepoint(ctx: PushOpContext, op: Op): Promise<OpOutcome> {
  const suspects = await ctx.times.suspectStamps(op);
  const outcome =
    (await foreignRowRefusal(ctx, op)) ?? (await applyOp({ ...ctx.apply, opTime: ctx.times.opTime(op) }, op));
  if (outcome.status === 'rejected') await record(ctx, op, outcome);
  await ctx.times.settle(op, outcome, suspects);
  return outcome;
}

/**
 * A building's token touches only its own building (issue 9 §5): an op on a row id another
 * building holds, or a new row claiming another building, is refused alone. The answer says
 * nothing of the other building: a patch or delete of an id that exists nowhere gets the same one
 * (apply-op.ts), and a claimed building is checked against this one only.
 */
async function foreignRowRefusal(ctx: PushOpContext, op: Op): Promise<Rejection | null> {
  const owner = await ctx.store.getRowSiteId(op.table, op.rowId);
  if (owner !== undefined && owner !== ctx.siteId) {
    return unavailable(op.table, op.rowId);
  }
  const inserts = op.kind === 'put' || op.kind === 'append';
  if (inserts && Object.hasOwn(op.fields, 'siteId') && op.fields['siteId'] !== ctx.siteId) {
    return reject('validation_failed', 'siteId: must be this building', [{ path: 'siteId', code: 'custom' }]);
  }
  return null;
}

/**
 * A schema refusal as field issues: paths inside `fields` name the field (`cause`, `duty.entries`),
 * other paths the op's own part (`hlc`, `table`). At most 50, as SyncError keeps.
 */
function invalidOp(error: z.ZodError): Rejection {
  const issues: FieldIssue[] = error.issues.slice(0, 50).map((i) => {
    const path = (i.path[0] === 'fields' ? i.path.slice(1) : i.path).map(String).join('.').slice(0, 200);
    const bound = i.code === 'too_big' ? i.maximum : i.code === 'too_small' ? i.minimum : undefined;
    const params = i.code === 'custom' ? (i.params as { code?: unknown; limit?: unknown } | undefined) : undefined;
    const code = typeof params?.code === 'string' ? params.code : i.code;
    const limit = typeof params?.limit === 'number' ? params.limit : bound === undefined ? undefined : Number(bound);
    return limit === undefined ? { path, code } : { path, code, limit };
  });
  const message = issues.map((i) => `${i.path || '(op)'}: ${i.code}`).join('; ');
  return reject('validation_failed', `the op does not match the sync schema: ${message}`.slice(0, 2000), issues);
}

function record(ctx: PushOpContext, op: RefusedOp, outcome: Rejection): Promise<void> {
  const rejection = { siteId: ctx.siteId, op, code: outcome.code, message: outcome.message, nowMs: ctx.nowMs };
  return writeSyncError(
    ctx.store,
    ctx.clock,
    outcome.issues === undefined ? rejection : { ...rejection, issues: outcome.issues },
  );
}
