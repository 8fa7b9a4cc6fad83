/**
 * Staff of the building. Issue 9 §3: staff rows are written only by the server, through the admin
 * API (src/client/sync/admin-client.ts); the server refuses a tablet's op on `staff` (online_only).
 * What remains here is local to this tablet.
 */
import type { Role, Staff } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import { hashPin, isValidPin } from '../../../domain/pin';
import { rethrowStorageError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, runWrite } from '../write';
import type { WriteContext } from './write-context';

export const STAFF_NAME_MAX = 60;

export type CreateStaffErrors = { name?: 'required' | 'tooLong'; pin?: 'invalid' };

/**
 * Adds a person locally with an outbox op. No screen uses it since issue 9: the server refuses the
 * op (`online_only`). Kept only for the integration simulation written before issue 9, which the
 * simulation's rewrite replaces with the admin API; delete it then.
 */
export async function createStaff(
  db: HandoverDb,
  ctx: WriteContext,
  input: { name: string; role: Role; pin: string },
): Promise<Result<Staff, CreateStaffErrors>> {
  const name = input.name.trim();
  const errors: CreateStaffErrors = {};
  if (name === '') errors.name = 'required';
  else if (name.length > STAFF_NAME_MAX) errors.name = 'tooLong';
  if (!isValidPin(input.pin)) errors.pin = 'invalid';
  if (errors.name || errors.pin) return fail(errors);
  const pinHash = await hashPin(input.pin);
  const row = await runWrite(db, [db.staff], () =>
    insertRow(db, ctx, 'staff', 'put', {
      id: newId(),
      siteId: ctx.siteId,
      name,
      role: input.role,
      pinHash,
      active: true,
    }),
  );
  return ok(row);
}

/**
 * After the server accepted an admin's PIN reset for `staffId`, lifts the person's wrong-PIN
 * lockout on this tablet (pinAttempts is local only), so the new PIN works here as soon as the
 * pull brings it. Other tablets' lockouts run out as usual.
 */
export async function liftPinLockout(db: HandoverDb, staffId: string): Promise<void> {
  try {
    await db.pinAttempts.delete(staffId);
  } catch (e) {
    rethrowStorageError(e);
  }
}
