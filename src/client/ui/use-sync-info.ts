import { useLiveQuery } from 'dexie-react-hooks';
import { conflictCount, getSyncStatus, pendingOpCount, type SyncStatus } from '../db/queries';
import { photoUploads, refusalLists, type PhotoUploads, type RefusalLists } from '../db/queries/refusal-queries';
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

/** The number of recorded conflicts (patches that lost to a newer server value), live. */
export function useConflictCount(): number | undefined {
  const db = useDb();
  return useLiveQuery(() => conflictCount(db), [db]);
}

/** Refused changes, open and dealt with (issue 7 §8), live; undefined while loading. */
export function useRefusals(): RefusalLists | undefined {
  const db = useDb();
  return useLiveQuery(() => refusalLists(db), [db]);
}

/** Photos taken here that wait to upload or were refused (issue 7 §8), live; undefined while loading. */
export function usePhotoUploads(): PhotoUploads | undefined {
  const db = useDb();
  return useLiveQuery(() => photoUploads(db), [db]);
}
