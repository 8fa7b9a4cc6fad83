import { useState } from 'react';
import type { EntryStatus, LogKind, Severity } from '../../../domain/entities';
import type { EntryFilter } from '../../db/queries';

export type All = 'all';
export const ALL: All = 'all';

/** The kind, severity and status chips of an entry list, and the query filter they make. */
export interface EntryFilterState {
  kind: LogKind | All;
  setKind(kind: LogKind | All): void;
  severity: Severity | All;
  setSeverity(severity: Severity | All): void;
  status: EntryStatus | All;
  setStatus(status: EntryStatus | All): void;
  /** For `entriesForDuty` / `entriesForDay`: only the chips not set to "All". */
  filter: EntryFilter;
  /** Any chip narrows the list, so an empty list reads "no match" rather than "no entries". */
  filtered: boolean;
}

/**
 * Filter state shared by the current-duty list and the record by day. Live queries depend on
 * `kind`, `severity` and `status` (strings), not on `filter`, which is a new object every render.
 */
export function useEntryFilters(): EntryFilterState {
  const [kind, setKind] = useState<LogKind | All>(ALL);
  const [severity, setSeverity] = useState<Severity | All>(ALL);
  const [status, setStatus] = useState<EntryStatus | All>(ALL);

  const filter: EntryFilter = {};
  if (kind !== ALL) filter.kind = kind;
  if (severity !== ALL) filter.severity = severity;
  if (status !== ALL) filter.status = status;
  const filtered = kind !== ALL || severity !== ALL || status !== ALL;

  return { kind, setKind, severity, setSeverity, status, setStatus, filter, filtered };
}
