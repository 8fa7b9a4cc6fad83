import { useLiveQuery } from 'dexie-react-hooks';
import type { Duty } from '../../../domain/entities';
import { openDutyFor } from '../../db/queries';
import { deskState, type DeskState } from '../../db/queries/desk-queries';
import { useDb } from '../../ui/db-context';
import { useCorrectedNow } from '../../ui/use-now';
import { useSite } from '../../ui/use-site';

/**
 * The signed-in person's open duty, live: `undefined` while loading, `null` when none is open. A
 * duty belongs to its person, not the tablet: it is found by staff, whichever tablet opened it, so
 * signing in on another enrolled tablet of the building continues the same duty. It begins and
 * ends only through the handover screen (H3): accepting a handover or opening the desk, handing
 * over or closing the desk.
 */
export function useDuty(staffId: string): Duty | null | undefined {
  const db = useDb();
  return useLiveQuery(async (): Promise<Duty | null> => (await openDutyFor(db, staffId)) ?? null, [db, staffId]);
}

/** H3, S1: who is on duty in the building now, and whether `staffId` may open the desk. */
export function useDesk(staffId: string): DeskState | undefined {
  const db = useDb();
  const site = useSite();
  // T1: "rostered now" is measured in server-corrected time.
  const nowMs = useCorrectedNow(30_000);
  const lead = site?.incomingLeadMinutes;
  return useLiveQuery(
    async () =>
      lead === undefined || nowMs === undefined
        ? undefined
        : deskState(db, staffId, nowMs, { incomingLeadMinutes: lead }),
    [db, staffId, lead, nowMs],
  );
}
