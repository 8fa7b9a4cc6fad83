/**
 * POST /api/v1/sync/push (docs/architecture.md "Push"): exactly-once, in device order. One push is one
 * transaction holding the building's write lock (issue 10 §2), each op in a savepoint of it: the
 * server applies only `counter = last + 1`, answers anything at or
 * below `last` from `device_ops`, and refuses a gap without applying anything. T1: every op is
 * stored with the push's receipt time (`nowMs`) and its device time; doubtful times are flagged
 * (clock-flags.ts).
 */
import { OP_REJECT_HTTP_STATUS, type OpRejectCode } from '../../domain/errors';
import {
  SCHEMA_VERSION,
  Op as OpSchema,
  type Op,
  type OpEnvelope,
  type PushEnvelope,
  type PushResponse,
  type PushResult,
} from '../../domain/sync-protocol';
import { ApiError } from '../api-error';
import { silentLogger, type Logger } from '../logger';
import type { DeviceOpRecord, Store, StoredRow, StoreTx } from '../store/store';
import type { OpOutcome } from './apply-op';
import { PushClock } from './clock-flags';
import { opHash, refusedOpHash } from './op-hash';
import { pushNewOp } from './push-op';
import { refusedOpOf } from './refused-op';
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
  /**
   * Issue 9 §5: where an op that failed unexpectedly is logged, with the request's id (the
   * failure is recorded as a syncError row either way; scripts that push may leave it out).
   */
  logger?: Logger;
  requestId?: string;
}

/** What a push did: the answer, and the ops of it that passed the `Op` schema (for after-push work). */
export interface PushDone {
  response: PushResponse;
  ops: Op[];
}

/** Apply a push for the token's device (see pushOpsDetailed); the answer only. */
export async function pushOps(ctx: PushContext, req: PushEnvelope): Promise<PushResponse> {
  return (await pushOpsDetailed(ctx, req)).response;
}

/**
 * Apply a push for the token's device. Throws ApiError only for refusals of the whole push (schema
 * version, another device's ops, a counter gap); issue 9 §5: anything wrong with one op refuses
 * that op alone (push-op.ts).
 */
export async function pushOpsDetailed(ctx: PushContext, req: PushEnvelope): Promise<PushDone> {
  if (req.schemaVersion !== SCHEMA_VERSION) {
    throw new ApiError('schema_version', `this server speaks sync schema ${SCHEMA_VERSION}; update the app`, {
      expected: SCHEMA_VERSION,
      got: req.schemaVersion,
    });
  }
  if (req.deviceId !== ctx.deviceId) throw new ApiError('forbidden', 'the ops belong to another device');

  // Code inside the transaction uses `tx` only (the store's own methods would wait for it).
  return ctx.store.transaction(ctx.siteId, async (tx) => {
    const device = await tx.getDevice(ctx.deviceId);
    if (!device) throw new ApiError('unauthorized', 'unknown device');
    const staffCache = new Map<string, StoredRow<'staff'> | undefined>();
    const proofKeys = new Map<string, Uint8Array | null>();
    let last = device.lastCounter;
    const results: PushResult[] = [];
    const ops: Op[] = [];
    const times = await PushClock.start({
      store: tx,
      clock: ctx.clock,
      siteId: ctx.siteId,
      deviceId: ctx.deviceId,
      receivedAt: ctx.nowMs,
      deviceNow: req.deviceNow,
      lastCounter: last,
    });
    const apply = {
      store: tx,
      clock: ctx.clock,
      siteId: ctx.siteId,
      nowMs: ctx.nowMs,
      staffCache,
      deviceKind: device.kind,
      proofKeys,
      // Set per op by pushNewOp (push-op.ts): the op's server-corrected device time (§9).
      opTime: null,
    };
    const opCtx = { ...ctx, store: tx, logger: ctx.logger ?? silentLogger, requestId: ctx.requestId, apply, times };
    // The new ops' outcomes, stored together after the last op (issue 11 §4: one write, not one per op).
    const outcomes: DeviceOpRecord[] = [];

    for (const raw of req.ops) {
      if (raw.counter <= last) {
        results.push(await replay(ctx, tx, raw));
        continue;
      }
      if (raw.counter !== last + 1) {
        // Throwing inside the transaction rolls back any counter_reused rows written above.
        throw new ApiError('counter_gap', `expected op ${last + 1}, got ${raw.counter}`, {
          expected: last + 1,
          got: raw.counter,
        });
      }
      const { outcome, op } = await pushNewOp(opCtx, raw);
      if (op) ops.push(op);
      outcomes.push({
        deviceId: ctx.deviceId,
        counter: raw.counter,
        opHash: op ? opHash(op) : refusedOpHash(raw),
        status: outcome.status,
        code: outcome.status === 'applied' ? null : outcome.code,
        message: outcome.status === 'applied' ? null : outcome.message,
        receivedAt: times.receivedAt,
        deviceTime: op ? op.deviceTime : null,
        // Issue 9 §6: who wrote what, from which device, for every op (privileged or not).
        actorStaffId: op ? op.actorStaffId : null,
        table: op ? op.table : null,
        rowId: op ? op.rowId : null,
      });
      results.push(toResult(raw.counter, outcome));
      last = raw.counter;
    }

    await tx.recordPush(ctx.deviceId, {
      outcomes,
      lastCounter: last,
      lastSeenAt: ctx.nowMs,
      clockOffsetMs: times.learnedOffset(),
    });
    return { response: { ackedThrough: last, results, serverTime: ctx.nowMs }, ops };
  });
}

/**
 * An op at or below the device's last counter: answered from the stored outcome, never re-applied.
 * It is hashed as it was when first received: as a valid op, or as one the schema refused. Only ops
 * of earlier pushes come here (PushEnvelope's counters are consecutive), so their outcomes are stored.
 */
async function replay(ctx: PushContext, tx: StoreTx, raw: OpEnvelope): Promise<PushResult> {
  const stored = await tx.getDeviceOp(ctx.deviceId, raw.counter);
  const parsed = OpSchema.safeParse(raw);
  const hash = parsed.success ? opHash(parsed.data) : refusedOpHash(raw);
  if (!stored || stored.opHash !== hash) {
    // The tablet's storage was wiped and its counter restarted: flag it where everyone sees it.
    const message = `op ${raw.counter} differs from the op this device sent earlier under the same counter`;
    const op = parsed.success ? parsed.data : refusedOpOf(raw);
    await writeSyncError(tx, ctx.clock, { siteId: ctx.siteId, op, code: 'counter_reused', message, nowMs: ctx.nowMs });
    return {
      counter: raw.counter,
      status: 'rejected',
      code: 'counter_reused',
      message,
      httpStatus: OP_REJECT_HTTP_STATUS.counter_reused,
    };
  }
  const result: PushResult = { counter: raw.counter, status: 'duplicate' };
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

function toResult(counter: number, outcome: OpOutcome): PushResult {
  if (outcome.status === 'applied') return { counter, status: 'applied' };
  if (outcome.status === 'conflict')
    return { counter, status: 'conflict', code: outcome.code, message: outcome.message };
  return {
    counter,
    status: 'rejected',
    code: outcome.code,
    message: outcome.message,
    httpStatus: httpStatusOf(outcome.code) ?? 500,
  };
}
