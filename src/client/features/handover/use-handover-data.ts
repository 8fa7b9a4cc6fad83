import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import type { Duty } from '../../../domain/entities';
import type { Handover, HandoverRecord } from '../../../domain/handover-entities';
import { openDutyFor } from '../../db/queries';
import { handoverForDuty, listRecords } from '../../db/queries/handover-queries';
import { openHandover } from '../../db/repos/handover-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';

/** How many recent records are searched for the one that opened the current duty, and its addenda. */
const RECENT_RECORDS = 50;

export interface HandoverScreenData {
  /** The signed-in person's open duty, or null: then there is nothing to hand over. */
  duty: Duty | null;
  /** The handover being prepared for that duty. */
  handover: Handover | null;
  /** H3: the signed record that opened this duty (the handover this person received). */
  received: HandoverRecord | null;
  /** Addenda correcting `received`, oldest first. */
  corrections: HandoverRecord[];
}

/**
 * What the handover screen shows for `staffId`, live: their open duty, its handover being prepared,
 * and the signed record through which they took over. `undefined` while loading.
 */
export function useHandoverData(staffId: string): HandoverScreenData | undefined {
  const db = useDb();
  return useLiveQuery(async (): Promise<HandoverScreenData> => {
    const duty = (await openDutyFor(db, staffId)) ?? null;
    if (!duty) return { duty: null, handover: null, received: null, corrections: [] };
    const draft = await handoverForDuty(db, duty.id);
    const handover = draft && draft.status === 'preparing' ? draft : null;
    if (duty.handoverId === null) return { duty, handover, received: null, corrections: [] };
    const records = await listRecords(db, RECENT_RECORDS);
    return {
      duty,
      handover,
      received: records.find((r) => r.id === duty.handoverId) ?? null,
      corrections: records.filter((r) => r.correctsId === duty.handoverId).reverse(),
    };
  }, [db, staffId]);
}

/** H1: the outgoing person opens the handover of their duty (or gets the one already open). */
export function useStartHandover(staffId: string) {
  const db = useDb();
  return useCallback(
    async (dutyId: string, scheduledAt: number | null) => {
      const ctx = await makeWriteContext(db, staffId);
      await openHandover(db, ctx, { outgoingDutyId: dutyId, scheduledAt });
    },
    [db, staffId],
  );
}
