import { useCallback, useMemo, useState } from 'react';
import type { BuildingSummary } from '../../../domain/api';
import type { AdminActor } from '../../sync/admin-client';
import { officeBuildings } from '../../sync/office-client';
import { useBuildingSwitch } from '../../ui/building-switch';
import { useDb } from '../../ui/db-context';
import { useServerRead } from '../../ui/use-server-read';

/**
 * Issue 10 §1: the signed-in person's buildings with each one's figures, from the server (online
 * only: the figures are the server's, across buildings), loaded when the screen opens, on
 * "Refresh", and after coming back online; and opening another of them on this device.
 */
export function useBuildings(staffId: string) {
  const db = useDb();
  const switcher = useBuildingSwitch();
  const actor = useMemo<AdminActor>(() => ({ db, staffId }), [db, staffId]);
  const list = useServerRead(useCallback(() => officeBuildings(actor), [actor]));
  const [opening, setOpening] = useState<string | null>(null);
  const [openFailure, setOpenFailure] = useState<{ siteId: string; error: unknown } | null>(null);

  const open = useCallback(
    async (b: BuildingSummary) => {
      if (!switcher) return;
      setOpening(b.siteId);
      setOpenFailure(null);
      try {
        await switcher.open(b, { staffId });
      } catch (error) {
        setOpenFailure({ siteId: b.siteId, error });
      } finally {
        setOpening(null);
      }
    },
    [switcher, staffId],
  );

  return {
    buildings: list.data,
    loadedAt: list.loadedAt,
    loading: list.loading,
    failure: list.failure,
    online: list.online,
    reload: list.reload,
    open,
    opening,
    openFailure,
    canSwitch: switcher !== null,
  };
}
