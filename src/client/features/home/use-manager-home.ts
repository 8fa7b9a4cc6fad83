import { useLiveQuery } from 'dexie-react-hooks';
import { managerQueue, type ManagerQueue } from '../../db/queries/home-queries';
import { useDb } from '../../ui/db-context';
import { useSite } from '../../ui/use-site';
import { useStaffNames } from '../../ui/use-staff';

export interface ManagerHome {
  /** Undefined while loading. */
  queue: ManagerQueue | undefined;
  /** The building's zone for times (T1); undefined until the building has synced. */
  timeZone: string | undefined;
  nameOf(staffId: string | null): string | undefined;
}

/** The manager's home, live: what waits for their approval or decision, and everyone's names. */
export function useManagerHome(): ManagerHome {
  const db = useDb();
  const site = useSite();
  const names = useStaffNames();
  const queue = useLiveQuery(() => managerQueue(db), [db]);
  return {
    queue,
    timeZone: site?.timeZone,
    nameOf: (staffId) => (staffId ? names?.get(staffId) : undefined),
  };
}
