/** The enrolled device: its id, building, token and name (docs/architecture.md "Auth"). Never synced. */
import { signOp } from '../../../domain/actor-proof';
import type { DeviceKind, EnrolResponse } from '../../../domain/api';
import { formatHlc, parseHlc } from '../../../domain/hlc';
import { rethrowStorageError } from '../errors';
import { EMPTY_STATUS, getMeta, rememberOffset, setMeta } from '../meta';
import type { HandoverDb, OutboxOp } from '../schema';
import { proofKeyOf } from '../../state/proof-keys';

export interface DeviceInfo {
  deviceId: string;
  siteId: string;
  /** Attached at send time only, never stored in a queued request (docs/architecture.md "Auth"). */
  token: string;
  deviceName: string;
  enrolledAt: number;
  /** Issue 8: a desk tablet or an office device; absent (enrolled before issue 8) reads as desk. */
  kind?: DeviceKind;
}

/** What this browser was enrolled as (issue 8): an enrolment from before issue 8 is a desk tablet. */
export function deviceKindOf(device: DeviceInfo | undefined): DeviceKind {
  return device?.kind ?? 'desk';
}

/** The device enrolled in this database, if any. */
export async function getDevice(db: HandoverDb): Promise<DeviceInfo | undefined> {
  return getMeta(db, 'device');
}

/**
 * Stores a fresh enrolment (or setup) answer: device meta, counter 0, cursor 0, and the clock
 * offset learned from `res.serverTime` (T1; `nowMs` is the tablet clock when the answer came).
 * Re-enrolling into another building wipes the old building's records. Re-enrolling into the same
 * building (a revoked tablet) keeps its records and re-numbers unsent ops for the new device id,
 * so nothing typed offline is lost. A renumbered op's proof covered the old device and counter
 * (issue 9 §3): it is signed again when its actor's PIN was typed in this page, and otherwise sent
 * without a proof, so the server refuses it visibly (actor_unproven) and it can be sent again.
 */
export async function saveEnrolment(
  db: HandoverDb,
  res: EnrolResponse,
  deviceName: string,
  nowMs: number,
): Promise<DeviceInfo> {
  const info: DeviceInfo = {
    deviceId: res.deviceId,
    siteId: res.siteId,
    token: res.token,
    deviceName,
    enrolledAt: nowMs,
    kind: res.deviceKind ?? 'desk',
  };
  const offsetMs = Math.round(res.serverTime - nowMs);
  try {
    await db.transaction('rw', db.tables, async () => {
      const prev = await getMeta(db, 'device');
      if (prev && prev.siteId !== res.siteId) {
        await Promise.all(db.tables.map((t) => t.clear()));
      }
      const pending = await db.outbox.orderBy('counter').toArray();
      await db.outbox.clear();
      const renumbered = pending.map((op, i) => resigned({ ...op, deviceId: res.deviceId, counter: i + 1 }));
      await db.outbox.bulkAdd(renumbered);
      const hlc = parseHlc((await getMeta(db, 'hlc')) ?? '');
      await setMeta(db, 'device', info);
      await setMeta(db, 'counter', renumbered.length);
      await setMeta(db, 'ackedThrough', 0);
      await setMeta(db, 'cursor', 0);
      if (hlc) await setMeta(db, 'hlc', formatHlc({ ...hlc, node: res.deviceId }));
      await setMeta(db, 'clock', { offsetMs, rttMs: null, learnedAt: nowMs });
      await setMeta(db, 'syncStatus', EMPTY_STATUS);
    });
  } catch (e) {
    rethrowStorageError(e);
  }
  rememberOffset(db, offsetMs);
  return info;
}

/** `op` with a proof over its new device and counter, or none when its actor's key is not here. */
function resigned(op: OutboxOp): OutboxOp {
  const { proof: _stale, ...rest } = op;
  const key = proofKeyOf(op.actorStaffId);
  return key ? { ...rest, proof: signOp(key, rest) } : rest;
}
