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
