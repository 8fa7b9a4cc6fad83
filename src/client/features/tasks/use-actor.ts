import { useLiveQuery } from 'dexie-react-hooks';
import type { Staff } from '../../../domain/entities';
import { isSuperior } from '../../../domain/task-rules';
import { getStaff } from '../../db/queries';
import { useDb } from '../../ui/db-context';

/**
 * The signed-in person and whether they are a superior (chief, manager or admin): H7 lets only
 * superiors give and withdraw instructions. `staff` is undefined while loading, null if unknown.
 */
export function useActor(staffId: string): { staff: Staff | null | undefined; superior: boolean } {
  const db = useDb();
  const staff = useLiveQuery(async () => (await getStaff(db, staffId)) ?? null, [db, staffId]);
  return { staff, superior: staff ? isSuperior(staff.role) : false };
}
