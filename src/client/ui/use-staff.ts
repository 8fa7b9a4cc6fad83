import { useLiveQuery } from 'dexie-react-hooks';
import type { Staff } from '../../domain/entities';
import { getStaff, listStaff } from '../db/queries';
import { useDb } from './db-context';

/**
 * One person's staff row, live (their name and role): undefined while loading, null when they are
 * not on this tablet (or deleted). For the signed-in person's role checks on every screen.
 */
export function useStaffMember(staffId: string): Staff | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await getStaff(db, staffId)) ?? null, [db, staffId]);
}

/**
 * Every person's name by staff id, inactive people included (a past record still names who wrote
 * or signed it), live; undefined while loading.
 */
export function useStaffNames(): ReadonlyMap<string, string> | undefined {
  const db = useDb();
  return useLiveQuery(
    async () => new Map((await listStaff(db, { includeInactive: true })).map((s) => [s.id, s.name])),
    [db],
  );
}
