/** Small helpers the register, task and rota repositories share. */
import type { Role } from '../../../domain/entities';
import type { HandoverDb, LocalRow } from '../schema';

/** True when a field-errors object holds no error. */
export function isEmpty(errors: object): boolean {
  return Object.keys(errors).length === 0;
}

/** A stored row without its local per-field versions, as repositories return rows. */
export function plain<T extends object>(row: LocalRow<T>): T {
  const { _versions: _local, ...rest } = row;
  return rest as unknown as T;
}

/**
 * The role of `staffId` when their staff row is on this tablet. Repositories check the same
 * table rules as the server with it; unknown (not pulled yet) leaves the check to the server.
 */
export async function roleOf(db: HandoverDb, staffId: string): Promise<Role | undefined> {
  const staff = await db.staff.get(staffId);
  return staff && !staff.deleted ? staff.role : undefined;
}
