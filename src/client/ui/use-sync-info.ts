import { useLiveQuery } from 'dexie-react-hooks';
import type { SyncError } from '../../domain/entities';
import { conflictCount, getSyncStatus, listSyncErrors, pendingOpCount, type SyncStatus } from '../db/queries';
import { useDb } from './db-context';
import { useOnline } from './use-online';

export interface SyncInfo {
  /** navigator.onLine and the last sync did not fail for lack of a network. */
  online: boolean;
  pending: number | undefined;
  status: SyncStatus | undefined;
}

/** What the status bar shows, live from the database. */
export function useSyncInfo(): SyncInfo {
  const db = useDb();
  const browserOnline = useOnline();
  const pending = useLiveQuery(() => pendingOpCount(db), [db]);
  const status = useLiveQuery(() => getSyncStatus(db), [db]);
  return { online: browserOnline && status?.lastError !== 'offline', pending, status };
}

/** Refused changes (newest first) and the number of recorded conflicts, for the sync panel. */
export function useSyncProblems(): { errors: SyncError[] | undefined; conflicts: number | undefined } {
  const db = useDb();
  const errors = useLiveQuery(() => listSyncErrors(db), [db]);
  const conflicts = useLiveQuery(() => conflictCount(db), [db]);
  return { errors, conflicts };
}
