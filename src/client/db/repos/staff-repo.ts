/** Staff of the building (admin writes; WRITE_POLICY.staff). */
import type { Role, Staff } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import { hashPin, isValidPin } from '../../../domain/pin';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import type { WriteContext } from './write-context';

export const STAFF_NAME_MAX = 60;

export type CreateStaffErrors = { name?: 'required' | 'tooLong'; pin?: 'invalid' };

/**
 * Adds a person with a slow salted PIN hash (PBKDF2, domain hashPin). The PIN itself is never
 * stored. The hash is computed before the transaction opens: IndexedDB transactions end when they
 * wait on anything else.
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
 * Activates or deactivates a person; an inactive person cannot sign in.
 * @throws RowNotFoundError when the person is not on this tablet.
 */
export async function setStaffActive(
  db: HandoverDb,
  ctx: WriteContext,
  staffId: string,
  active: boolean,
): Promise<void> {
  await runWrite(db, [db.staff], () => patchRow(db, ctx, 'staff', staffId, { active }));
}

/**
 * An admin sets a new PIN for a person who forgot theirs: the slow salted hash (domain hashPin)
 * is patched into `pinHash` with its outbox op in one write, and the person's wrong-PIN lockout on
 * this tablet (pinAttempts, local only) is lifted in the same transaction. Other tablets take the
 * new hash with their next pull; their own lockouts run out as usual.
 * @throws RowNotFoundError when the person is not on this tablet.
 */
export async function resetStaffPin(
  db: HandoverDb,
  ctx: WriteContext,
  staffId: string,
  pin: string,
): Promise<Result<void, { pin?: 'invalid' }>> {
  if (!isValidPin(pin)) return fail({ pin: 'invalid' });
  // Hashed before the transaction opens: IndexedDB would end it while PBKDF2 runs.
  const pinHash = await hashPin(pin);
  await runWrite(db, [db.staff, db.pinAttempts], async () => {
    await patchRow(db, ctx, 'staff', staffId, { pinHash });
    await db.pinAttempts.delete(staffId);
  });
  return ok(undefined);
}
