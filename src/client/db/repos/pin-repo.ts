/**
 * Offline PIN sign-in. The PIN is checked against the staff row's slow salted hash; five wrong
 * PINs lock that person out for five minutes, recorded in IndexedDB so a reload does not reset it.
 * Every PIN the tablet asks for (sign-in, a signature, an approval) goes through signInWithPin, so
 * no PIN box can be used to guess without limit; a chief or manager may lift a lockout (unlockPin).
 */
import type { Staff } from '../../../domain/entities';
import { PIN_LOCKOUT_MS, PIN_MAX_ATTEMPTS, pinLockedUntil, verifyPin } from '../../../domain/pin';
import { rethrowStorageError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';

export type SignInResult =
  | { ok: true; staff: Staff }
  | {
      ok: false;
      reason: 'wrongPin' | 'lockedOut' | 'inactive' | 'unknown';
      lockedUntil?: number;
      attemptsLeft?: number;
    };

/**
 * Signs `staffId` in with `pin` at tablet time `nowMs`. Wrong PINs are recorded in pinAttempts
 * (the newest PIN_MAX_ATTEMPTS kept); a success clears them. The failure that completes the fifth
 * wrong PIN already answers 'lockedOut'.
 */
export async function signInWithPin(
  db: HandoverDb,
  staffId: string,
  pin: string,
  nowMs: number,
): Promise<SignInResult> {
  const staff = await db.staff.get(staffId);
  if (!staff || staff.deleted) return { ok: false, reason: 'unknown' };
  if (!staff.active) return { ok: false, reason: 'inactive' };
  const before = (await db.pinAttempts.get(staffId))?.failedAt ?? [];
  const locked = pinLockedUntil(before, nowMs);
  if (locked !== null) return { ok: false, reason: 'lockedOut', lockedUntil: locked };

  // Verified outside any transaction: PBKDF2 is async work IndexedDB would not wait for.
  const good = await verifyPin(pin, staff.pinHash);
  try {
    return await db.transaction('rw', db.pinAttempts, async () => {
      if (good) {
        // A success clears the wrong PINs; who once unlocked this person stays on record.
        const unlocks = (await db.pinAttempts.get(staffId))?.unlocks;
        if (unlocks) await db.pinAttempts.put({ staffId, failedAt: [], unlocks });
        else await db.pinAttempts.delete(staffId);
        const { _versions: _ignored, ...plain } = staff;
        return { ok: true, staff: plain };
      }
      // Re-read inside the transaction: another tab may have recorded a failure meanwhile.
      const current = (await db.pinAttempts.get(staffId))?.failedAt ?? [];
      const row = await db.pinAttempts.get(staffId);
      const failedAt = [...current, nowMs].slice(-PIN_MAX_ATTEMPTS);
      await db.pinAttempts.put({ ...row, staffId, failedAt });
      const until = pinLockedUntil(failedAt, nowMs);
      if (until !== null) return { ok: false, reason: 'lockedOut', lockedUntil: until };
      const recent = failedAt.filter((t) => t >= nowMs - PIN_LOCKOUT_MS).length;
      return { ok: false, reason: 'wrongPin', attemptsLeft: Math.max(0, PIN_MAX_ATTEMPTS - recent) };
    });
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/**
 * The way forward from a lockout at a signature (issue 7 §8): a section chief or the property office
 * manager (`byStaffId`), whose own PIN the screen has just checked, clears `staffId`'s wrong PINs so
 * they can sign again. Recorded on this tablet (pinAttempts is never synced): who unlocked and when.
 */
export async function unlockPin(
  db: HandoverDb,
  input: { staffId: string; byStaffId: string; nowMs: number },
): Promise<Result<void, 'role'>> {
  try {
    return await db.transaction('rw', db.pinAttempts, db.staff, async () => {
      const by = await db.staff.get(input.byStaffId);
      if (!by || by.deleted || !by.active || (by.role !== 'chief' && by.role !== 'manager'))
        return fail('role' as const);
      const unlocks = (await db.pinAttempts.get(input.staffId))?.unlocks ?? [];
      await db.pinAttempts.put({
        staffId: input.staffId,
        failedAt: [],
        unlocks: [...unlocks, { by: input.byStaffId, at: input.nowMs }],
      });
      return ok(undefined);
    });
  } catch (e) {
    return rethrowStorageError(e);
  }
}
