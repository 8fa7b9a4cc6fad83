/**
 * Push phase: the outbox in counter order, in batches, exactly once (docs/architecture.md "Push"). An op
 * leaves the outbox only in the transaction that records the server's acknowledgement of it, and
 * is then kept in `sentOps` for a server restored from an older backup (issue 9 §1, "Restores").
 */
import { pushBlockOf, queueResendCheck, requeueFrom } from '../db/sent-ops';
import { recordPushResults, readPushBatch } from '../db/sync-store';
import { PushResponse, SCHEMA_VERSION } from '../../domain/sync-protocol';
import { ApiRequestError, parseBody } from './api-client';
import type { SyncSession } from './session';

/** A counter_gap is repaired at most this often per run; more means something else is wrong. */
const MAX_GAP_REPAIRS = 3;

export interface PushOutcome {
  pushed: number;
  rejected: number;
  /** Issue 9 §1: the server lost ops this tablet no longer holds; nothing is pushed until re-enrolment. */
  blocked: boolean;
}

export async function pushOutbox(s: SyncSession, batchSize: number): Promise<PushOutcome> {
  if (await pushBlockOf(s.db, s.device)) return { pushed: 0, rejected: 0, blocked: true };
  await queueResendCheck(s.db, s.device);
  let batch = Math.max(1, batchSize);
  let pushed = 0;
  let rejected = 0;
  let gapRepairs = 0;
  for (;;) {
    const ops = await readPushBatch(s.db, batch);
    if (ops.length === 0) return { pushed, rejected, blocked: false };
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
        if ((await repairGap(s, e.details)) === 'lost') return { pushed, rejected, blocked: true };
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
 * 409 counter_gap {expected, got}: the server lacks ops from `expected` on (restored from an older
 * backup, or a tablet enrolled after it). The retained ops from there are queued again with their
 * original counters and proofs (sent-ops.ts requeueFrom); never renumbered.
 */
async function repairGap(s: SyncSession, details: unknown): Promise<'retry' | 'requeued' | 'lost'> {
  const expected = (details as { expected?: unknown } | null)?.expected;
  if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 1) {
    throw new ApiRequestError(409, 'counter_gap', 'counter_gap without a usable expected counter', details);
  }
  return requeueFrom(s.db, s.device, expected, s.corrected());
}
