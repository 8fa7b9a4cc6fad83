import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { EntryStatus, LogKind, Severity } from '../../../domain/entities';
import { entriesForDuty, type EntryFilter } from '../../db/queries';
import { useDb } from '../../ui/db-context';

export type All = 'all';
export const ALL: All = 'all';

/**
 * The current duty's entries, newest first, live: entries written on this tablet and those pulled
 * from the building's other tablets appear without a refresh.
 */
export function useEntryList(dutyId: string) {
  const db = useDb();
  const [kind, setKind] = useState<LogKind | All>(ALL);
  const [severity, setSeverity] = useState<Severity | All>(ALL);
  const [status, setStatus] = useState<EntryStatus | All>(ALL);

  const filter: EntryFilter = {};
  if (kind !== ALL) filter.kind = kind;
  if (severity !== ALL) filter.severity = severity;
  if (status !== ALL) filter.status = status;
  const filtered = kind !== ALL || severity !== ALL || status !== ALL;

  const entries = useLiveQuery(() => entriesForDuty(db, dutyId, filter), [db, dutyId, kind, severity, status]);
  return { entries, filtered, kind, setKind, severity, setSeverity, status, setStatus };
}
