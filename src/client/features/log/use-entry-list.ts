import { useLiveQuery } from 'dexie-react-hooks';
import { entriesForDuty } from '../../db/queries';
import { useDb } from '../../ui/db-context';
import { useEntryFilters } from './use-entry-filters';

/**
 * The current duty's entries, newest first, live: entries written on this tablet and those pulled
 * from the building's other tablets appear without a refresh.
 */
export function useEntryList(dutyId: string) {
  const db = useDb();
  const filters = useEntryFilters();
  const { kind, severity, status } = filters;
  const entries = useLiveQuery(() => entriesForDuty(db, dutyId, filters.filter), [db, dutyId, kind, severity, status]);
  return { entries, filters };
}
