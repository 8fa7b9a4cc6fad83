import { useCallback, useMemo } from 'react';
import type { AdminActor } from '../../sync/admin-client';
import { useDb } from '../../ui/db-context';
import { useEngine } from '../../ui/engine-context';
import { useOnline } from '../../ui/use-online';

/**
 * What every admin form shares (issue 9 §3): the actor its requests are made as, whether the
 * tablet is online (offline, the forms refuse at once instead of queueing an admin change), and
 * `pulled()`, which starts a sync after a success so this tablet pulls the row the server wrote.
 */
export function useAdminApi(staffId: string) {
  const db = useDb();
  const { syncNow } = useEngine();
  const online = useOnline();
  const actor = useMemo<AdminActor>(() => ({ db, staffId }), [db, staffId]);
  // syncNow never throws; a failed pull is shown by the status bar like any other.
  const pulled = useCallback(() => void syncNow(), [syncNow]);
  return { actor, online, pulled };
}
