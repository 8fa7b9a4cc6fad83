import { useLiveQuery } from 'dexie-react-hooks';
import { entriesForDuty } from '../../db/queries';
import { rowsWithTimeInDoubt } from '../../db/queries/review-flags';
import { useDb } from '../../ui/db-context';
import { useEntryFilters } from './use-entry-filters';

/**
 * The current duty's entries, newest first, live: entries written on this tablet and those pulled
 * from the building's other tablets appear without a refresh; so do the server's flags on them (T1).
 */
export function useEntryList(dutyId: string) {
  const db = useDb();
  const filters = useEntryFilters();
  const { kind, severity, status } = filters;
  const data = useLiveQuery(async () => {
    const entries = await entriesForDuty(db, dutyId, filters.filter);
    const inDoubt = await rowsWithTimeInDoubt(
      db,
      'logEntry',
      entries.map((e) => e.id),
    );
    return { entries, inDoubt };
  }, [db, dutyId, kind, severity, status]);
  return { entries: data?.entries, inDoubt: data?.inDoubt, filters };
}
