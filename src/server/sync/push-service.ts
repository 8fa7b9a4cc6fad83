/**
 * POST /api/v1/sync/push (docs/architecture.md "Push"): exactly-once, in device order. One push is one
 * immediate transaction: the server applies only `counter = last + 1`, answers anything at or
 * below `last` from `device_ops`, and refuses a gap without applying anything. T1: every op is
 * stored with the push's receipt time (`nowMs`) and its device time; doubtful times are flagged
 * (clock-flags.ts).
 */
import { OP_REJECT_HTTP_STATUS, type OpRejectCode } from '../../domain/errors';
import type { FieldIssue } from '../../domain/row-rules';
import {
  SCHEMA_VERSION,
  type Op,
  type PushRequest,
  type PushResponse,
  type PushResult,
} from '../../domain/sync-protocol';
import { ApiError } from '../api-error';
import type { Store, StoredRow } from '../store/store';
import { applyOp, type OpOutcome } from './apply-op';
import { PushClock } from './clock-flags';
import { opHash } from './op-hash';
import type { ServerClock } from './server-clock';
import { writeSyncError } from './server-rows';

export interface PushContext {
  store: Store;
  clock: ServerClock;
  /** The building and device the bearer token belongs to. */
  siteId: string;
  deviceId: string;
  /** The push's receipt time: every op of the push is received at it (T1). */
  nowMs: number;
}

/** Apply a push for the token's device. Throws ApiError for refusals of the whole push. */
export function pushOps(ctx: PushContext, req: PushRequest): PushResponse {
  if (req.schemaVersion !== SCHEMA_VERSION) {
    throw new ApiError('schema_version', `this server speaks sync schema ${SCHEMA_VERSION}; update the app`, {
      expected: SCHEMA_VERSION,
      got: req.schemaVersion,
    });
  }
  if (req.deviceId !== ctx.deviceId) throw new ApiError('forbidden', 'the ops belong to another device');

  return ctx.store.transaction(() => {
    assertOwnBuilding(ctx, req.ops);
    const device = ctx.store.getDevice(ctx.deviceId);
    if (!device) throw new ApiError('unauthorized', 'unknown device');
    const staffCache = new Map<string, StoredRow | undefined>();
    const proofKeys = new Map<string, Uint8Array | null>();
    let last = device.lastCounter;
    const results: PushResult[] = [];
    const times = new PushClock({
      store: ctx.store,
      clock: ctx.clock,
      siteId: ctx.siteId,
      deviceId: ctx.deviceId,
      receivedAt: ctx.nowMs,
      deviceNow: req.deviceNow,
      lastCounter: last,
    });

    for (const op of req.ops) {
      const hash = opHash(op);
      if (op.counter <= last) {
        results.push(replay(ctx, op, hash));
        continue;
      }
      if (op.counter !== last + 1) {
        // Throwing inside the transaction rolls back any counter_reused rows written above.
        throw new ApiError('counter_gap', `expected op ${last + 1}, got ${op.counter}`, {
          expected: last + 1,
          got: op.counter,
        });
      }
      const suspects = times.suspectStamps(op);
      const outcome = applyOp(
        {
          store: ctx.store,
          clock: ctx.clock,
          siteId: ctx.siteId,
          nowMs: ctx.nowMs,
          staffCache,
          deviceKind: device.kind,
          proofKeys,
          opTime: times.opTime(op),
        },
        op,
      );
      if (outcome.status === 'rejected') recordRejection(ctx, op, outcome.code, outcome.message, outcome.issues);
      times.settle(op, outcome, suspects);
      ctx.store.insertDeviceOp({
        deviceId: ctx.deviceId,
        counter: op.counter,
        opHash: hash,
        status: outcome.status,
        code: outcome.status === 'applied' ? null : outcome.code,
        message: outcome.status === 'applied' ? null : outcome.message,
        receivedAt: times.receivedAt,
        deviceTime: op.deviceTime,
        // Issue 9 §6: who wrote what, from which device, for every op (privileged or not).
        actorStaffId: op.actorStaffId,
        table: op.table,
        rowId: op.rowId,
      });
      results.push(toResult(op.counter, outcome));
      last = op.counter;
    }

    if (last !== device.lastCounter) ctx.store.setDeviceCounter(ctx.deviceId, last);
    times.finish();
    ctx.store.touchDevice(ctx.deviceId, ctx.nowMs);
    return { ackedThrough: last, results, serverTime: ctx.nowMs };
  });
}

/**
 * A building's token may only touch its own building: an op on a row of another building, or a new
 * row claiming another building, refuses the whole push before anything is applied.
 */
function assertOwnBuilding(ctx: PushContext, ops: readonly Op[]): void {
  for (const op of ops) {
    const owner = ctx.store.getRowSiteId(op.table, op.rowId);
    const claimsOther = (op.kind === 'put' || op.kind === 'append') && op.fields['siteId'] !== ctx.siteId;
    if ((owner !== undefined && owner !== ctx.siteId) || claimsOther) {
      throw new ApiError('forbidden', `op ${op.counter} targets a row of another building`, {
        counter: op.counter,
        table: op.table,
        rowId: op.rowId,
      });
    }
  }
}

/** An op at or below the device's last counter: answered from the stored outcome, never re-applied. */
function replay(ctx: PushContext, op: Op, hash: string): PushResult {
  const stored = ctx.store.getDeviceOp(ctx.deviceId, op.counter);
  if (!stored || stored.opHash !== hash) {
    // The tablet's storage was wiped and its counter restarted: flag it where everyone sees it.
    const message = `op ${op.counter} differs from the op this device sent earlier under the same counter`;
    recordRejection(ctx, op, 'counter_reused', message);
    return {
      counter: op.counter,
      status: 'rejected',
      code: 'counter_reused',
      message,
      httpStatus: OP_REJECT_HTTP_STATUS.counter_reused,
    };
  }
  const result: PushResult = { counter: op.counter, status: 'duplicate' };
  if (stored.code !== null) result.code = stored.code;
  if (stored.message !== null) result.message = stored.message;
  // A replayed refusal answers as the refusal did, so the tablet reads the same status again.
  if (stored.status === 'rejected' && stored.code !== null) {
    const status = httpStatusOf(stored.code);
    if (status !== undefined) result.httpStatus = status;
  }
  return result;
}

/** The status a refusal would have as a request of its own (OP_REJECT_HTTP_STATUS). */
function httpStatusOf(code: string): number | undefined {
  return Object.hasOwn(OP_REJECT_HTTP_STATUS, code) ? OP_REJECT_HTTP_STATUS[code as OpRejectCode] : undefined;
}

function recordRejection(ctx: PushContext, op: Op, code: string, message: string, issues?: FieldIssue[]): void {
  const rejection = { siteId: ctx.siteId, op, code, message, nowMs: ctx.nowMs };
  writeSyncError(ctx.store, ctx.clock, issues === undefined ? rejection : { ...rejection, issues });
}

function toResult(counter: number, outcome: OpOutcome): PushResult {
  if (outcome.status === 'applied') return { counter, status: 'applied' };
  if (outcome.status === 'conflict')
    return { counter, status: 'conflict', code: outcome.code, message: outcome.message };
  return {
    counter,
    status: 'rejected',
    code: outcome.code,
    message: outcome.message,
    httpStatus: OP_REJECT_HTTP_STATUS[outcome.code],
  };
}
