/**
 * Who writes, from which tablet, at what time (T1). Every repository write takes one of these, so
 * the op's actor, device and timestamps come from one place.
 */
import { NotEnrolledError } from '../errors';
import { cachedOffset, getMeta, refreshOffset } from '../meta';
import type { HandoverDb } from '../schema';

export { NotEnrolledError, QuotaError } from '../errors';

export interface WriteContext {
  deviceId: string;
  siteId: string;
  actorStaffId: string;
  /** Server-corrected UTC ms (T1): the tablet clock plus the offset learned from the server. */
  now(): number;
  /** The tablet's own clock, kept beside the corrected time for audit. */
  deviceNow(): number;
}

/**
 * Builds the context for writes by `actorStaffId` on this enrolled tablet.
 * @throws NotEnrolledError when no device has been enrolled in this database.
 */
export async function makeWriteContext(
  db: HandoverDb,
  actorStaffId: string,
  deviceNow: () => number = () => Date.now(),
): Promise<WriteContext> {
  const device = await getMeta(db, 'device');
  if (!device) throw new NotEnrolledError();
  const initial = await refreshOffset(db);
  return {
    deviceId: device.deviceId,
    siteId: device.siteId,
    actorStaffId,
    deviceNow,
    // The offset is re-read from the realm cache on every call: a sync may learn a better one.
    now: () => deviceNow() + (cachedOffset(db) ?? initial),
  };
}
