import { useLiveQuery } from 'dexie-react-hooks';
import type { Staff } from '../../../domain/entities';
import { getStaff } from '../../db/queries';
import { useDb } from '../../ui/db-context';

/** The signed-in person (for their role), live: undefined while loading, null if not on this tablet. */
export function useActor(staffId: string): Staff | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await getStaff(db, staffId)) ?? null, [db, staffId]);
}
