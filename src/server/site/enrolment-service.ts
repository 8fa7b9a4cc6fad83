/**
 * One-time enrolment codes (docs/architecture.md "Auth"): an admin creates a code on an enrolled tablet, a new
 * tablet exchanges it once for a device token bound to the same building. Issue 8: the code says
 * whether it enrols a desk tablet or an office device, and the device keeps that kind.
 */
import type { CreateEnrolmentCodeResponse, DeviceKind, EnrolRequest, EnrolResponse } from '../../domain/api';
import { ApiError } from '../api-error';
import type { Store, StoreTx } from '../store/store';
import { createDevice } from './devices';
import { hashSecret, newEnrolmentCode } from './secrets';

/** A code is good for 24 hours. */
export const ENROLMENT_CODE_TTL_MS = 24 * 60 * 60_000;

/**
 * Create a code for `siteId` enrolling a device of `deviceKind` (desk when absent), in the caller's
 * transaction of that building; the actor must be an active admin of it (403 otherwise).
 */
export async function createEnrolmentCode(
  tx: StoreTx,
  input: { siteId: string; actorStaffId: string; deviceKind?: DeviceKind },
  nowMs: number,
): Promise<CreateEnrolmentCodeResponse> {
  const actor = await tx.getRow(input.siteId, 'staff', input.actorStaffId);
  const isActiveAdmin = actor !== undefined && !actor.deleted && actor.row.active && actor.row.role === 'admin';
  if (!isActiveAdmin)
    throw new ApiError('forbidden', 'only an active admin of this building may create enrolment codes');
  const code = newEnrolmentCode();
  const expiresAt = nowMs + ENROLMENT_CODE_TTL_MS;
  const deviceKind = input.deviceKind ?? 'desk';
  await tx.insertEnrolmentCode({
    codeHash: hashSecret(code),
    siteId: input.siteId,
    createdBy: input.actorStaffId,
    expiresAt,
    usedAt: null,
    usedByDevice: null,
    deviceKind,
  });
  return { code, expiresAt, deviceKind };
}

/** Exchange a code for a new device; unknown, used or expired codes answer 400 invalid_enrolment_code. */
export async function enrolDevice(store: Store, req: EnrolRequest, nowMs: number): Promise<EnrolResponse> {
  const codeHash = hashSecret(req.code);
  const invalid = () => new ApiError('invalid_enrolment_code', 'this enrolment code is unknown, used or expired');
  // The code names its building, whose lock the enrolment takes; it is read again under the lock.
  const known = await store.getEnrolmentCode(codeHash);
  if (!known) throw invalid();
  return store.transaction(known.siteId, async (tx) => {
    const stored = await tx.getEnrolmentCode(codeHash);
    if (!stored || stored.usedAt !== null || stored.expiresAt <= nowMs) {
      // One answer for all three, so a caller cannot probe which codes once existed.
      throw invalid();
    }
    const device = await createDevice(tx, stored.siteId, req.deviceName, nowMs, stored.deviceKind);
    if (!(await tx.markEnrolmentCodeUsed(codeHash, nowMs, device.deviceId))) {
      throw new ApiError('invalid_enrolment_code', 'this enrolment code is unknown, used or expired');
    }
    return {
      siteId: stored.siteId,
      deviceId: device.deviceId,
      token: device.token,
      serverTime: nowMs,
      deviceKind: stored.deviceKind,
    };
  });
}
