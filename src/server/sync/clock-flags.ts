/**
 * T1 (docs/rules.md): the times the server vouches for, within one push. Every op is received at
 * the push's receipt time; a row whose stamped times (STAMPED_TIME_FIELDS) are more than
 * CLOCK_SKEW_WARN_MS from the server's estimate of when the op was made, or whose op's device time
 * is earlier than the device's previous op's, is applied as sent and flagged (`reviewFlag`).
 *
 * The estimate of when an op was made, on the server's clock:
 * - the push says what the tablet's clock read when it sent it (`deviceNow`): the offset
 *   `receipt − deviceNow` corrects each op's `deviceTime` (the tablet's clock is assumed not to
 *   have been reset between the op and the push; if it was, the next op usually goes backwards);
 * - an older tablet's push without `deviceNow`: the offset learned at the device's last push that
 *   had one (kept on the device), applied the same way;
 * - no offset known at all: the op may have waited in an offline queue for any time, so nothing
 *   tells a fresh op with a wrong clock from an old op with a right one. Only a stamp later than the
 *   receipt time (beyond the tolerance) is certain to be wrong, and only that is flagged.
 */
import {
  clockOffsetAt,
  clockWentBackwards,
  estimateOpTime,
  skewedStamps,
  type SkewedStamp,
} from '../../domain/clock-review';
import type { Op } from '../../domain/sync-protocol';
import type { SyncTable } from '../../domain/entities';
import type { StoreTx } from '../store/store';
import type { OpOutcome } from './op-outcome';
import type { ServerClock } from './server-clock';
import { writeReviewFlag } from './server-rows';

export interface PushClockInput {
  /** The push's transaction. */
  store: StoreTx;
  clock: ServerClock;
  siteId: string;
  deviceId: string;
  /** The push's receipt time (server clock). */
  receivedAt: number;
  /** The tablet's clock when it sent the push, if it said. */
  deviceNow: number | undefined;
  /** The device's last applied counter before this push. */
  lastCounter: number;
}

/** The T1 bookkeeping of one push: the device's offset and the device time of its previous op. */
export class PushClock {
  private constructor(
    private readonly p: PushClockInput,
    private readonly offsetMs: number | null,
    private previousDeviceTime: number | null,
  ) {}

  /** The bookkeeping of a push starting now: the device's offset and its last op's device time. */
  static async start(p: PushClockInput): Promise<PushClock> {
    const offsetMs =
      p.deviceNow !== undefined
        ? clockOffsetAt(p.receivedAt, p.deviceNow)
        : await p.store.getDeviceClockOffset(p.deviceId);
    const previousDeviceTime =
      p.lastCounter > 0 ? ((await p.store.getDeviceOp(p.deviceId, p.lastCounter))?.deviceTime ?? null) : null;
    return new PushClock(p, offsetMs, previousDeviceTime);
  }

  get receivedAt(): number {
    return this.p.receivedAt;
  }

  /** Issue 9 §9: when `op` was made on the server's clock, or null when no offset is known. */
  opTime(op: Op): number | null {
    return estimateOpTime(op.deviceTime, this.offsetMs);
  }

  /**
   * Before `op` is applied: its stamped times the server does not believe. A patch that repeats a
   * stored stamp (unchanged) is not judged by this op's clock: the stamp was made earlier.
   */
  async suspectStamps(op: Op): Promise<SkewedStamp[]> {
    const estimate = { expectedAt: estimateOpTime(op.deviceTime, this.offsetMs), receivedAt: this.p.receivedAt };
    const suspects = skewedStamps(op.table, op.fields, estimate);
    if (suspects.length === 0 || op.kind !== 'patch') return suspects;
    const stored = (await this.p.store.getRow<SyncTable>(this.p.siteId, op.table, op.rowId))?.row;
    return suspects.filter((s) => stored?.[s.field] !== s.stampedAt);
  }

  /**
   * After `op` was applied with `outcome`: flag what it stored (a refused op stored nothing; a
   * conflict stored only the fields that won), then remember its device time for the next op.
   */
  async settle(op: Op, outcome: OpOutcome, suspects: readonly SkewedStamp[]): Promise<void> {
    if (outcome.status !== 'rejected') {
      const kept = outcome.status === 'conflict' ? await this.storedAsSent(op, suspects) : suspects;
      for (const s of kept) await this.flag(op, 'clockSkew', s.field, s.stampedAt, s.expectedAt);
      if (clockWentBackwards(op.deviceTime, this.previousDeviceTime)) {
        await this.flag(op, 'clockBackwards', 'deviceTime', op.deviceTime, this.previousDeviceTime);
      }
    }
    this.previousDeviceTime = op.deviceTime;
  }

  /** The offset this push taught, to remember for a later push that does not say (T1); null if none. */
  learnedOffset(): number | null {
    return this.p.deviceNow !== undefined ? this.offsetMs : null;
  }

  private async storedAsSent(op: Op, suspects: readonly SkewedStamp[]): Promise<readonly SkewedStamp[]> {
    if (suspects.length === 0) return suspects;
    const stored = (await this.p.store.getRow<SyncTable>(this.p.siteId, op.table, op.rowId))?.row;
    return suspects.filter((s) => stored?.[s.field] === s.stampedAt);
  }

  private flag(
    op: Op,
    kind: 'clockSkew' | 'clockBackwards',
    field: string,
    stampedAt: number,
    expectedAt: number | null,
  ): Promise<void> {
    const { store, clock, siteId, receivedAt } = this.p;
    return writeReviewFlag(store, clock, { siteId, op, kind, field, stampedAt, expectedAt, receivedAt });
  }
}
