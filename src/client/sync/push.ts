/**
 * Push phase: the outbox in counter order, in batches, exactly once (docs/architecture.md "Push"). An op
 * leaves the outbox only in the transaction that records the server's acknowledgement of it.
 */
import { recordPushResults, readPushBatch, renumberFrom, firstQueuedCounter } from '../db/sync-store';
import { PushResponse, SCHEMA_VERSION } from '../../domain/sync-protocol';
import { ApiRequestError, parseBody } from './api-client';
import type { SyncSession } from './session';

/** A counter_gap is repaired at most this often per run; more means something else is wrong. */
const MAX_GAP_REPAIRS = 3;

export async function pushOutbox(s: SyncSession, batchSize: number): Promise<{ pushed: number; rejected: number }> {
  let batch = Math.max(1, batchSize);
  let pushed = 0;
  let rejected = 0;
  let gapRepairs = 0;
  for (;;) {
    const ops = await readPushBatch(s.db, batch);
    if (ops.length === 0) return { pushed, rejected };
    let raw: unknown;
    try {
      raw = await s.call('POST', '/api/v1/sync/push', {
        deviceId: s.device.deviceId,
        schemaVersion: SCHEMA_VERSION,
        ops,
        // T1: the tablet's raw clock at send. With its own receipt time the server estimates the
        // true time of each op (op.deviceTime + receipt - deviceNow) and flags stamps far from it.
        deviceNow: s.now(),
      });
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'payload_too_large' && batch > 1) {
        // Long entries in CJK can make a batch exceed the body limit: halve and go on.
        batch = Math.max(1, Math.floor(batch / 2));
        continue;
      }
      if (e instanceof ApiRequestError && e.code === 'counter_gap' && gapRepairs < MAX_GAP_REPAIRS) {
        gapRepairs++;
        await repairGap(s, e.details);
        continue;
      }
      throw e;
    }
    const res = parseBody(PushResponse, raw, 'push');
    const recorded = await recordPushResults(s.db, s.device, res, s.corrected());
    if (recorded.acked === 0) {
      // The server acknowledged none of what we sent; looping would send it again forever.
      throw new ApiRequestError(200, 'bad_response', `push acknowledged through ${res.ackedThrough} only`);
    }
    pushed += recorded.acked;
    rejected += recorded.rejected;
  }
}

/**
 * 409 counter_gap {expected, got}: re-read the outbox. If it now starts at or below `expected`
 * (another runner changed it), a plain retry sends from there; otherwise the server lost ops it
 * had acknowledged, and the queued ops are renumbered from `expected` (recorded, see renumberFrom).
 */
async function repairGap(s: SyncSession, details: unknown): Promise<void> {
  const expected = (details as { expected?: unknown } | null)?.expected;
  if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 1) {
    throw new ApiRequestError(409, 'counter_gap', 'counter_gap without a usable expected counter', details);
  }
  const first = await firstQueuedCounter(s.db);
  if (first === null || first <= expected) return;
  await renumberFrom(s.db, s.device, expected, s.corrected());
}
