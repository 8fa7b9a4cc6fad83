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
import type { Store } from '../store/store';
import type { OpOutcome } from './op-outcome';
import type { ServerClock } from './server-clock';
import { writeReviewFlag } from './server-rows';

export interface PushClockInput {
  store: Store;
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
  private readonly offsetMs: number | null;
  private previousDeviceTime: number | null;

  constructor(private readonly p: PushClockInput) {
    this.offsetMs =
      p.deviceNow !== undefined ? clockOffsetAt(p.receivedAt, p.deviceNow) : p.store.getDeviceClockOffset(p.deviceId);
    this.previousDeviceTime =
      p.lastCounter > 0 ? (p.store.getDeviceOp(p.deviceId, p.lastCounter)?.deviceTime ?? null) : null;
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
  suspectStamps(op: Op): SkewedStamp[] {
    const estimate = { expectedAt: estimateOpTime(op.deviceTime, this.offsetMs), receivedAt: this.p.receivedAt };
    const suspects = skewedStamps(op.table, op.fields, estimate);
    if (suspects.length === 0 || op.kind !== 'patch') return suspects;
    const stored = this.p.store.getRow(op.table, op.rowId)?.row;
    return suspects.filter((s) => stored?.[s.field] !== s.stampedAt);
  }

  /**
   * After `op` was applied with `outcome`: flag what it stored (a refused op stored nothing; a
   * conflict stored only the fields that won), then remember its device time for the next op.
   */
  settle(op: Op, outcome: OpOutcome, suspects: readonly SkewedStamp[]): void {
    if (outcome.status !== 'rejected') {
      const kept = outcome.status === 'conflict' ? this.storedAsSent(op, suspects) : suspects;
      for (const s of kept) this.flag(op, 'clockSkew', s.field, s.stampedAt, s.expectedAt);
      if (clockWentBackwards(op.deviceTime, this.previousDeviceTime)) {
        this.flag(op, 'clockBackwards', 'deviceTime', op.deviceTime, this.previousDeviceTime);
      }
    }
    this.previousDeviceTime = op.deviceTime;
  }

  /** After the push: remember the offset it taught, for a later push that does not say (T1). */
  finish(): void {
    if (this.p.deviceNow !== undefined && this.offsetMs !== null) {
      this.p.store.setDeviceClockOffset(this.p.deviceId, this.offsetMs);
    }
  }

  private storedAsSent(op: Op, suspects: readonly SkewedStamp[]): readonly SkewedStamp[] {
    if (suspects.length === 0) return suspects;
    const stored = this.p.store.getRow(op.table, op.rowId)?.row;
    return suspects.filter((s) => stored?.[s.field] === s.stampedAt);
  }

  private flag(
    op: Op,
    kind: 'clockSkew' | 'clockBackwards',
    field: string,
    stampedAt: number,
    expectedAt: number | null,
  ): void {
    const { store, clock, siteId, receivedAt } = this.p;
    writeReviewFlag(store, clock, { siteId, op, kind, field, stampedAt, expectedAt, receivedAt });
  }
}
