import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import type { Duty } from '../../../domain/entities';
import { endDuty, startDuty } from '../../db/repos/duty-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { openDutyFor } from '../../db/queries';
import { useDb } from '../../ui/db-context';

/**
 * The signed-in person's open duty, live: `undefined` while loading, `null` when none is open.
 * Issue 3 opens duties through a handover; until then a person starts one by choosing a shift.
 */
export function useDuty(staffId: string) {
  const db = useDb();
  const duty = useLiveQuery(async (): Promise<Duty | null> => (await openDutyFor(db, staffId)) ?? null, [db, staffId]);

  const start = useCallback(
    async (shiftId: string | null) => {
      const ctx = await makeWriteContext(db, staffId);
      await startDuty(db, ctx, { shiftId });
    },
    [db, staffId],
  );

  const end = useCallback(
    async (dutyId: string) => {
      const ctx = await makeWriteContext(db, staffId);
      await endDuty(db, ctx, dutyId);
    },
    [db, staffId],
  );

  return { duty, start, end };
}
