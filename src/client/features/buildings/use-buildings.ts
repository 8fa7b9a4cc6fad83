import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BuildingSummary } from '../../../domain/api';
import type { AdminActor } from '../../sync/admin-client';
import { officeBuildings } from '../../sync/office-client';
import { useBuildingSwitch } from '../../ui/building-switch';
import { useDb } from '../../ui/db-context';
import { useOnline } from '../../ui/use-online';

/**
 * Issue 10 §1: the signed-in person's buildings with each one's figures, from the server (online
 * only: the figures are the server's, across buildings), loaded when the screen opens, on
 * "Refresh", and after coming back online; and opening another of them on this device.
 */
export function useBuildings(staffId: string) {
  const db = useDb();
  const online = useOnline();
  const switcher = useBuildingSwitch();
  const actor = useMemo<AdminActor>(() => ({ db, staffId }), [db, staffId]);
  const [buildings, setBuildings] = useState<BuildingSummary[] | null>(null);
  const [loadedAt, setLoadedAt] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const [opening, setOpening] = useState<string | null>(null);
  const [openFailure, setOpenFailure] = useState<{ siteId: string; error: unknown } | null>(null);

  useEffect(() => {
    if (!online) return;
    let current = true;
    void (async () => {
      try {
        const list = await officeBuildings(actor);
        if (current) {
          setBuildings(list);
          setLoadedAt(Date.now());
          setFailure(null);
        }
      } catch (error) {
        if (current) setFailure(error);
      } finally {
        if (current) setLoading(false);
      }
    })();
    return () => {
      current = false;
    };
  }, [online, actor, round]);

  const reload = useCallback(() => {
    setLoading(true);
    setFailure(null);
    setRound((n) => n + 1);
  }, []);

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
    buildings,
    loadedAt,
    loading: loading && online,
    failure,
    online,
    reload,
    open,
    opening,
    openFailure,
    canSwitch: switcher !== null,
  };
}
